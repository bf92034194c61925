using System.Security.Claims;
using Buurt.Identity.Api.Account;
using Buurt.Identity.Data;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Buurt.Identity.Api;

/// <summary>
/// /connect/authorize (authorization code + PKCE, validated by OpenIddict) and /connect/logout:
/// the browser signs in on our own login page first; its session cookie belongs to one tenant.
/// </summary>
public static class AuthorizeEndpoint
{
    public static void MapAuthorizeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).ExcludeFromDescription();
        app.MapMethods("/connect/logout", ["GET", "POST"], new Func<HttpContext, Task<IResult>>(LogoutAsync)).ExcludeFromDescription();
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, ITenantContext tenant, UserManager<BuurtUser> users, IdentityServiceDbContext db)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        var session = await http.AuthenticateAsync(AccountPages.SessionScheme);
        var user = session.Succeeded
            && session.Principal.FindFirst(BuurtClaims.Tenant)?.Value == tenant.TenantId
            && session.Principal.FindFirst(BuurtClaims.Subject)?.Value is { } subject
                ? await users.FindByIdAsync(subject)
                : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return TokenEndpoint.Refuse(Errors.LoginRequired, "The user is not signed in.");
            }
            // To the login page, and back here with the same request afterwards.
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryOf(http, request);
            return Results.Redirect($"{AccountPages.LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
        ClaimsPrincipal principal = await TokenEndpoint.UserPrincipalAsync(user, request.GetScopes(), users, db);
        return TokenEndpoint.SignIn(principal);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(AccountPages.SessionScheme);
        // OpenIddict sends the browser on to the client's post_logout_redirect_uri.
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>The authorization request as a query string (a POSTed request becomes one too).</summary>
    private static string QueryOf(HttpContext http, OpenIddictRequest request) =>
        HttpMethods.IsGet(http.Request.Method)
            ? http.Request.QueryString.Value ?? ""
            : QueryString.Create(request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))).Value ?? "";
}
