using Microsoft.AspNetCore.Identity;

namespace Buurt.Identity.Data;

/// <summary>
/// A person with an account in one municipality. The same e-mail address may have an account in
/// another municipality: the user name is "{tenant}:{e-mail}", unique per tenant.
/// </summary>
public sealed class BuurtUser : IdentityUser<Guid>
{
    public string TenantId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>Where a resident lives: their postcode and the wijk it lies in.</summary>
    public string? Postcode { get; set; }

    public Guid? HomeAreaId { get; set; }

    /// <summary>The language the person reads their mail and pages in: "nl" or "en".</summary>
    public string Language { get; set; } = "nl";

    public static string UserNameFor(string tenantId, string email) => $"{tenantId}:{email.Trim().ToLowerInvariant()}";

    /// <summary>A new account in a municipality (not yet stored: UserManager.CreateAsync does that).</summary>
    public static BuurtUser New(string tenantId, string email, string displayName) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = UserNameFor(tenantId, email),
        Email = email.Trim(),
        TenantId = tenantId,
        DisplayName = displayName.Trim(),
    };

    /// <summary>
    /// A deactivated staff account is locked out for good (Identity's own lockout, which sign-in and
    /// every token refresh check); far in the future rather than MaxValue, which PostgreSQL rounds.
    /// </summary>
    public static readonly DateTimeOffset DeactivatedUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public bool IsDeactivated => LockoutEnd >= DeactivatedUntil;
}

public static class TenantUsers
{
    /// <summary>The account of this e-mail address in this municipality, if any.</summary>
    public static Task<BuurtUser?> FindInTenantAsync(this UserManager<BuurtUser> users, string tenantId, string email) =>
        users.FindByNameAsync(BuurtUser.UserNameFor(tenantId, email));

    /// <summary>For steps that cannot fail unless our own setup is wrong (a missing role): a failure is our fault.</summary>
    public static void EnsureSucceeded(this IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>A wijk a director, alderman or partner works for.</summary>
public sealed class UserAreaScope
{
    public Guid UserId { get; set; }

    public Guid AreaId { get; set; }
}
