using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Benchmarks;

/// <summary>
/// Issue 18's latency goal: from an event to its in-app notifications, p99 ≤ 1 s at 50 events per
/// second. One notifications service in-process (real PostgreSQL and RabbitMQ, no SMTP server: mails
/// wait as in an outage), an initiative with <c>followers</c> followers; updates on it are published
/// on a fixed schedule in phases that alternate between a calm rate (5/s) and the goal's (50/s), so
/// the two rates are measured side by side under the same machine load. An event's latency is from
/// its <c>OccurredAt</c> (set as it is published) to the last of its notifications stored
/// (<c>CreatedAt</c>, the consumer's clock on the same machine).
/// <c>dotnet run -c Release --project tests/Benchmarks -- notifications-latency [followers] [phaseSeconds] [rounds]</c>.
/// </summary>
public static class NotificationLatency
{
    private static readonly (string Name, int PerSecond)[] s_phases = [("calm", 5), ("goal", 50)];

    public static async Task<int> RunAsync(string[] args)
    {
        var followers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var phaseSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        Measurements.UseContentRoot("Buurt.Notifications", Path.Combine("services", "notifications"));
        var initiative = Guid.CreateVersion7();
        await using var service = await NotificationsBenchService.StartAsync("bench_latency",
            new() { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "9" }, initiative, followers);

        // Warm-up (JIT, pools, PostgreSQL's caches): not counted. The first event alone, so that the
        // service's copy of the initiative is written once rather than raced for by the next ones.
        await service.PublishUpdateAsync(initiative);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await PublishAtAsync(service, initiative, 10, TimeSpan.FromSeconds(3));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var published = s_phases.ToDictionary(p => p.Name, _ => new List<(Guid EventId, DateTimeOffset At)>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, perSecond) in s_phases)
            {
                published[name].AddRange(await PublishAtAsync(service, initiative, perSecond, TimeSpan.FromSeconds(phaseSeconds)));
            }
        }

        var expected = published.Values.Sum(list => list.Count);
        var stored = await WaitForAllAsync(service, published.Values.SelectMany(list => list.Select(e => e.EventId)).ToHashSet(), followers);
        var failed = stored.Count(s => s.Value.Count != followers) + (expected - stored.Count);
        var p99s = new Dictionary<string, double>();
        foreach (var (name, perSecond) in s_phases)
        {
            var latencies = published[name]
                .Where(e => stored.ContainsKey(e.EventId))
                .Select(e => (stored[e.EventId].Last - e.At).TotalMilliseconds)
                .Order().ToList();
            p99s[name] = Measurements.Percentile(latencies, 99);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} ({perSecond} events/s, {followers} followers each): {latencies.Count} events, p50 {Measurements.Percentile(latencies, 50):0} ms, p95 {Measurements.Percentile(latencies, 95):0} ms, p99 {p99s[name]:0} ms, max {latencies[^1]:0} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p99 goal / calm: {p99s["goal"] / p99s["calm"]:0.0}x; events missing a notification: {failed}; load average {Measurements.LoadAverage()}"));
        var met = p99s["goal"] <= 1_000;
        Console.WriteLine(met ? "goal met: p99 at 50 events/s within 1 s" : "goal missed: p99 at 50 events/s above 1 s");
        return failed > 0 || !met ? 1 : 0;
    }

    /// <summary>Publishes updates on a fixed schedule (not back to back: a slow publish does not slow the rate); each event and when it occurred.</summary>
    private static async Task<List<(Guid EventId, DateTimeOffset At)>> PublishAtAsync(NotificationsBenchService service, Guid initiative, int perSecond, TimeSpan duration)
    {
        var events = new List<(Guid, DateTimeOffset)>();
        var clock = Stopwatch.StartNew();
        var count = (int)(perSecond * duration.TotalSeconds);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var update = await service.PublishUpdateAsync(initiative);
            events.Add((update.EventId, update.OccurredAt));
        }
        return events;
    }

    /// <summary>Waits (at most a minute) until every event has its notifications; per event the count and the last one's time.</summary>
    private static async Task<Dictionary<Guid, (int Count, DateTimeOffset Last)>> WaitForAllAsync(NotificationsBenchService service, HashSet<Guid> events, int followers)
    {
        var clock = Stopwatch.StartNew();
        var total = events.Count * followers;
        while (clock.Elapsed < TimeSpan.FromMinutes(1)
            && await service.InTenantAsync(db => db.Notifications.CountAsync(n => events.Contains(n.EventId))) < total)
        {
            await Task.Delay(200);
        }
        var rows = await service.InTenantAsync(db => db.Notifications
            .Where(n => events.Contains(n.EventId))
            .GroupBy(n => n.EventId)
            .Select(g => new { g.Key, Count = g.Count(), Last = g.Max(n => n.CreatedAt) })
            .ToListAsync());
        return rows.ToDictionary(r => r.Key, r => (r.Count, r.Last));
    }
}
