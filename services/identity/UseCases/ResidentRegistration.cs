using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Buurt.Identity.UseCases;

/// <summary>A resident creates their own account; their postcode decides their wijk. Used by the API and the page.</summary>
public sealed class ResidentRegistration(UserManager<BuurtUser> users, IdentityServiceDbContext db, ITenantContext tenant, AccountEvents events)
{
    /// <summary>The new account and the wijk it lives in.</summary>
    public sealed record Registered(BuurtUser Account, Area Wijk);

    /// <summary>
    /// Invalid postcode, password or e-mail address (naming that field), or a conflict when the
    /// address has an account here. <paramref name="language"/> ("nl" or "en") is the person's for
    /// their mail; the notifications service welcomes them (<c>AccountRegistered</c>).
    /// </summary>
    public async Task<Registered> RegisterAsync(string email, string password, string displayName, string postcode, CancellationToken cancellationToken,
        string language = "nl")
    {
        var tenantId = tenant.RequiredTenantId;
        var pc4 = Postcode.RequirePc4(postcode);
        var wijk = await db.WijkOfAsync(pc4, cancellationToken)
            ?? throw RuleException.Invalid("postcode", $"Postcode {pc4} lies in no wijk of this municipality.");
        if (await users.FindInTenantAsync(tenantId, email) is not null)
        {
            throw RuleException.Conflict("There is already an account with this e-mail address here. Sign in, or reset the password.");
        }

        var account = BuurtUser.New(tenantId, email, displayName);
        account.Postcode = postcode.Trim().ToUpperInvariant();
        account.HomeAreaId = wijk.Id;
        account.Language = language == "en" ? "en" : "nl";
        // The user and their role together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            var field = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email";
            throw RuleException.Invalid(field, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        (await users.AddToRoleAsync(account, BuurtRoles.Resident)).EnsureSucceeded("The resident role is missing");
        await events.RegisteredAsync(account, selfRegistered: true, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Registered(account, wijk);
    }
}
