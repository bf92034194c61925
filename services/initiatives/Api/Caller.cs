using System.Security.Claims;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Initiatives.Api;

/// <summary>Reads the caller from the token (<c>sub</c>, <c>role</c>, <c>wijk</c> claims) as the domain's <see cref="Actor"/>.</summary>
public static class Caller
{
    public static Actor Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Actor.Anonymous;
        }
        var userId = Guid.TryParse(user.FindFirst(BuurtClaims.Subject)?.Value, out var id) ? id : (Guid?)null;
        var wijken = user.FindAll(BuurtClaims.Wijk).Select(c => Guid.TryParse(c.Value, out var w) ? w : Guid.Empty).Where(w => w != Guid.Empty);
        return new Actor(userId, BuurtRoles.All.Where(user.IsInRole), wijken);
    }
}
