using Buurt.Gateway.Tenancy;
using Buurt.Testing;

namespace Buurt.Gateway.Tests;

/// <summary>
/// An echo backend and gateways in front of it. Gateways started with the same key prefix share
/// their Redis counts and cache, as replicas do; each fixture has a prefix of its own.
/// </summary>
public sealed class Gateways : IAsyncLifetime
{
    private readonly List<ServiceFactory<TenantResolver>> _started = [];

    public EchoBackend Backend { get; private set; } = null!;

    public string SharedPrefix { get; } = TestServers.UniqueName("gw") + ":";

    public async ValueTask InitializeAsync() => Backend = await EchoBackend.StartAsync();

    /// <summary>A gateway routing both services to the echo backend (or to <paramref name="backend"/>).</summary>
    public ServiceFactory<TenantResolver> Start(string? prefix = null, Uri? backend = null, IDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            // Never reached: these tests send no bearer tokens.
            ["Auth:Issuer"] = "http://127.0.0.1:9/",
            ["Gateway:RedisKeyPrefix"] = prefix ?? SharedPrefix,
            // Its own management port (health, metrics): parallel gateways must not share one.
            ["Management:Port"] = ServiceFactory<TenantResolver>.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReverseProxy:Clusters:initiatives:Destinations:local:Address"] = (backend ?? Backend.Address).ToString(),
            ["ReverseProxy:Clusters:budget:Destinations:local:Address"] = (backend ?? Backend.Address).ToString(),
            ["ReverseProxy:Clusters:identity:Destinations:local:Address"] = (backend ?? Backend.Address).ToString(),
            ["Cors:AllowedOrigins:0"] = "http://localhost:5173",
            ["Gateway:Tenants:0:Slug"] = "hilversum",
            ["Gateway:Tenants:0:Hosts:0"] = "hilversum.localhost",
            ["Gateway:Tenants:1:Slug"] = "voorbeeldstad",
            ["Gateway:Tenants:1:Hosts:0"] = "voorbeeldstad.localhost",
            // A small limit on one path only, so the other tests are never limited (rule 0 is
            // appsettings' own limit on the token endpoint). Windows are
            // fixed and aligned to the clock: an hour long, a test never straddles two of them.
            ["RateLimiting:Rules:1:Name"] = "limited",
            ["RateLimiting:Rules:1:PathPrefix"] = "/api/budget/v1/limited",
            ["RateLimiting:Rules:1:PermitLimit"] = "4",
            ["RateLimiting:Rules:1:Window"] = "01:00:00",
            ["RateLimiting:Default:Window"] = "01:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var gateway = new ServiceFactory<TenantResolver>(all, kestrel);
        gateway.EnsureStarted();
        lock (_started)
        {
            _started.Add(gateway);
        }
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _started)
        {
            await gateway.DisposeAsync();
        }
        await Backend.DisposeAsync();
    }
}
