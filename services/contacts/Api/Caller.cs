using System.Security.Claims;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Contacts.Api;

/// <summary>Reads the caller from the token (<c>sub</c>, <c>role</c>, <c>wijk</c> claims) as the domain's <see cref="Viewer"/>.</summary>
public static class Caller
{
    public static Viewer Of(ClaimsPrincipal user) =>
        CallerClaims.Of(user) is { } caller ? new Viewer(caller.UserId, caller.Roles, caller.Wijken) : Viewer.Anonymous;
}
