using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Buurt.Contracts;
using Buurt.Messaging;
using MassTransit;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Buurt.Testing;

/// <summary>
/// One service on its own database and virtual host, called directly as the gateway would call it
/// (the test sets the gateway's tenant header itself). On Kestrel, so that server limits apply
/// as in production.
/// </summary>
public class ServiceFixture<TMarker>(string name, bool withIdentity = false) : IAsyncLifetime
    where TMarker : class
{
    /// <summary>The real identity service, when the fixture was made with one.</summary>
    public TestIdentity? Identity { get; private set; }

    public TestDatabase Database { get; private set; } = null!;

    public TestBroker Broker { get; private set; } = null!;

    public ServiceFactory<TMarker> Factory { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Database = new TestDatabase(name);
        Broker = await TestBroker.CreateAsync();
        Identity = withIdentity ? TestIdentity.Start(Broker) : null;
        var settings = Settings(Database, Broker, Identity?.Issuer);
        if (Identity is not null)
        {
            settings["Identity:Address"] = Identity.Address.ToString();
        }
        Configure(settings);
        Factory = StartInstance(settings);
    }

    /// <summary>What the service gets beside the test defaults (override to add settings).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// <summary>The settings the fixture's service was started with, to start more instances of it.</summary>
    public IReadOnlyDictionary<string, string?> InstanceSettings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Starts an instance of the service on the fixture's database and virtual host (a replica: the caller disposes it).</summary>
    public ServiceFactory<TMarker> StartInstance(IReadOnlyDictionary<string, string?>? settings = null)
    {
        InstanceSettings = settings ?? InstanceSettings;
        var instance = new ServiceFactory<TMarker>(InstanceSettings, kestrel: true);
        instance.EnsureStarted();
        return instance;
    }

    /// <summary>The settings a service gets in tests: real servers, fast outbox polling.</summary>
    public static Dictionary<string, string?> Settings(TestDatabase database, TestBroker broker, Uri? issuer = null) => new()
    {
        // Without an identity no token is valid: the address is never reached.
        ["Auth:Issuer"] = (issuer ?? new Uri("http://127.0.0.1:9/")).ToString(),
        ["ConnectionStrings:Database"] = database.ConnectionString,
        ["ConnectionStrings:RabbitMq"] = broker.Uri.ToString(),
        ["ConnectionStrings:Redis"] = TestServers.Redis,
        ["Outbox:PollInterval"] = "00:00:00.200",
        // Services that copy identity's data read it only when a test gives them an identity.
        ["Identity:Address"] = "",
    };

    /// <summary>A client for one tenant, as if through the gateway.</summary>
    public HttpClient Client(string? tenant = "hilversum")
    {
        var client = Factory.CreateClient();
        if (tenant is not null)
        {
            client.DefaultRequestHeaders.Add(TenantHeaders.Internal, tenant);
        }
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _signedIn = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _once = new();

    /// <summary>Something several tests set up alike, made once per fixture (for scenes nothing may change).</summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> create) =>
        (T)await _once.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => (await create())!)).Value;

    /// <summary>A client of the tenant signed in as a demo account: one token per account and fixture.</summary>
    public Task<HttpClient> AsAsync(string email, string tenant = Demo.Hilversum) =>
        _signedIn.GetOrAdd($"{tenant}/{email}", _ => new Lazy<Task<HttpClient>>(() => ClientAsAsync(tenant, email))).Value;

    /// <summary>Publishes an event as its owning service's outbox does (message id = event id, the tenant header), on the fixture's broker.</summary>
    public Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent =>
        Factory.Services.GetRequiredService<IBus>().Publish(message, context =>
        {
            context.MessageId = message.EventId;
            context.Headers.Set(BuurtMessageHeaders.Tenant, message.TenantId);
        });

    /// <summary>A new client signed in as a demo account of the tenant (a new token each time).</summary>
    public async Task<HttpClient> ClientAsAsync(string tenant, string email)
    {
        var identity = Identity ?? throw new InvalidOperationException("This fixture runs without identity.");
        var client = Client(tenant);
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await identity.TokenAsync(tenant, email));
        return client;
    }

    /// <summary>Runs a query in a scope of the service, for a tenant.</summary>
    public async Task<T> InScopeAsync<T>(string tenant, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return await work(scope.ServiceProvider);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }
        await Broker.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
