using System.Diagnostics;
using System.Globalization;
using Buurt.Initiatives.Data;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Benchmarks;

/// <summary>
/// The initiatives list and map at scale (issue 4's goal: p99 at most 25 ms at the service with 50
/// tenants × 10,000 initiatives). One run measures every query twice: with one tenant loaded,
/// then with all 50, so the ratio shows whether a tenant's queries stay independent of the others'
/// data (indexes, no scans). Requests are sequential, from an in-process client over loopback to
/// the real service on a real PostgreSQL. <c>./platform bench initiatives-queries [tenants] [perTenant] [requests]</c>.
/// </summary>
public static class InitiativeQueryLatency
{
    private static readonly string[] s_queries =
    [
        "/api/initiatives/v1/initiatives",
        "/api/initiatives/v1/initiatives?areaId={wijk}&status=submitted,internal-check&page=2",
        "/api/initiatives/v1/initiatives?theme=fysiek&sort=support",
        "/api/initiatives/v1/initiatives?q=speeltuinen",
        "/api/initiatives/v1/initiatives/map?bbox=5.15,52.20,5.19,52.24",
        "/api/initiatives/v1/initiatives/map?status=in-execution&theme=sociaal",
    ];

    public static async Task RunAsync(string[] args)
    {
        var tenants = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var perTenant = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400;

        // A test project learns the service's content root from Mvc.Testing's manifest; this console finds it itself.
        Measurements.UseContentRoot("Buurt.Initiatives", Path.Combine("services", "initiatives"));

        await using var database = new TestDatabase("bench_initiatives");
        await using var broker = await TestBroker.CreateAsync();
        var settings = ServiceFixture<InitiativesDbContext>.Settings(database, broker);
        settings["Initiatives:DeadlineCheckInterval"] = "01:00:00";
        settings["Initiatives:MetricsInterval"] = "01:00:00";
        await using var service = new ServiceFactory<InitiativesDbContext>(settings, kestrel: true);
        service.EnsureStarted();

        Console.WriteLine($"Loading tenant 1 ({perTenant:N0} initiatives)...");
        await LoadAsync(service, 1, 1, perTenant);
        // A first pass only warms up (JIT tiers, connection pool, PostgreSQL's caches); the second is measured.
        await MeasureAsync(service, "tenant-1", requests);
        var few = await MeasureAsync(service, "tenant-1", requests);

        Console.WriteLine($"Loading tenants 2..{tenants} ({(tenants - 1) * perTenant:N0} more)...");
        var load = Stopwatch.StartNew();
        await LoadAsync(service, 2, tenants, perTenant);
        Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:N0} s.");
        var many = await MeasureAsync(service, "tenant-1", requests);

        Console.WriteLine();
        Console.WriteLine($"| Query | p50 (1 tenant) | p99 (1 tenant) | p50 ({tenants} tenants) | p99 ({tenants} tenants) | max ({tenants}) | p99 ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var q = 0; q < s_queries.Length; q++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{s_queries[q].Replace("/api/initiatives/v1/initiatives", "", StringComparison.Ordinal)}` | {few[q].P50:N1} ms | {few[q].P99:N1} ms | {many[q].P50:N1} ms | {many[q].P99:N1} ms | {many[q].Max:N1} ms | {many[q].P99 / few[q].P99:N2}× |"));
        }
    }

    private sealed record Latency(double P50, double P99, double Max);

    private static async Task<List<Latency>> MeasureAsync(ServiceFactory<InitiativesDbContext> service, string tenant, int requests)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add(TenantHeaders.Internal, tenant);
        var wijk = WijkId(tenant, 3);
        var results = new List<Latency>();
        foreach (var template in s_queries)
        {
            var url = template.Replace("{wijk}", wijk.ToString(), StringComparison.Ordinal);
            for (var warm = 0; warm < 30; warm++)
            {
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
            }
            var times = new double[requests];
            for (var n = 0; n < requests; n++)
            {
                var clock = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                times[n] = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
            }
            Array.Sort(times);
            results.Add(new Latency(times[requests / 2], times[(int)Math.Ceiling(requests * 0.99) - 1], times[^1]));
        }
        return results;
    }

    private static Guid WijkId(string tenant, int n) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenant}/{n}")));

    /// <summary>Tenants from..to, 12 wijken each, initiatives spread over wijken, statuses, themes and the Hilversum area, with Dutch titles.</summary>
    private static async Task LoadAsync(ServiceFactory<InitiativesDbContext> service, int from, int to, int perTenant)
    {
        await using var scope = service.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set("tenant-1");
        var db = scope.ServiceProvider.GetRequiredService<InitiativesDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        for (var t = from; t <= to; t++)
        {
            var tenant = $"tenant-{t}";
            var wijken = Enumerable.Range(0, 12).Select(n => WijkId(tenant, n)).ToArray();
            foreach (var (wijk, n) in wijken.Select((w, n) => (w, n)))
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO areas (id, tenant_id, kind, name, code, parent_id) VALUES ({wijk}, {tenant}, 'wijk', {$"Wijk {n}"}, {$"W{n}"}, NULL)");
            }
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO initiatives (id, tenant_id, title, description, area_id, theme, requested_amount, status, submitted_at, status_changed_at,
                                         initiator_id, answer_overdue_notified, deal_version, support_count, location_lat, location_lon, answer_due_by)
                SELECT gen_random_uuid(), {tenant},
                       (ARRAY['Speeltuin opknappen','Bankje bij de vijver','Buurtfeest in de straat','Moestuin op het plein','Veilig oversteken bij school',
                              'Boomspiegels vergroenen','Koffieochtend voor ouderen','Jongerenhonk in de wijk'])[1 + g % 8] || ' ' || g,
                       'Bewoners van de ' || g || 'e straat willen samen iets doen voor de buurt: spelen, ontmoeten en groen.',
                       ({wijken}::uuid[])[1 + g % 12],
                       (ARRAY['Sociaal','Fysiek','Veilig'])[1 + g % 3],
                       (g % 5000) + 0.50,
                       (ARRAY['Submitted','InternalCheck','ReciprocityTalk','DealProposed','DealAccepted','InExecution','Completed','Evaluated','Withdrawn','Declined'])[1 + g % 10],
                       now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval,
                       gen_random_uuid(), false, 0, g % 37,
                       52.18 + (g % 997) / 9970.0, 5.12 + (g % 991) / 9910.0,
                       CASE WHEN g % 10 < 5 THEN current_date + (g % 20 - 10) END
                  FROM generate_series(1, {perTenant}) AS g
                """);
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE initiatives; ANALYZE areas;");
    }
}
