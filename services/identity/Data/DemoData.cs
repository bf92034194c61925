using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Buurt.Identity.Data;

/// <summary>
/// The demo municipalities, their wijken, buurten and postcodes, demo accounts and clients
/// ("Demo:Enabled"). Idempotent: what exists is left alone. Never on in the Helm defaults.
/// </summary>
internal sealed class DemoData(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public const string Password = "Demo-2026!";

    private static readonly (string Tenant, string Code, string Name, Guid Id, int From, int To)[] s_wijken =
    [
        ("hilversum", "HC", "Centrum", Guid.Parse("ee649a34-a6c4-5272-9817-e912c82f2e91"), 1211, 1211),
        ("hilversum", "HNW", "Noordwest", Guid.Parse("65ce95ea-b068-5131-9ea9-759c5c5b91c8"), 1212, 1213),
        ("hilversum", "HNO", "Noordoost", Guid.Parse("e25e019c-96f9-5d9d-9785-204bed043e83"), 1214, 1215),
        ("hilversum", "HO1221", "Oost 1221", Guid.Parse("329d4cef-ec33-5743-857d-6d7d15951eed"), 1221, 1221),
        ("hilversum", "HO1223", "Oost 1223", Guid.Parse("3081fc01-52d2-5888-bfbc-7f8a399f214f"), 1223, 1223),
        ("hilversum", "HZO", "Zuidoost", Guid.Parse("302e390b-262c-5753-bf32-1fbee5356dc4"), 1222, 1222),
        ("hilversum", "HZ", "Zuid", Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f"), 1216, 1217),
        ("hilversum", "HZW", "Zuidwest", Guid.Parse("6573adcd-7f11-59ce-a56d-1cdf723f9517"), 1218, 1218),
        ("hilversum", "HM", "Hilversumse Meent", Guid.Parse("eaf16b02-b197-51a9-8afe-000f743e10e5"), 1219, 1220),
        ("voorbeeldstad", "VN", "Noord", Guid.Parse("40437c71-c350-5967-8430-06f36ad69767"), 9991, 9993),
        ("voorbeeldstad", "VM", "Midden", Guid.Parse("00a2812e-8a6d-57b8-814c-9fab4c768ee1"), 9994, 9996),
        ("voorbeeldstad", "VZ", "Zuid", Guid.Parse("2a0b4758-2c5d-522f-8320-ae68a4790ec5"), 9997, 9999),
    ];

    private static readonly (string Tenant, string Email, string Name, string Role, string? Wijk, string? Postcode)[] s_users =
    [
        ("hilversum", "resident@hilversum.example", "Sanne de Vries", BuurtRoles.Resident, "HZ", "1216 AB"),
        ("hilversum", "resident.oost@hilversum.example", "Ahmed El Amrani", BuurtRoles.Resident, "HO1221", "1221 CD"),
        ("hilversum", "director.zuid@hilversum.example", "Marieke Jansen", BuurtRoles.Director, "HZ", null),
        ("hilversum", "alderman.zuid@hilversum.example", "Peter Bakker", BuurtRoles.Alderman, "HZ", null),
        ("hilversum", "partner.zuid@hilversum.example", "Fatma Yilmaz", BuurtRoles.Partner, "HZ", null),
        ("hilversum", "budget@hilversum.example", "Joost Visser", BuurtRoles.BudgetController, null, null),
        ("hilversum", "admin@hilversum.example", "Ellen Smit", BuurtRoles.TenantAdmin, null, null),
        ("voorbeeldstad", "resident@voorbeeldstad.example", "Kees Mulder", BuurtRoles.Resident, "VN", "9991 AA"),
        ("voorbeeldstad", "director@voorbeeldstad.example", "Anouk Dekker", BuurtRoles.Director, "VN", null),
        ("voorbeeldstad", "admin@voorbeeldstad.example", "Bram de Boer", BuurtRoles.TenantAdmin, null, null),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IdentityServiceDbContext>();
        await SeedAreasAsync(db, cancellationToken);
        await SeedUsersAsync(db, services.GetRequiredService<UserManager<BuurtUser>>(), services.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        await SeedClientsAsync(services.GetRequiredService<IOpenIddictApplicationManager>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A stable id for a demo buurt: UUIDv5-style from its tenant and code.</summary>
    public static Guid IdFor(string tenant, string code)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"buurt/{tenant}/{code}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static async Task SeedAreasAsync(IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(cancellationToken))
        {
            db.Tenants.AddRange(
                new Tenant("hilversum", "Gemeente Hilversum", "GM0402", ["hilversum.localhost", "hilversum.buurt.example"]),
                new Tenant("voorbeeldstad", "Gemeente Voorbeeldstad", "GM9999", ["voorbeeldstad.localhost", "voorbeeldstad.buurt.example"]));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (await db.Areas.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var w in s_wijken)
        {
            // Each area raises its AreaRegistered (and its postcodes PostcodeRangeAdded), stored with it.
            var wijk = Area.Register(w.Id, w.Tenant, AreaKind.Wijk, w.Name, w.Code, null, null, null, now);
            db.Areas.Add(wijk);
            foreach (var (suffix, part) in new[] { ("N", "Noord"), ("Z", "Zuid") })
            {
                var code = $"{w.Code}-{suffix}";
                db.Areas.Add(Area.Register(IdFor(w.Tenant, code), w.Tenant, AreaKind.Buurt, $"{w.Name} {part}", code, w.Id, AreaKind.Wijk, null, now));
            }
            wijk.AddPostcodes(w.From, w.To, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedUsersAsync(IdentityServiceDbContext db, UserManager<BuurtUser> users, RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in BuurtRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                (await roles.CreateAsync(new IdentityRole<Guid>(role))).EnsureSucceeded("Demo data");
            }
        }
        foreach (var u in s_users)
        {
            var userName = BuurtUser.UserNameFor(u.Tenant, u.Email);
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }
            var wijk = u.Wijk is null ? (Guid?)null : s_wijken.Single(w => w.Tenant == u.Tenant && w.Code == u.Wijk).Id;
            var user = BuurtUser.New(u.Tenant, u.Email, u.Name);
            user.EmailConfirmed = true;
            user.Postcode = u.Postcode;
            user.HomeAreaId = u.Role == BuurtRoles.Resident ? wijk : null;
            (await users.CreateAsync(user, Password)).EnsureSucceeded("Demo data");
            (await users.AddToRoleAsync(user, u.Role)).EnsureSucceeded("Demo data");
            if (u.Role != BuurtRoles.Resident && wijk is { } scoped)
            {
                db.UserAreaScopes.Add(new UserAreaScope { UserId = user.Id, AreaId = scoped });
            }
        }
        await db.SaveChangesAsync();
    }

    private async Task SeedClientsAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        // Scripts and tests get a user's token without a browser, only where configuration allows.
        if (configuration.GetValue("Identity:DevelopmentClients", false) && await applications.FindByClientIdAsync("buurt-cli", cancellationToken) is null)
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = "buurt-cli",
                ClientType = ClientTypes.Public,
                DisplayName = "Buurt command line (development only)",
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.Password,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.Prefixes.Scope + Scopes.OpenId,
                    Permissions.Scopes.Profile,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Roles,
                    Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                },
            }, cancellationToken);
        }
        var web = UserClients.NewWebClient();
        // Per municipality host: the code comes back to /signin-oidc; after signing out identity
        // sends the browser to the web app's /signout-callback-oidc (or, for other clients, home).
        foreach (var uri in configuration.GetSection("Identity:WebRedirectUris").Get<string[]>() ?? [])
        {
            web.RedirectUris.Add(new Uri(uri));
            web.PostLogoutRedirectUris.Add(new Uri(new Uri(uri), "/"));
            web.PostLogoutRedirectUris.Add(new Uri(new Uri(uri), "/signout-callback-oidc"));
        }
        if (await applications.FindByClientIdAsync(UserClients.Web, cancellationToken) is { } existing)
        {
            // A database made before a host or callback was added gets them too; the addresses of
            // municipalities an operator added since (TenantOnboarding) stay.
            web.RedirectUris.UnionWith((await applications.GetRedirectUrisAsync(existing, cancellationToken)).Select(u => new Uri(u)));
            web.PostLogoutRedirectUris.UnionWith((await applications.GetPostLogoutRedirectUrisAsync(existing, cancellationToken)).Select(u => new Uri(u)));
            await applications.UpdateAsync(existing, web, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(web, cancellationToken);
        }
        await UserClients.EnsureMobileClientAsync(applications, cancellationToken);
        foreach (var tenant in new[] { "hilversum", "voorbeeldstad" })
        {
            var clientId = $"{tenant}-integration";
            if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not null)
            {
                continue;
            }
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = $"{tenant}-demo-secret",
                ClientType = ClientTypes.Confidential,
                DisplayName = $"Demo integration of {tenant}",
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
                Properties = { [ClientProperties.Tenant] = JsonSerializer.SerializeToElement(tenant) },
            }, cancellationToken);
        }
    }
}
