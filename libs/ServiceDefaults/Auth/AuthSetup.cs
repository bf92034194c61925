using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;

namespace Buurt.ServiceDefaults.Auth;

/// <summary>
/// Every service validates access tokens itself (defence in depth behind the gateway): signed by
/// identity ("Auth:Issuer"), read from identity's discovery document ("Auth:Authority", the
/// in-cluster address; the issuer when not set).
/// </summary>
public static class AuthSetup
{
    public static void AddTokenValidation(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth");
        var issuer = settings["Issuer"] is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException("Auth:Issuer (identity's public address) is not configured.");
        var authority = settings["Authority"] is { Length: > 0 } internalAddress ? new Uri(internalAddress) : issuer;
        builder.Services.AddOpenIddict().AddValidation(validation =>
        {
            validation.SetIssuer(issuer);
            validation.Configure(o => o.ConfigurationEndpoint = new Uri(authority, ".well-known/openid-configuration"));
            validation.UseSystemNetHttp();
            // Only the Authorization header: a token in a URL ends up in logs, and reading a form
            // body here would take it from the gateway's proxy.
            validation.UseAspNetCore()
                .DisableAccessTokenExtractionFromBodyForm()
                .DisableAccessTokenExtractionFromQueryString();
        });
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(BuurtPolicies.Resident, p => p.RequireRole(BuurtRoles.Resident))
            .AddPolicy(BuurtPolicies.Staff, p => p.RequireRole(
                BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.BudgetController, BuurtRoles.TenantAdmin))
            .AddPolicy(BuurtPolicies.TenantAdmin, p => p.RequireRole(BuurtRoles.TenantAdmin))
            .AddPolicy(BuurtPolicies.BudgetController, p => p.RequireRole(BuurtRoles.BudgetController));
    }

    /// <summary>
    /// Authentication, then: a token that does not validate gets 401, and a token of another
    /// municipality than the request's 403, before any endpoint runs, whatever it allows anonymously.
    /// </summary>
    public static void UseTokenValidation(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // A success the authentication middleware already had is not asked for again (a second
            // round through the authentication service, its claims transformation and metrics).
            var result = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult ?? await context.AuthenticateAsync();
            if (result.Succeeded)
            {
                context.User = result.Principal;
                var requestTenant = context.RequestServices.GetRequiredService<ITenantContext>().TenantId;
                var tokenTenant = context.User.FindFirst(BuurtClaims.Tenant)?.Value;
                if (requestTenant is not null && !string.Equals(requestTenant, tokenTenant, StringComparison.Ordinal))
                {
                    await ForeignTenant(requestTenant).ExecuteAsync(context);
                    return;
                }
            }
            else if (result.Failure is not null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Invalid token",
                    detail: "The access token is expired, tampered with or not ours. Get a new one at /connect/token.")
                    .ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
    }

    /// <summary>The answer to a token of another municipality (the gateway gives the same).</summary>
    public static IResult ForeignTenant(string requestTenant) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Token of another municipality",
        detail: $"This token was not issued for '{requestTenant}'.");
}

/// <summary>Authorization policies every service knows.</summary>
public static class BuurtPolicies
{
    public const string Resident = "resident";

    public const string Staff = "staff";

    public const string TenantAdmin = "tenant-admin";

    public const string BudgetController = "budget-controller";
}
