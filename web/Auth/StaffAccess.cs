using System.Security.Claims;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Web.Auth;

/// <summary>
/// Who works in the district workspace (/werkplek): the wijkregisseur and the wijkwethouder, for the
/// wijken their token names; the tenant's functional administrator for the whole municipality. The
/// screens only hide what the APIs would refuse; the APIs still decide.
/// </summary>
public static class StaffAccess
{
    private static readonly string[] s_wijkRoles = [BuurtRoles.Director, BuurtRoles.Alderman];

    public static bool WorksForWijken(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindAll(BuurtClaims.Role).Any(c => s_wijkRoles.Contains(c.Value));

    public static bool IsDirector(this ClaimsPrincipal user) => user.HasClaim(BuurtClaims.Role, BuurtRoles.Director);

    public static bool IsAlderman(this ClaimsPrincipal user) => user.HasClaim(BuurtClaims.Role, BuurtRoles.Alderman);

    /// <summary>The budget controller works for the whole municipality: the ledger's CSV and the header's start check this role, not a wijk (the pages: WerkplekRoles).</summary>
    public static bool IsBudgetController(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(BuurtClaims.Role, BuurtRoles.BudgetController);

    public static bool IsTenantAdmin(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(BuurtClaims.Role, BuurtRoles.TenantAdmin);

    /// <summary>The user's roles (the token's role claims).</summary>
    public static IReadOnlySet<string> Roles(this ClaimsPrincipal user) => user.FindAll(BuurtClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Where the header's "Werkplek" takes the user: a wijk's staff to their wijk today, the administrator
    /// to the settings, the budget controller to the budget; null for anyone else.
    /// </summary>
    public static string? WerkplekStart(this ClaimsPrincipal user) =>
        user.WorksForWijken() ? "/werkplek" : user.IsTenantAdmin() ? "/werkplek/instellingen" : user.IsBudgetController() ? "/werkplek/budget" : null;

    /// <summary>The wijken the token names, in its order (one claim per wijk).</summary>
    public static IReadOnlyList<Guid> WijkIds(this ClaimsPrincipal user) =>
        [.. user.FindAll(BuurtClaims.Wijk).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct()];
}
