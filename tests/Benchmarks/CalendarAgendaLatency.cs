using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Activity = Buurt.Calendar.Domain.Activity;
using ActivityKind = Buurt.Calendar.Domain.ActivityKind;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Buurt.Benchmarks;

/// <summary>
/// The wijk agenda and its iCalendar feed at the size issue 14 names: a wijk with 100 weekly series
/// over a year (its goals: a month of the agenda p99 at most 25 ms at the service; the feed p99 at
/// most 50 ms, and a 304 when unchanged). The municipality has nine more wijken of the same size,
/// so the wijk's reads must not depend on the others' rows. Requests are sequential, anonymous,
/// from an in-process client over loopback to the real service on a real PostgreSQL.
/// <c>./platform bench calendar-agenda [series] [wijken] [requests]</c>.
/// </summary>
public static class CalendarAgendaLatency
{
    private const string Tenant = "bench";

    public static async Task RunAsync(string[] args)
    {
        var series = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var wijken = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Buurt.slnx")))
        {
            root = root.Parent;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BUURT_CALENDAR", Path.Combine(root?.FullName ?? ".", "services", "calendar"));

        await using var database = new TestDatabase("bench_calendar");
        await using var broker = await TestBroker.CreateAsync();
        var settings = ServiceFixture<CalendarDbContext>.Settings(database, broker);
        settings["Calendar:MetricsInterval"] = "01:00:00";
        settings["Demo:Enabled"] = "false";
        if (Environment.GetEnvironmentVariable("BUURT_BENCH_SQL") == "1")
        {
            // Every statement with its duration, to see where the time goes.
            settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }
        await using var service = new ServiceFactory<CalendarDbContext>(settings, kestrel: true);
        service.EnsureStarted();

        Console.WriteLine($"Planning {wijken} wijken x {series} weekly series over 2027...");
        var clock = Stopwatch.StartNew();
        var wijk = await LoadAsync(service, series, wijken);
        Console.WriteLine($"Planned in {clock.Elapsed.TotalSeconds:N0} s.");

        // The planning raised some thousand events: measure once the outbox has published them, not while it does.
        await Eventually.TrueAsync(async () => await database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND dead_lettered_at IS NULL") == 0,
            TimeSpan.FromMinutes(5), "the outbox to publish the planning's events");

        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add(TenantHeaders.Internal, Tenant);
        var month = $"/api/calendar/v1/agenda?areaId={wijk}&from=2027-03-01&to=2027-03-31";
        var feed = $"/api/calendar/v1/areas/{wijk}/agenda.ics";
        using var first = await client.GetAsync(feed);
        var etag = first.Headers.ETag!;
        var ics = await first.Content.ReadAsByteArrayAsync();
        var total = (await client.GetStringAsync(month)).Split("\"total\":")[1].TrimEnd('}');
        Console.WriteLine($"A month of the wijk: {total} occurrences; its feed: {ics.Length / 1024.0:N0} KiB.");

        // A change before each request: the feed's ETag moves, so each is built anew (the change itself is not timed).
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var change = new Npgsql.NpgsqlCommand(
            "UPDATE activities SET changed_at = clock_timestamp(), sequence = sequence + 1 WHERE id = (SELECT id FROM activities WHERE area_id = @wijk LIMIT 1)", connection);
        change.Parameters.AddWithValue("wijk", wijk);
        var rows = new (string Name, string Url, EntityTagHeaderValue? IfNoneMatch, HttpStatusCode Status, Func<Task>? Before)[]
        {
            ("a month of the wijk, first page (20)", month, null, HttpStatusCode.OK, null),
            ("a month of the wijk, pageSize=100", month + "&pageSize=100", null, HttpStatusCode.OK, null),
            ("a month of the wijk's activities, theme sociaal", month + "&kind=activity&theme=sociaal", null, HttpStatusCode.OK, null),
            ("the wijk's feed (.ics), unchanged since the last request", feed, null, HttpStatusCode.OK, null),
            ("the wijk's feed, If-None-Match (304)", feed, etag, HttpStatusCode.NotModified, null),
            ("the wijk's feed just after a change (built anew)", feed, null, HttpStatusCode.OK, async () => await change.ExecuteNonQueryAsync()),
        };
        Console.WriteLine();
        // Warm up every request together first: tiered JIT compiles the shared stack (Kestrel, EF Core, Npgsql) only after
        // some hundreds of calls, which would otherwise land in the first row measured.
        for (var round = 0; round < 300; round++)
        {
            foreach (var (_, url, ifNoneMatch, status, _) in rows)
            {
                await MeasureAsync(client, url, ifNoneMatch, status, 1, null);
            }
        }
        Console.WriteLine($"Load average before measuring: {LoadAverage()}");
        Console.WriteLine($"| Request | p50 | p95 | p99 | max | CPU per request (service and client) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, url, ifNoneMatch, status, before) in rows)
        {
            var times = await MeasureAsync(client, url, ifNoneMatch, status, before is null ? requests : requests / 5, before);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {times.P50:N1} ms | {times.P95:N1} ms | {times.P99:N1} ms | {times.Max:N1} ms | {times.Cpu:N2} ms |"));
        }
        Console.WriteLine($"Load average after: {LoadAverage()}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>Percentiles of the wall time per request, and this process's CPU per request (the service and the client; PostgreSQL apart).</summary>
    private sealed record Latency(double P50, double P95, double P99, double Max, double Cpu);

    private static async Task<Latency> MeasureAsync(
        HttpClient client, string url, EntityTagHeaderValue? ifNoneMatch, HttpStatusCode status, int requests, Func<Task>? before)
    {
        async Task<double> OnceAsync()
        {
            if (before is not null)
            {
                await before();
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (ifNoneMatch is not null)
            {
                request.Headers.IfNoneMatch.Add(ifNoneMatch);
            }
            var clock = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
            if (response.StatusCode != status)
            {
                throw new InvalidOperationException($"{url}: {(int)response.StatusCode}, expected {(int)status}");
            }
            return elapsed;
        }

        // A short warm-up of this request (PostgreSQL's caches for its rows); then measured.
        for (var warm = 0; warm < Math.Min(requests, 20); warm++)
        {
            await OnceAsync();
        }
        var times = new double[requests];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var n = 0; n < requests; n++)
        {
            times[n] = await OnceAsync();
        }
        var cpuPerRequest = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / requests;
        Array.Sort(times);
        return new Latency(times[requests / 2], times[(int)Math.Ceiling(requests * 0.95) - 1], times[(int)Math.Ceiling(requests * 0.99) - 1], times[^1], cpuPerRequest);
    }

    /// <summary>
    /// Wijken of the bench municipality, each with weekly series through the domain (as the API plans
    /// them): spread over the weekdays and the day, some on two days, a few cancelled or moved
    /// occurrences each. Returns the first wijk, the one measured.
    /// </summary>
    private static async Task<Guid> LoadAsync(ServiceFactory<CalendarDbContext> service, int series, int wijken)
    {
        var zone = LocalTimes.Zone("Europe/Amsterdam");
        var ids = Enumerable.Range(0, wijken).Select(_ => Guid.CreateVersion7()).ToList();
        var now = DateTimeOffset.UtcNow;
        var days = new[] { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
        foreach (var (wijk, w) in ids.Select((id, w) => (id, w)))
        {
            await using var scope = service.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
            var db = scope.ServiceProvider.GetRequiredService<CalendarDbContext>();
            await db.Database.ExecuteSqlAsync($"INSERT INTO areas (id, tenant_id, kind, name, code, parent_id) VALUES ({wijk}, {Tenant}, 'wijk', {$"Wijk {w}"}, {$"W{w}"}, NULL)");
            for (var s = 0; s < series; s++)
            {
                var first = new LocalDate(2027, 1, 4).PlusDays(s % 7);
                var start = first.At(new LocalTime(9 + s % 12, s % 2 * 30));
                var byDay = s % 5 == 0 ? new[] { days[s % 7], days[(s + 3) % 7] } : [days[s % 7]];
                var plan = new ActivityPlan($"Activiteit {s}", "Samen iets doen in de buurt.", wijk, ActivityKind.Activity,
                    s % 10 == 0 ? Visibility.Network : Visibility.Public, (Contracts.Theme)(s % 3), zone, start, start.PlusMinutes(90),
                    new RecurrenceRequest(Frequency.Weekly, 1, byDay, null, new LocalDate(2027, 12, 31)),
                    new Venue($"Buurthuis {s % 4}", "Voorbeeldstraat 1", 52.2 + s / 1000.0, 5.17), null, s % 3 == 0 ? 30 : null, null);
                var activity = Activity.Schedule(Tenant, Guid.CreateVersion7(), plan, Guid.CreateVersion7(), now);
                activity.CancelOccurrence(activity.Occurrences[5].OriginalStart, "Vakantie", now);
                var moved = activity.Occurrences[9];
                activity.MoveOccurrence(moved.OriginalStart, moved.Start.PlusHours(1), moved.End.PlusHours(1), null, now);
                db.Activities.Add(activity);
            }
            await db.SaveChangesAsync();
        }
        await using (var scope = service.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CalendarDbContext>().Database.ExecuteSqlRawAsync("ANALYZE activities; ANALYZE occurrences; ANALYZE areas;");
        }
        return ids[0];
    }
}
