using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.UseCases;

/// <summary>
/// Staff accounts, created by the tenant admin without a password: the new colleague gets an
/// invitation code by mail (the notifications service mails <c>StaffInvited</c>) and chooses a
/// password with it (<see cref="PasswordResets.ConfirmAsync"/>).
/// </summary>
public sealed class StaffAccounts(UserManager<BuurtUser> users, IdentityServiceDbContext db, ITenantContext tenant, AccountEvents events)
{
    /// <summary>The new account, its role and the wijken it works for.</summary>
    public sealed record Created(BuurtUser Account, string Role, IReadOnlyList<Guid> Wijken);

    /// <summary>The account, its role and wijken, its registration and its invitation, in one transaction.</summary>
    /// <remarks>Colleagues of a Dutch municipality read Dutch unless <paramref name="language"/> says "en".</remarks>
    public async Task<Created> CreateAsync(string email, string displayName, string role, IEnumerable<Guid> wijken, CancellationToken cancellationToken,
        string? language = null)
    {
        var tenantId = tenant.RequiredTenantId;
        var scope = wijken.Distinct().ToList();
        StaffRoles.Check(role, scope);
        var known = await db.Areas.Where(a => scope.Contains(a.Id) && a.Kind == AreaKind.Wijk).CountAsync(cancellationToken);
        if (known != scope.Count)
        {
            throw RuleException.Invalid("wijken", "Every wijk must be a wijk of this municipality.");
        }
        if (await users.FindInTenantAsync(tenantId, email) is not null)
        {
            throw RuleException.Conflict("There is already an account with this e-mail address here.");
        }

        var account = BuurtUser.New(tenantId, email, displayName);
        account.EmailConfirmed = true; // the tenant admin knows the address
        account.Language = language == "en" ? "en" : "nl";
        // Its own transaction, or the caller's (a new municipality's first admin).
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            (await users.CreateAsync(account)).EnsureSucceeded("A staff account");
            (await users.AddToRoleAsync(account, role)).EnsureSucceeded("A staff account's role");
            db.UserAreaScopes.AddRange(scope.Select(w => new UserAreaScope { UserId = account.Id, AreaId = w }));
            await db.SaveChangesAsync(cancellationToken);
            await events.RegisteredAsync(account, selfRegistered: false, cancellationToken);
            events.StaffInvited(account, await users.GeneratePasswordResetTokenAsync(account));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        return new Created(account, role, scope);
    }
}
