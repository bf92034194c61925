using System.Diagnostics;
using System.Globalization;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Benchmarks;

/// <summary>
/// Issue 18's fan-out: an update on an initiative followed by 5,000 residents, from publishing
/// <c>InitiativeUpdatePosted</c> to the last of its 5,000 in-app notifications stored (goal: 2 s),
/// with its 5,000 mails queued in the same transaction. Two notifications services side by side in
/// one run, each with its own database and virtual host and the same followers: one writes a large
/// fan-out with binary COPY (<c>Notifications:BulkFrom</c> 50, the default), the other tracks and
/// inserts every row with EF (BulkFrom out of reach), rounds alternating. Real PostgreSQL and
/// RabbitMQ; no SMTP server (the sender waits, as in an outage), no push subscriptions.
/// <c>dotnet run -c Release --project tests/Benchmarks -- notifications-fanout [followers] [rounds]</c>.
/// </summary>
public static class NotificationFanOut
{
    public static async Task<int> RunAsync(string[] args)
    {
        var followers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        Measurements.UseContentRoot("Buurt.Notifications", Path.Combine("services", "notifications"));
        var initiative = Guid.CreateVersion7();
        // Port 9: nothing listens, mails wait as while the server is down.
        await using var copy = await NotificationsBenchService.StartAsync("bench_fanout_copy", NoSmtp(), initiative, followers);
        await using var tracked = await NotificationsBenchService.StartAsync("bench_fanout_ef",
            new(NoSmtp()) { ["Notifications:BulkFrom"] = int.MaxValue.ToString(CultureInfo.InvariantCulture) }, initiative, followers);

        var times = new Dictionary<string, List<double>> { ["copy"] = [], ["ef"] = [] };
        var failed = false;
        // Round 0 warms up (JIT, pools, PostgreSQL's caches) and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (name, service) in new[] { ("copy", copy), ("ef", tracked) })
            {
                var (ms, stored, mails) = await service.UpdateAsync(initiative, followers);
                failed |= stored != followers || mails != followers;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} {name}: {stored} notifications and {mails} mails in {ms:0} ms"));
                if (round > 0)
                {
                    times[name].Add(ms);
                }
            }
        }
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: median {Measurements.Percentile(list, 50):0} ms, max {list[^1]:0} ms over {list.Count} rounds of {followers} followers"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ef / copy (median): {Measurements.Percentile(times["ef"], 50) / Measurements.Percentile(times["copy"], 50):0.0}x; load average {Measurements.LoadAverage()}"));
        var goal = Measurements.Percentile(times["copy"], 100) <= 2_000;
        Console.WriteLine(goal ? "goal met: every round's notifications stored within 2 s" : "goal missed: a round took more than 2 s");
        return failed || !goal ? 1 : 0;
    }

    private static Dictionary<string, string?> NoSmtp() => new() { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "9" };
}

/// <summary>
/// A notifications service in-process on its own database and virtual host, its settings the test
/// servers' plus <c>extra</c>, with <c>followers</c> residents following one initiative.
/// </summary>
internal sealed class NotificationsBenchService : IAsyncDisposable
{
    private const string Tenant = "bench";
    private TestDatabase _database = null!;
    private TestBroker _broker = null!;
    private ServiceFactory<NotificationsDbContext> _factory = null!;

    public static async Task<NotificationsBenchService> StartAsync(string databaseName, Dictionary<string, string?> extra, Guid initiative, int followers)
    {
        var service = new NotificationsBenchService { _database = new TestDatabase(databaseName), _broker = await TestBroker.CreateAsync() };
        var settings = ServiceFixture<NotificationsDbContext>.Settings(service._database, service._broker);
        settings["Notifications:MetricsInterval"] = "01:00:00";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        service._factory = new ServiceFactory<NotificationsDbContext>(settings, kestrel: true);
        service._factory.EnsureStarted();
        await BusReadiness.ConnectedAsync(service._factory.Services);
        await service.InTenantAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < followers; i++)
            {
                var id = Guid.CreateVersion7();
                db.Recipients.Add(Recipient.From(Tenant, new AccountState(id, $"volger{i}@bench.example", $"Volger {i}", i % 5 == 0 ? "en" : "nl",
                    ["resident"], [Guid.Empty]), now));
                var follower = Follower.Of(Tenant, initiative, id, i % 2 == 0 ? FollowReason.Supporter : FollowReason.Commenter);
                follower.Started(now);
                db.Followers.Add(follower);
            }
            return await db.SaveChangesAsync();
        });
        return service;
    }

    /// <summary>Publishes an update and waits until every follower has its notification; the time and what was stored.</summary>
    public async Task<(double Ms, int Stored, int Mails)> UpdateAsync(Guid initiative, int followers)
    {
        var clock = Stopwatch.StartNew();
        var update = await PublishUpdateAsync(initiative);
        var stored = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            stored = await InTenantAsync(db => db.Notifications.CountAsync(n => n.EventId == update.EventId));
            if (stored >= followers)
            {
                break;
            }
            await Task.Delay(10);
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        var mails = await InTenantAsync(db => db.Mails.CountAsync(m => m.EventId == update.EventId));
        return (ms, stored, mails);
    }

    /// <summary>Publishes an update on the initiative (by staff, whom no follower is); its event.</summary>
    public async Task<InitiativeUpdatePosted> PublishUpdateAsync(Guid initiative)
    {
        var update = new InitiativeUpdatePosted(Tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Guid.Empty, Guid.CreateVersion7(),
            Guid.CreateVersion7(), "staff", "De gemeente levert de grond in maart.", Guid.CreateVersion7(), "Moestuin");
        await _factory.Services.GetRequiredService<IBus>().Publish(update, context =>
        {
            context.MessageId = update.EventId;
            context.Headers.Set(BuurtMessageHeaders.Tenant, Tenant);
        });
        return update;
    }

    public async Task<T> InTenantAsync<T>(Func<NotificationsDbContext, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
        return await work(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }
}
