using Buurt.Budget.Data;
using Buurt.Gateway.Tenancy;
using Buurt.Initiatives.Data;
using Buurt.Messaging.Outbox;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// The platform in one process: initiatives and budget on Kestrel over one broker (virtual host),
/// each on its own database, behind the real gateway.
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    private TestDatabase _initiativesDb = null!;
    private TestDatabase _budgetDb = null!;
    private TestBroker _broker = null!;

    public ServiceFactory<InitiativesDbContext> Initiatives { get; private set; } = null!;

    public ServiceFactory<BudgetDbContext> Budget { get; private set; } = null!;

    public ServiceFactory<TenantResolver> Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _initiativesDb = new TestDatabase("initiatives");
        _budgetDb = new TestDatabase("budget");
        _broker = await TestBroker.CreateAsync();
        Initiatives = new ServiceFactory<InitiativesDbContext>(ServiceFixture<InitiativesDbContext>.Settings(_initiativesDb, _broker), kestrel: true);
        Budget = new ServiceFactory<BudgetDbContext>(ServiceFixture<BudgetDbContext>.Settings(_budgetDb, _broker), kestrel: true);
        Gateway = new ServiceFactory<TenantResolver>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Gateway:RedisKeyPrefix"] = TestServers.UniqueName("e2e") + ":",
            ["ReverseProxy:Clusters:initiatives:Destinations:local:Address"] = Initiatives.Address.ToString(),
            ["ReverseProxy:Clusters:budget:Destinations:local:Address"] = Budget.Address.ToString(),
        }, kestrel: true);
        Gateway.EnsureStarted();
        // The budget consumer's queue must be bound before initiatives publishes.
        var bus = Budget.Services.GetRequiredService<IBusControl>();
        await Eventually.TrueAsync(() => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy), what: "the budget bus to connect");
    }

    /// <summary>A client as a web app would have: it names its municipality with X-Tenant.</summary>
    public HttpClient Client(string tenant = "hilversum", HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = Gateway.Address;
        client.DefaultRequestHeaders.Add(TenantHeaders.PublicHint, tenant);
        return client;
    }

    /// <summary>The outbox row the initiatives service wrote for an initiative.</summary>
    public async Task<OutboxMessage> OutboxRowOfAsync(Guid initiativeId)
    {
        await using var scope = Initiatives.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InitiativesDbContext>();
        var id = initiativeId.ToString();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
        return rows.Single(m => m.Payload.Contains(id, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Initiatives.DisposeAsync();
        await Budget.DisposeAsync();
        await _broker.DisposeAsync();
        await _initiativesDb.DisposeAsync();
        await _budgetDb.DisposeAsync();
    }
}
