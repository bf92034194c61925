using Buurt.Contracts;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Messaging;
using Buurt.Messaging;
using MassTransit;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Initiatives.Tests;

/// <summary>The initiatives service on its own database and virtual host.</summary>
public sealed class InitiativesService() : ServiceFixture<InitiativesDbContext>("initiatives", withIdentity: true)
{
    public static readonly Guid Zuid = Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f");
    public static readonly Guid Centrum = Guid.Parse("ee649a34-a6c4-5272-9817-e912c82f2e91");
    public static readonly Guid Oost1221 = Guid.Parse("329d4cef-ec33-5743-857d-6d7d15951eed");
    public static readonly Guid VoorbeeldstadNoord = Guid.Parse("40437c71-c350-5967-8430-06f36ad69767");

    public const string Resident = "resident@hilversum.example";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // The wijken come from identity: at start by the catch-up, later by events.
        await Eventually.TrueAsync(async () => await InScopeAsync("hilversum", s => s.GetRequiredService<InitiativesDbContext>().Areas.AnyAsync()),
            what: "the areas to be copied from identity");
        await BusReadiness.ConnectedAsync(Factory.Services);
    }

    private readonly Dictionary<string, HttpClient> _signedIn = [];

    /// <summary>A client of the tenant signed in as a resident (cached: a token per account).</summary>
    public async Task<HttpClient> ResidentAsync(string tenant = "hilversum", string email = Resident)
    {
        var key = $"{tenant}/{email}";
        if (!_signedIn.TryGetValue(key, out var client))
        {
            _signedIn[key] = client = await ClientAsAsync(tenant, email);
        }
        return client;
    }

    public const string Director = "director.zuid@hilversum.example";
    public const string Alderman = "alderman.zuid@hilversum.example";
    public const string ResidentOost = "resident.oost@hilversum.example";

    /// <summary>A client signed in as a demo account of hilversum (cached).</summary>
    public Task<HttpClient> AsAsync(string email) => ResidentAsync("hilversum", email);

    /// <summary>Publishes an event as its owning service would, with the tenant header, on the service's broker.</summary>
    public Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent =>
        Factory.Services.GetRequiredService<IBus>().Publish(message, context =>
        {
            context.MessageId = message.EventId;
            context.Headers.Set(BuurtMessageHeaders.Tenant, message.TenantId);
        });

    /// <summary>One pass of the deadline watch, as its timer would run it.</summary>
    public Task<int> WatchDeadlinesAsync() => Factory.Services.GetRequiredService<DeadlineWatch>().CheckAsync(CancellationToken.None);

    /// <summary>Runs SQL on the service's database (test set-up, e.g. a promise in the past).</summary>
    public Task<int> SqlAsync(FormattableString sql) => InScopeAsync("hilversum", services =>
        services.GetRequiredService<InitiativesDbContext>().Database.ExecuteSqlAsync(sql));

    /// <summary>Every initiative and outbox row of every tenant: what a refused request must leave unchanged.</summary>
    public Task<(int Initiatives, int Outbox)> CountEverythingAsync() => InScopeAsync("hilversum", async services =>
    {
        var db = services.GetRequiredService<InitiativesDbContext>();
        return (await db.Initiatives.IgnoreQueryFilters().CountAsync(), await db.Set<OutboxMessage>().CountAsync());
    });

    public Task<List<OutboxMessage>> OutboxAsync() => InScopeAsync("hilversum", services =>
        services.GetRequiredService<InitiativesDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync());
}
