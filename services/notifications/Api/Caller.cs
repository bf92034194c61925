using System.Security.Claims;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Notifications.Api;

/// <summary>The signed-in person, from the token's <c>sub</c>.</summary>
public static class Caller
{
    /// <summary>The account id; endpoints that call this require an authenticated user, whose token always has one.</summary>
    public static Guid AccountOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(BuurtClaims.Subject)?.Value, out var id)
            ? id
            : throw Buurt.ServiceDefaults.Domain.RuleException.Forbidden("This token names no person (a machine client has no inbox).");
}
