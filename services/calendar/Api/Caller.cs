using System.Security.Claims;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Calendar.Api;

/// <summary>Reads the caller from the token (<c>sub</c>, <c>role</c>, <c>wijk</c> claims) as the domain's <see cref="Actor"/>.</summary>
public static class Caller
{
    public static Actor Of(ClaimsPrincipal user) =>
        CallerClaims.Of(user) is { } caller ? new Actor(caller.UserId, caller.Roles, caller.Wijken) : Actor.Anonymous;
}
