using System.Security.Claims;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Contacts.Api;

/// <summary>Reads the caller from the token (<c>sub</c>, <c>role</c>, <c>wijk</c> claims) as the domain's <see cref="Viewer"/>.</summary>
public static class Caller
{
    public static Viewer Of(ClaimsPrincipal user)
    {
        var caller = TokenCaller.Of(user);
        return caller.UserId is null && caller.Roles.Count == 0 ? Viewer.Anonymous : new Viewer(caller.UserId, caller.Roles, caller.Wijken);
    }
}
