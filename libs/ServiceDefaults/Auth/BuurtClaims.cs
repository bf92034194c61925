namespace Buurt.ServiceDefaults.Auth;

/// <summary>The claims of a Buurt access token, beside the standard <c>sub</c>.</summary>
public static class BuurtClaims
{
    public const string Subject = "sub";

    /// <summary>The municipality the user belongs to (its slug); absent for a platform operator.</summary>
    public const string Tenant = "tenant";

    public const string Role = "role";

    /// <summary>A wijk (area id) the user lives in or is scoped to; one claim per wijk.</summary>
    public const string Wijk = "wijk";
}

/// <summary>The roles of DOMAIN.md, as they appear in tokens.</summary>
public static class BuurtRoles
{
    public const string Resident = "resident";

    /// <summary>Wijkregisseur; scoped to wijken.</summary>
    public const string Director = "director";

    /// <summary>Wijkwethouder; scoped to wijken.</summary>
    public const string Alderman = "alderman";

    /// <summary>A partner organisation's contact; scoped to wijken.</summary>
    public const string Partner = "partner";

    public const string BudgetController = "budget-controller";

    public const string TenantAdmin = "tenant-admin";

    /// <summary>Runs the platform; sees no tenant's data by default.</summary>
    public const string PlatformOperator = "platform-operator";

    /// <summary>A machine client (client credentials) of one municipality.</summary>
    public const string Integration = "integration";

    public static readonly IReadOnlyList<string> All =
        [Resident, Director, Alderman, Partner, BudgetController, TenantAdmin, PlatformOperator, Integration];
}

/// <summary>What a service reads of its caller from the token: the user, the roles and the wijken; nothing for an anonymous caller.</summary>
public sealed record TokenCaller(Guid? UserId, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken)
{
    public static TokenCaller Anonymous { get; } = new(null, [], []);

    /// <summary>The <c>sub</c>, <c>role</c> and <c>wijk</c> claims of a validated token (a machine client has no user).</summary>
    public static TokenCaller Of(System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        var userId = Guid.TryParse(user.FindFirst(BuurtClaims.Subject)?.Value, out var id) ? id : (Guid?)null;
        var wijken = user.FindAll(BuurtClaims.Wijk).Select(c => Guid.TryParse(c.Value, out var w) ? w : Guid.Empty).Where(w => w != Guid.Empty);
        return new TokenCaller(userId, [.. BuurtRoles.All.Where(user.IsInRole)], [.. wijken]);
    }
}
