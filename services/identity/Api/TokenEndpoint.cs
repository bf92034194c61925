using System.Security.Claims;
using Buurt.Identity.Data;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Buurt.Identity.Api;

/// <summary>
/// POST /connect/token: OpenIddict has validated the request (client, grant type, scopes); here we
/// decide who the caller is. A user belongs to the municipality the request is for.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ExchangeAsync).ExcludeFromDescription();

    private static async Task<IResult> ExchangeAsync(
        HttpContext http,
        ITenantContext tenant,
        UserManager<BuurtUser> users,
        PasswordSignIn passwords,
        IOpenIddictApplicationManager applications,
        IdentityServiceDbContext db)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        if (tenant.TenantId is not { } tenantId)
        {
            // Only the platform operator's client asks without a municipality.
            return request.IsClientCredentialsGrantType() && await IsOperatorAsync(applications, request.ClientId)
                ? SignIn(OperatorPrincipal(request))
                : Refuse(Errors.InvalidRequest, $"Name the municipality by its host name or the {TenantHeaders.PublicHint} header.");
        }
        if (await db.Tenants.AsNoTracking().AnyAsync(t => t.Slug == tenantId && t.SuspendedAt != null))
        {
            return Refuse(Errors.AccessDenied, "This municipality is suspended on the platform.");
        }

        if (request.IsPasswordGrantType())
        {
            var check = await passwords.CheckAsync(request.Username ?? "", request.Password ?? "");
            return check switch
            {
                { Account: { } user } => SignIn(await UserPrincipalAsync(user, request.GetScopes(), users, db)),
                { Deactivated: true } => Refuse(Errors.InvalidGrant, "This account has been deactivated by the municipality."),
                { LockedOut: true } => Refuse(Errors.InvalidGrant, "This account is locked for a while after too many failed attempts."),
                _ => Refuse(Errors.InvalidGrant, "The e-mail address or the password is wrong."),
            };
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var earlier = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = earlier?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (user is null || user.TenantId != tenantId || await users.IsLockedOutAsync(user))
            {
                return Refuse(Errors.InvalidGrant, "This account can no longer sign in here.");
            }
            return SignIn(await UserPrincipalAsync(user, earlier!.GetScopes(), users, db));
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!);
            var properties = application is null ? null : await applications.GetPropertiesAsync(application);
            if (properties is null
                || !properties.TryGetValue(ClientProperties.Tenant, out var allowed)
                || allowed.GetString() != tenantId)
            {
                return Refuse(Errors.UnauthorizedClient, $"This client does not act for '{tenantId}'.");
            }
            var identity = NewIdentity();
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(BuurtClaims.Tenant, tenantId)
                .SetClaims(Claims.Role, [BuurtRoles.Integration]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return SignIn(new ClaimsPrincipal(identity));
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<bool> IsOperatorAsync(IOpenIddictApplicationManager applications, string? clientId) =>
        clientId is not null
        && await applications.FindByClientIdAsync(clientId) is { } application
        && (await applications.GetPropertiesAsync(application)).TryGetValue(ClientProperties.Operator, out var flag)
        && flag.ValueKind == System.Text.Json.JsonValueKind.True;

    /// <summary>The operator: a role and no municipality, so no tenant's data opens to it.</summary>
    private static ClaimsPrincipal OperatorPrincipal(OpenIddictRequest request)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, request.ClientId).SetClaims(Claims.Role, [BuurtRoles.PlatformOperator]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Who the user is now: roles and wijken are read afresh at every token, refresh included.</summary>
    internal static async Task<ClaimsPrincipal> UserPrincipalAsync(
        BuurtUser user, IEnumerable<string> scopes, UserManager<BuurtUser> users, IdentityServiceDbContext db)
    {
        var roles = await users.GetRolesAsync(user);
        var wijken = await db.UserAreaScopes.Where(s => s.UserId == user.Id).Select(s => s.AreaId).ToListAsync();
        if (user.HomeAreaId is { } home && !wijken.Contains(home))
        {
            wijken.Add(home);
        }

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(BuurtClaims.Tenant, user.TenantId)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaims(Claims.Role, [.. roles])
            .SetClaims(BuurtClaims.Wijk, [.. wijken.Select(w => w.ToString())]);
        identity.SetScopes(scopes.Intersect([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess]));
        identity.SetDestinations(claim => claim.Type switch
        {
            // Personal data goes only to the client, in the identity token, when asked for.
            Claims.Name when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.IdentityToken],
            Claims.Email when claim.Subject!.HasScope(Scopes.Email) => [Destinations.IdentityToken],
            Claims.Name or Claims.Email => [],
            _ => [Destinations.AccessToken, Destinations.IdentityToken],
        });
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    internal static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>An OAuth error answer (OpenIddict writes it as the protocol says).</summary>
    internal static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
