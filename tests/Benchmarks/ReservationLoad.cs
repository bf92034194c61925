using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.Budget.UseCases;
using Buurt.Contracts;
using Buurt.Contracts.Budget;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Benchmarks;

/// <summary>
/// <c>./platform bench reservations [rate] [seconds] [warm-up seconds]</c>: the real budget service (in-process, on
/// the test PostgreSQL and RabbitMQ) takes <c>DealProposed</c> events for ONE wijk at a fixed rate
/// (default 300/s for 10 s, after a 40 s warm-up at the same rate whose answers are awaited first). Latency is measured per deal
/// from the publish to the arrival of its answer (<c>FundsReserved</c> or
/// <c>FundsReservationRejected</c>, published through the outbox): broker, consumer, row lock,
/// ledger, commit and outbox dispatch included. The wijk can fund two thirds of the deals; the
/// run fails when any deal goes unanswered or the wijk is overspent. Not a BenchmarkDotNet
/// benchmark: a rate and a percentile are what is asked, not a mean of a tight loop.
/// </summary>
public static class ReservationLoad
{
    private const string Tenant = "hilversum";
    private const decimal Amount = 50m;
    private static readonly Guid s_wijk = Demo.Zuid;
    private static readonly Guid s_other = Demo.Centrum;

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        // Tiered compilation (with dynamic PGO) keeps a loaded two-core machine busy for 30-40 s after
        // start; the steady state after it is what a running service shows. Ask for 10 to see a fresh replica.
        var warmup = rate * (args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40);
        var measured = rate * seconds;
        // Room for two thirds of all deals: both answers are exercised under contention.
        var allocation = decimal.Floor((warmup + measured) * Amount * 2 / 3 / Amount) * Amount;

        // Outside a test host WebApplicationFactory looks for the content root beside the solution.
        Measurements.UseContentRoot("Buurt.Budget", Path.Combine("services", "budget"));
        await using var database = new TestDatabase("bench_budget");
        await using var broker = await TestBroker.CreateAsync();
        var settings = ServiceFixture<BudgetDbContext>.Settings(database, broker);
        settings["Demo:Enabled"] = "false";
        settings["Outbox:PollInterval"] = "00:00:01";
        await using var service = new ServiceFactory<BudgetDbContext>(settings, kestrel: true);
        service.EnsureStarted();
        await BusReadiness.ConnectedAsync(service.Services);
        await OpenBooksAsync(service.Services, allocation);

        var started = new ConcurrentDictionary<Guid, long>();
        var latencies = new ConcurrentDictionary<Guid, double>();
        var reservedCount = 0;
        var bus = service.Services.GetRequiredService<IBus>();
        var answers = bus.ConnectReceiveEndpoint("bench-answers", e =>
        {
            e.Handler<FundsReserved>(c => Answer(c.Message.InitiativeId, reserved: c.Message.AreaId == s_wijk));
            e.Handler<FundsReservationRejected>(c => Answer(c.Message.InitiativeId, reserved: false));
        });
        await answers.Ready;

        Task Answer(Guid initiative, bool reserved)
        {
            if (started.TryGetValue(initiative, out var at))
            {
                latencies.TryAdd(initiative, Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            }
            if (reserved)
            {
                Interlocked.Increment(ref reservedCount);
            }
            return Task.CompletedTask;
        }

        if (Environment.GetEnvironmentVariable("BENCH_DIRECT") == "1")
        {
            await DirectAsync(service.Services);
        }
        Console.WriteLine($"Reservations on one wijk: {rate}/s, warm-up {warmup}, measured {measured}, allocation {allocation:0.00}, {Amount:0.00} each");
        var firstPublish = DateTime.UtcNow;
        await FireAsync(bus, rate, warmup, started);
        // The measured deals start on an empty queue: what the warm-up left behind is not theirs.
        await AnsweredAsync(latencies, warmup);
        // The service's own part of each measured deal: from its arrival at the consumer to its group's commit.
        using var groups = new GroupListener();
        var before = Runtime.Now();
        var deals = await FireAsync(bus, rate, measured, started);
        await AnsweredAsync(latencies, warmup + measured);
        groups.Report();
        Runtime.Now().Report(before, measured);
        var (consumed, sent) = await ProgressAsync(database);
        Console.WriteLine($"consumed {consumed} messages, sent {sent} answers");
        // From the answer's write to its claim by the outbox dispatcher: the outbox's share of the end-to-end time.
        Console.WriteLine($"outbox wait ms: {await database.ScalarAsync<string>(
            "SELECT format('p50 %s  p99 %s  max %s', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY w)), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY w)), round(max(w))) "
            + $"FROM (SELECT extract(epoch FROM sent_at - created_at) * 1000 AS w FROM outbox_messages ORDER BY sequence DESC LIMIT {measured}) AS waits")}");

        var samples = deals.Initiatives.Select(i => latencies.TryGetValue(i, out var ms) ? ms : double.NaN).ToList();
        var missing = samples.Count(double.IsNaN);
        var sorted = samples.Where(s => !double.IsNaN(s)).Order().ToList();
        var (reserved, available, matches) = await BooksAsync(service.Services);

        Console.WriteLine($"offered rate: {measured / deals.Elapsed.TotalSeconds:0.0}/s over {deals.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"latency ms: p50 {Measurements.Percentile(sorted, 50):0.0}  p95 {Measurements.Percentile(sorted, 95):0.0}  p99 {Measurements.Percentile(sorted, 99):0.0}  max {sorted.LastOrDefault():0.0}");
        Console.WriteLine($"answered {sorted.Count}/{measured} measured ({missing} missing); reserved {reservedCount} of {warmup + measured} in all");
        Console.WriteLine($"throughput: {warmup + measured} deals answered {(DateTime.UtcNow - firstPublish).TotalSeconds:0.0} s after the first publish");
        Console.WriteLine($"wijk: reserved {reserved:0.00} of {allocation:0.00}, available {available:0.00}, balance equals ledger: {matches}");
        var overspent = reserved > allocation || available < 0 || reserved != reservedCount * Amount;
        Console.WriteLine(overspent ? "OVERSPEND" : "overspend: 0");
        var metrics = await service.CreateClient().GetStringAsync("/metrics");
        foreach (var gauge in metrics.Split('\n').Where(l =>
            (l.StartsWith("buurt_budget_", StringComparison.Ordinal) && l.Contains("wijk=\"HZ\"", StringComparison.Ordinal))
            || (l.StartsWith("buurt_inbox_group_", StringComparison.Ordinal) && !l.Contains("_bucket", StringComparison.Ordinal))))
        {
            Console.WriteLine($"  {gauge}");
        }
        var p99 = Measurements.Percentile(sorted, 99);
        var ok = missing == 0 && !overspent && matches && p99 <= 50;
        Console.WriteLine(ok ? "PASS (p99 <= 50 ms, 0 overspend, none lost)" : "FAIL");
        return ok ? 0 : 1;
    }

    private static async Task<(List<Guid> Initiatives, TimeSpan Elapsed)> FireAsync(
        IBus bus, int rate, int count, ConcurrentDictionary<Guid, long> started)
    {
        var initiatives = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        var clock = Stopwatch.StartNew();
        var publishes = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var deal = new DealProposed(Tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiatives[i], s_wijk, Theme.Fysiek, 1, Amount);
            started[deal.InitiativeId] = Stopwatch.GetTimestamp();
            publishes.Add(bus.Publish(deal, c =>
            {
                c.MessageId = deal.EventId;
                c.Headers.Set(BuurtMessageHeaders.Tenant, Tenant);
            }));
        }
        await Task.WhenAll(publishes);
        return (initiatives, clock.Elapsed);
    }

    /// <summary>Listens to the group consumer's histograms (Buurt.Messaging meter) while it lives.</summary>
    private sealed class GroupListener : IDisposable
    {
        private const string Size = "buurt.inbox.group_size";
        private const string Latency = "buurt.inbox.group_latency";
        private readonly MeasurementRecorder _recorder = new(MessagingMetrics.Name, Size, Latency);

        public void Report()
        {
            var latencies = _recorder.Values(Latency).Select(seconds => seconds * 1000).Order().ToList();
            Console.WriteLine($"in the service (arrival at the consumer to the group's commit) ms: p50 {Measurements.Percentile(latencies, 50):0.0}  p95 {Measurements.Percentile(latencies, 95):0.0}  p99 {Measurements.Percentile(latencies, 99):0.0}  max {latencies.LastOrDefault():0.0}");
            var sizes = _recorder.Values(Size).Order().ToList();
            Console.WriteLine($"groups: {sizes.Count}, size p50 {Measurements.Percentile(sizes, 50):0}, mean {(sizes.Count == 0 ? 0 : sizes.Average()):0.0}, max {sizes.LastOrDefault()}");
        }

        public void Dispose() => _recorder.Dispose();
    }

    private static async Task AnsweredAsync(ConcurrentDictionary<Guid, double> latencies, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (latencies.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static async Task OpenBooksAsync(IServiceProvider services, decimal allocation)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        db.Areas.Add(new AreaCopy.CopiedArea(Tenant, s_wijk, AreaCopy.CopiedArea.Wijk, "Zuid", "HZ", null));
        db.Areas.Add(new AreaCopy.CopiedArea(Tenant, s_other, AreaCopy.CopiedArea.Wijk, "Centrum", "HC", null));
        db.Mandates.Add(new Mandate(Tenant, "director", 5_000m, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        var books = scope.ServiceProvider.GetRequiredService<BudgetBookings>();
        var year = BudgetYearRule.YearOf(DateTimeOffset.UtcNow);
        var about = new Entry("bench", "Benchmark", "bench");
        await using var write = await db.BeginWriteAsync(CancellationToken.None);
        await books.SetTotalAsync(year, allocation + 1_000m, about, CancellationToken.None);
        await books.AllocateAsync(year, s_wijk, allocation, about, CancellationToken.None);
        await books.AllocateAsync(year, s_other, 1_000m, about, CancellationToken.None);
        await write.CommitAsync(CancellationToken.None);
    }

    private static async Task<(decimal Reserved, decimal Available, bool Matches)> BooksAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var balance = await db.Balances.AsNoTracking().SingleAsync(b => b.AreaId == s_wijk);
        var ledgerReserved = await db.Ledger.Where(e => e.AreaId == s_wijk).SumAsync(e => e.ReservedChange);
        return (balance.Reserved, balance.Available, ledgerReserved == balance.Reserved);
    }

    /// <summary>The consumer's work without the broker, one at a time, on another wijk (BENCH_DIRECT=1): what one reservation costs.</summary>
    private static async Task DirectAsync(IServiceProvider services)
    {
        var times = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
            var funding = scope.ServiceProvider.GetRequiredService<DealFunding>();
            var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
            var clock = Stopwatch.StartNew();
            await using (var write = await db.BeginWriteAsync(CancellationToken.None))
            {
                await funding.ProposeAsync([new DealProposed(Tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), s_other, Theme.Fysiek, 1, 0.01m)], CancellationToken.None);
                await write.CommitAsync(CancellationToken.None);
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"direct (one at a time, no broker): p50 {Measurements.Percentile(times, 50):0.00} ms  p99 {Measurements.Percentile(times, 99):0.00} ms");
    }

    private static async Task<(long Consumed, long Sent)> ProgressAsync(TestDatabase database) => (
        await database.ScalarAsync<long>("SELECT count(*) FROM inbox_messages"),
        await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL"));

    /// <summary>What the runtime spent while measuring, beside the deals themselves.</summary>
    private readonly record struct Runtime(TimeSpan Cpu, long JitMethods, TimeSpan JitTime, TimeSpan GcPause, long Allocated, int Gen0, int Gen2)
    {
        public static Runtime Now() => new(
            Environment.CpuUsage.TotalTime, System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(),
            GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(2));

        public void Report(Runtime before, int deals)
        {
            // The process holds the generator and the answer listener too: an upper bound for the service.
            Console.WriteLine($"process CPU while measuring: {(Cpu - before.Cpu).TotalSeconds:0.0} s, {(Cpu - before.Cpu).TotalMilliseconds / deals:0.00} ms per deal");
            // Code still being compiled takes cores from the deals: a steady state compiles next to nothing.
            Console.WriteLine($"JIT while measuring: {JitMethods - before.JitMethods} methods, {(JitTime - before.JitTime).TotalMilliseconds:0} ms");
            Console.WriteLine($"GC while measuring: {(Allocated - before.Allocated) / 1024.0 / deals:0} KB allocated per deal, {Gen0 - before.Gen0} gen0, {Gen2 - before.Gen2} gen2, paused {(GcPause - before.GcPause).TotalMilliseconds:0} ms");
        }
    }
}
