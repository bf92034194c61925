using Buurt.Initiatives.Data;
using Buurt.Initiatives.Messaging;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Initiatives.Tests;

/// <summary>The initiatives service on its own database and virtual host.</summary>
public sealed class InitiativesService() : ServiceFixture<InitiativesDbContext>("initiatives", withIdentity: true)
{
    public static readonly Guid Zuid = Demo.Zuid;
    public static readonly Guid Centrum = Demo.Centrum;
    public static readonly Guid Oost1221 = Demo.Oost1221;
    public static readonly Guid VoorbeeldstadNoord = Demo.VoorbeeldstadNoord;

    public const string Resident = Demo.Resident;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // The wijken come from identity: at start by the catch-up, later by events.
        await Eventually.TrueAsync(async () => await InScopeAsync("hilversum", s => s.GetRequiredService<InitiativesDbContext>().Areas.AnyAsync()),
            what: "the areas to be copied from identity");
        await BusReadiness.ConnectedAsync(Factory.Services);
    }

    public const string Director = Demo.Director;
    public const string Alderman = Demo.Alderman;
    public const string ResidentOost = Demo.ResidentOost;

    /// <summary>A client of the tenant signed in as its demo resident.</summary>
    public Task<HttpClient> ResidentAsync(string tenant = Demo.Hilversum) =>
        AsAsync(tenant == Demo.Hilversum ? Demo.Resident : $"resident@{tenant}.example", tenant);

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
