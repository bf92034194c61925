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
        var caller = TokenCaller.Of(user);
        return new Actor(caller.UserId, caller.Roles, caller.Wijken);
    }
}
