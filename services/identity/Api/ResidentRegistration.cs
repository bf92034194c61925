using Buurt.Contracts.Identity;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Identity;

namespace Buurt.Identity.Api;

/// <summary>A resident creates their own account; their postcode decides their wijk. Used by the API and the page.</summary>
public sealed class ResidentRegistration(UserManager<BuurtUser> users, IdentityServiceDbContext db)
{
    public abstract record Outcome;

    public sealed record Registered(BuurtUser User, AreaReference Wijk) : Outcome;

    /// <summary>A field and what is wrong with it, in English (the page translates the field).</summary>
    public sealed record Invalid(string Field, string[] Messages) : Outcome;

    public sealed record AlreadyRegistered : Outcome;

    public async Task<Outcome> RegisterAsync(
        string tenantId, string email, string password, string displayName, string postcode, CancellationToken cancellationToken)
    {
        if (Postcode.Pc4Of(postcode) is not { } pc4)
        {
            return new Invalid("postcode", ["A postcode is four digits, optionally followed by two letters (1221 AB)."]);
        }
        var wijk = await db.WijkOfAsync(pc4, cancellationToken) is { } area ? new AreaReference(area.Id, area.Name) : null;
        if (wijk is null)
        {
            return new Invalid("postcode", [$"Postcode {pc4} lies in no wijk of this municipality."]);
        }
        email = email.Trim();
        if (await users.FindInTenantAsync(tenantId, email) is not null)
        {
            return new AlreadyRegistered();
        }

        var user = new BuurtUser
        {
            Id = Guid.CreateVersion7(),
            UserName = BuurtUser.UserNameFor(tenantId, email),
            Email = email,
            TenantId = tenantId,
            DisplayName = displayName.Trim(),
            Postcode = postcode.Trim().ToUpperInvariant(),
            HomeAreaId = wijk.Id,
        };
        // The user and their role together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var field = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email";
            return new Invalid(field, [.. created.Errors.Select(e => e.Description)]);
        }
        var role = await users.AddToRoleAsync(user, BuurtRoles.Resident);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException("The resident role is missing: " + string.Join("; ", role.Errors.Select(e => e.Description)));
        }
        await transaction.CommitAsync(cancellationToken);
        return new Registered(user, wijk);
    }
}
