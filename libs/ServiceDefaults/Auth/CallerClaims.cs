using System.Security.Claims;

namespace Buurt.ServiceDefaults.Auth;

/// <summary>
/// What a token says about its caller (<c>sub</c>, <c>role</c> and <c>wijk</c> claims), read one way
/// for every service; each service turns it into its own domain actor, which decides who may do what.
/// </summary>
public sealed record CallerClaims(Guid? UserId, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken)
{
    /// <summary>The caller's claims; null for an anonymous caller. A machine client has no user id.</summary>
    public static CallerClaims? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var userId = Guid.TryParse(user.FindFirst(BuurtClaims.Subject)?.Value, out var id) ? id : (Guid?)null;
        var wijken = user.FindAll(BuurtClaims.Wijk).Select(c => Guid.TryParse(c.Value, out var w) ? w : Guid.Empty).Where(w => w != Guid.Empty);
        return new CallerClaims(userId, [.. BuurtRoles.All.Where(user.IsInRole)], [.. wijken]);
    }
}
