using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.UseCases;

/// <summary>
/// A person's own account: their name and language, and erasing it. Each change reaches the
/// services that keep a copy (<c>AccountChanged</c>, <c>AccountErased</c>) with the change's commit.
/// </summary>
public sealed class AccountSettings(UserManager<BuurtUser> users, IdentityServiceDbContext db, ITenantContext tenant, AccountEvents events)
{
    /// <summary>
    /// Changes what is given (null: unchanged; an empty phone number removes it); the account as it is now.
    /// The phone number is a Dutch mobile number, kept in E.164.
    /// </summary>
    public async Task<BuurtUser> ChangeAsync(Guid accountId, string? displayName, string? language, string? phoneNumber,
        CancellationToken cancellationToken)
    {
        var account = await AccountAsync(accountId, cancellationToken);
        if (displayName is not null)
        {
            account.DisplayName = displayName.Trim().Length is > 0 and <= 100
                ? displayName.Trim()
                : throw RuleException.Invalid("displayName", "A name has 1 to 100 characters.");
        }
        if (language is not null)
        {
            account.Language = language is "nl" or "en" ? language : throw RuleException.Invalid("language", "The language is nl or en.");
        }
        if (phoneNumber is not null)
        {
            account.PhoneNumber = phoneNumber.Trim().Length == 0 ? null : PhoneNumbers.Normalise(phoneNumber);
        }
        await events.ChangedAsync(account, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>
    /// Erases the account at its owner's request: the account, its roles and wijken go; the
    /// initiatives it took part in keep only its id.
    /// </summary>
    public async Task EraseAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(accountId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        events.Erased(account);
        await db.SaveChangesAsync(cancellationToken);
        (await users.DeleteAsync(account)).EnsureSucceeded("Erasing an account");
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Every account of the municipality as it is now (<c>AccountChanged</c>), for a copy that was
    /// made after them (the notifications service asks once per municipality).
    /// </summary>
    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var accounts = await db.Users.Where(u => u.TenantId == tenantId).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        foreach (var account in accounts)
        {
            await events.ChangedAsync(account, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<BuurtUser> AccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == accountId && u.TenantId == tenant.RequiredTenantId, cancellationToken)
        ?? throw RuleException.NotFound("Your account does not exist (any more).");
}
