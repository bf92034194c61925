using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using StackExchange.Redis;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Buurt.Identity.Data;

/// <summary>Properties Buurt gives OpenIddict applications (clients).</summary>
public static class ClientProperties
{
    /// <summary>The one tenant a machine client (client credentials) may act for.</summary>
    public const string Tenant = "tenant";

    /// <summary>Marks the platform operator's client: it acts for no tenant.</summary>
    public const string Operator = "operator";
}

/// <summary>The clients people sign in with: the web app (every municipality's hosts) and the mobile app.</summary>
public static class UserClients
{
    public const string Web = "buurt-web";
    public const string Mobile = "buurt-mobile";

    /// <summary>Code + PKCE, refresh, and the scopes a person's token carries.</summary>
    public static readonly IReadOnlyList<string> SignInPermissions =
    [
        Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
        Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
        Permissions.Prefixes.Scope + Scopes.OpenId, Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Scopes.Roles,
        Permissions.Prefixes.Scope + Scopes.OfflineAccess,
    ];

    /// <summary>The web app's client without addresses: those are each municipality's hosts.</summary>
    public static OpenIddictApplicationDescriptor NewWebClient()
    {
        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = Web,
            ClientType = ClientTypes.Public,
            DisplayName = "Buurt web app",
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        web.Permissions.UnionWith(SignInPermissions);
        web.Permissions.Add(Permissions.Endpoints.EndSession);
        return web;
    }

    /// <summary>
    /// The native app (one for every municipality): code + PKCE to its own scheme, or to a
    /// loopback address on any port (RFC 8252 7.3) for a desktop build.
    /// </summary>
    public static async Task EnsureMobileClientAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(Mobile, cancellationToken) is not null)
        {
            return;
        }
        var mobile = new OpenIddictApplicationDescriptor
        {
            ClientId = Mobile,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            DisplayName = "Buurt mobile app",
            RedirectUris = { new Uri("nl.buurt.app:/oauth/callback"), new Uri("http://127.0.0.1/oauth/callback") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        mobile.Permissions.UnionWith(SignInPermissions);
        await applications.CreateAsync(mobile, cancellationToken);
    }
}

/// <summary>ASP.NET Core Identity for the accounts and OpenIddict for the tokens.</summary>
internal static class IdentityServerSetup
{
    public static void AddIdentityServer(this IHostApplicationBuilder builder, IConnectionMultiplexer redis)
    {
        var settings = builder.Configuration.GetSection("Identity");
        // Cookies, reset links and the like stay valid across replicas and restarts.
        builder.Services.AddDataProtection().SetApplicationName("buurt")
            .PersistKeysToStackExchangeRedis(redis, "buurt:dataprotection-keys");

        builder.Services.AddIdentityCore<BuurtUser>(o =>
            {
                o.User.RequireUniqueEmail = false; // unique per tenant through the user name
                o.User.AllowedUserNameCharacters += ":";
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = settings.GetValue("MaxFailedLogins", 5);
                o.Lockout.DefaultLockoutTimeSpan = settings.GetValue("LockoutTime", TimeSpan.FromMinutes(15));
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityServiceDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var issuer = new Uri(builder.Configuration["Auth:Issuer"]
            ?? throw new InvalidOperationException("Auth:Issuer (the public address of the gateway) is not configured."));
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityServiceDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(issuer);
                o.SetTokenEndpointUris("connect/token");
                o.SetAuthorizationEndpointUris("connect/authorize");
                o.SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // PKCE with S256 only (RFC 9700): "plain" shows the verifier to whoever sees the request.
                o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                o.AllowClientCredentialsFlow().AllowRefreshTokenFlow();
                // The password grant only where the development client (buurt-cli) exists.
                if (settings.GetValue("DevelopmentClients", false))
                {
                    o.AllowPasswordFlow();
                }
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess);
                o.RegisterClaims(Claims.Subject, Claims.Name, Claims.Email, Claims.Role, "tenant", "wijk");
                o.SetAccessTokenLifetime(settings.GetValue("AccessTokenLifetime", TimeSpan.FromMinutes(15)));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                // Services validate access tokens with the public signing key alone.
                o.DisableAccessTokenEncryption();
                // TLS ends at the ingress; inside, the gateway speaks plain HTTP to us.
                o.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddSingleton<PrivateKeyProtection>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, SigningKeysSetup>();
        // Load (or make) the keys when the host starts, so a missing key-encryption key stops the
        // start instead of the first sign-in.
        builder.Services.AddOptions<OpenIddictServerOptions>().ValidateOnStart();
    }
}
