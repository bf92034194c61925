using Buurt.ServiceDefaults.Redis;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Buurt.Web.Auth;

/// <summary>
/// Sign-in as a backend for frontend: the web app is identity's OpenID Connect client (code + PKCE,
/// client <c>buurt-web</c>), through the gateway on the municipality's own host name. The tokens stay
/// on the server, in the session in Redis; the browser holds one HttpOnly, SameSite=Lax cookie with
/// the session's key. Signing out ends identity's session too.
/// </summary>
public static class SignIn
{
    /// <summary>The session cookie: the only thing of a sign-in the browser holds.</summary>
    public const string CookieName = "buurt-session";

    public static void AddResidentSignIn(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var gateway = new Uri(configuration["Web:Gateway"]!);
        var prefix = configuration["Web:RedisKeyPrefix"] ?? "buurt:web:";
        var redis = builder.AddRedis();
        // Keys shared by every replica: a cookie written by one is read by all.
        builder.Services.AddDataProtection().SetApplicationName("buurt-web").PersistKeysToStackExchangeRedis(redis, prefix + "dataprotection-keys");
        builder.Services.AddStackExchangeRedisCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            o.InstanceName = prefix + "session:";
        });
        builder.Services.AddSingleton<RedisTicketStore>();
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, TicketStoreSetup>();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = configuration.GetValue("Web:SessionLifetime", TimeSpan.FromHours(8));
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = TokenRefresh.ValidateAsync;
            })
            .AddOpenIdConnect(o =>
            {
                o.MetadataAddress = new Uri(gateway, ".well-known/openid-configuration").ToString();
                o.RequireHttpsMetadata = configuration.GetValue("Web:RequireHttpsMetadata", false);
                o.ClientId = configuration["Web:ClientId"] ?? "buurt-web";
                o.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back in the query: with form_post the callback would need SameSite=None cookies.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "roles", "offline_access" })
                {
                    o.Scope.Add(scope);
                }
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "role";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.SignedOutRedirectUri = "/";
                o.BackchannelHttpHandler = new GatewayBackchannel(gateway, new HttpContextAccessor());
                // The browser meets identity on the municipality's own host (the gateway routes /connect there).
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.IssuerAddress = OnThisHost(context.Request, "connect/authorize");
                    return Task.CompletedTask;
                };
                // A callback that cannot be completed (expired or replayed state, a refused code): say so and offer
                // to try again, instead of the handler's exception.
                o.Events.OnRemoteFailure = context =>
                {
                    var returnUrl = LocalOnly(context.Properties?.RedirectUri);
                    context.Response.Redirect($"/inloggen/mislukt?returnUrl={Uri.EscapeDataString(returnUrl)}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.IssuerAddress = OnThisHost(context.Request, "connect/logout");
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
    }

    private static string OnThisHost(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}/{path}";

    /// <summary>/inloggen?returnUrl=… (to identity and back to that page) and POST /uitloggen (here and at identity).</summary>
    public static void MapSignIn(this WebApplication app)
    {
        app.MapGet("/inloggen", ([FromQuery] string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .ExcludeFromDescription();
        // A form with the antiforgery token (the layout's), so no other site can sign a user out.
        app.MapPost("/uitloggen", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return Results.LocalRedirect("/");
            }
            // Identity's first (it reads the id token from the session as a hint), then the session itself.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme]);
        }).ExcludeFromDescription();
    }

    /// <summary>Only a path of this site ("/initiatieven?x"): never another site, nor "//evil".</summary>
    public static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
