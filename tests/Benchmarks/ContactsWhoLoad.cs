using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contacts.Data;
using Buurt.Gateway.Tenancy;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Benchmarks;

/// <summary>
/// <c>./platform bench contacts-who [tenants] [assignments] [requests] [callers] [seconds] [shares]</c>: issue 15's
/// goal for "who do I talk to". The real contacts service and the real gateway run in-process on the
/// test PostgreSQL and Redis, with identity for the keeper's token. Loaded: 50 tenants × 9 wijken ×
/// 300 assignments (successive holders of 10 functions per wijk, so most are history) × 40 topics
/// with routing rules (some to a function no one holds: they fall through to the wijk's fallback),
/// 300 people with two points each, half of them under a public consent. Measured:
/// <list type="number">
/// <item>at the service, one request at a time: p99 ≤ 15 ms;</item>
/// <item>through the gateway, <c>callers</c> (100) concurrent anonymous callers for <c>seconds</c>: p99 ≤ 25 ms;</item>
/// <item>meanwhile, consents given and withdrawn through the gateway: every answer after a
/// withdrawal's response must lack the withdrawn phone (personal answers are never cached);</item>
/// <item>then the same callers each on a schedule, together at <c>shares</c> (0.25,0.5) of the
/// capacity the callers without pause found: the wait of a caller when the gateway is not saturated.</item>
/// </list>
/// Questions are random: a tenant, a wijk's postcode, a topic (one in ten without: the wijk page).
/// Every fifth request, side by side in both phases, is the tenant's function list: the ratio of the
/// two says what <c>who</c> costs beyond what the shared machine does to any request.
/// </summary>
public static class ContactsWhoLoad
{
    private const string Who = "/api/contacts/v1/who";
    private const int Wijken = 9;
    private const int Topics = 40;

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var tenants = Arg(0, 50);
        var assignments = Arg(1, 300);
        var requests = Arg(2, 3000);
        var callers = Arg(3, 100);
        var seconds = Arg(4, 20);
        // Shares of the measured capacity at which the callers then ask on a schedule (none: "-").
        double[] paced = args.Length > 5 ? args[5] == "-" ? [] : [.. args[5].Split(',').Select(a => double.Parse(a, CultureInfo.InvariantCulture))] : [0.25, 0.5];
        var slugs = Enumerable.Range(1, tenants).Select(t => t == 1 ? Demo.Hilversum : $"bench-{t}").ToArray();

        Measurements.UseContentRoot("Buurt.Contacts", Path.Combine("services", "contacts"));
        Measurements.UseContentRoot("Buurt.Gateway", "gateway");
        Measurements.UseContentRoot("Buurt.Identity", Path.Combine("services", "identity"));
        await using var database = new TestDatabase("bench_contacts");
        await using var broker = await TestBroker.CreateAsync();
        // Logging every request to the console would measure the console.
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" };
        await using var identity = TestIdentity.Start(broker, quiet);
        var settings = ServiceFixture<ContactsDbContext>.Settings(database, broker, identity.Issuer);
        settings["Auth:Authority"] = identity.Address.ToString();
        settings["Demo:Enabled"] = "false";
        settings["Contacts:MetricsInterval"] = "01:00:00";
        foreach (var (key, value) in quiet)
        {
            settings[key] = value;
        }
        await using var contacts = new ServiceFactory<ContactsDbContext>(settings, kestrel: true);
        contacts.EnsureStarted();
        // "Before", side by side: a second instance on the same database that keeps no answers.
        await using var uncached = new ServiceFactory<ContactsDbContext>(new Dictionary<string, string?>(settings) { ["Contacts:WhoCache"] = "false" }, kestrel: true);
        uncached.EnsureStarted();
        var gatewaySettings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = identity.Issuer.ToString(),
            ["Auth:Authority"] = identity.Address.ToString(),
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Gateway:RedisKeyPrefix"] = TestServers.UniqueName("bench") + ":",
            ["Management:Port"] = ServiceFactory<TenantResolver>.FreePort().ToString(CultureInfo.InvariantCulture),
            // One load generator on one address: the per-address limit would measure itself.
            ["RateLimiting:Enabled"] = "false",
            ["ReverseProxy:Clusters:contacts:Destinations:local:Address"] = contacts.Address.ToString(),
        };
        foreach (var (key, value) in quiet)
        {
            gatewaySettings[key] = value;
        }
        foreach (var (slug, i) in slugs.Select((s, i) => (s, i)))
        {
            gatewaySettings[$"Gateway:Tenants:{i}:Slug"] = slug;
            gatewaySettings[$"Gateway:Tenants:{i}:Hosts:0"] = $"{slug}.localhost";
        }
        await using var gateway = new ServiceFactory<TenantResolver>(gatewaySettings, kestrel: true);
        gateway.EnsureStarted();
        await using var gatewayBefore = new ServiceFactory<TenantResolver>(new Dictionary<string, string?>(gatewaySettings)
        {
            ["Gateway:RedisKeyPrefix"] = TestServers.UniqueName("bench") + ":",
            ["Management:Port"] = ServiceFactory<TenantResolver>.FreePort().ToString(CultureInfo.InvariantCulture),
            ["ReverseProxy:Clusters:contacts:Destinations:local:Address"] = uncached.Address.ToString(),
        }, kestrel: true);
        gatewayBefore.EnsureStarted();

        Console.WriteLine($"Loading {tenants} tenants × {Wijken} wijken × {assignments} assignments × {Topics} topics...");
        var load = Stopwatch.StartNew();
        await LoadAsync(contacts, slugs, assignments);
        Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:N0} s.");

        // 1. At the service, one at a time (a warm-up pass first: JIT tiers, pools, PostgreSQL's caches).
        // Each question goes to both instances (in turn first), so "before" and "after" share the machine's moment.
        using var direct = new HttpClient { BaseAddress = contacts.Address };
        using var directBefore = new HttpClient { BaseAddress = uncached.Address };
        await SequentialAsync(direct, directBefore, slugs, requests / 2, 1);
        var cpu = Environment.CpuUsage.TotalTime;
        var (service, serviceReference, serviceBefore) = await SequentialAsync(direct, directBefore, slugs, requests, 2);
        Report($"at the service, {requests} one at a time, answers kept per network version", service);
        Report($"  beside it, the same questions without keeping (before)", serviceBefore);
        Report($"  beside it, the function list ({serviceReference.Count})", serviceReference);
        Ratio(service, serviceReference);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  before / after: p50 {Measurements.Percentile(serviceBefore, 50) / Measurements.Percentile(service, 50):0.00}×  p99 {Measurements.Percentile(serviceBefore, 99) / Measurements.Percentile(service, 99):0.00}×"));
        // The process holds the client too: an upper bound of what one answer costs the service.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  process CPU per question (both instances): {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / requests:0.00} ms; machine load average {Measurements.LoadAverage()}"));

        // 2a. Before, through its own gateway: the same callers, the instance that keeps nothing.
        using (var handlerBefore = new SocketsHttpHandler { MaxConnectionsPerServer = callers * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        using (var clientBefore = new HttpClient(handlerBefore) { BaseAddress = gatewayBefore.Address })
        {
            await ConcurrentAsync(clientBefore, slugs, callers, TimeSpan.FromSeconds(5), 5);
            var (gatewayWhoBefore, gatewayReferenceBefore, elapsedBefore) = await ConcurrentAsync(clientBefore, slugs, callers, TimeSpan.FromSeconds(seconds), 6);
            Report($"before: through the gateway, {callers} callers for {seconds} s ({(gatewayWhoBefore.Count + gatewayReferenceBefore.Count) / elapsedBefore.TotalSeconds:N0} answers/s)", gatewayWhoBefore);
            Report($"  beside it, the function list ({gatewayReferenceBefore.Count})", gatewayReferenceBefore);
            Ratio(gatewayWhoBefore, gatewayReferenceBefore);
            Console.WriteLine($"  machine load average {Measurements.LoadAverage()}");
        }

        // 2. Through the gateway, many at once; 3. consents withdrawn meanwhile.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = gateway.Address };
        var withdrawals = new WithdrawalProbe(client, await identity.TokenAsync(Demo.Hilversum, Demo.Admin));
        await withdrawals.SetUpAsync();
        await ConcurrentAsync(client, slugs, callers, TimeSpan.FromSeconds(5), 3);
        var probing = withdrawals.RunAsync(TimeSpan.FromSeconds(seconds));
        cpu = Environment.CpuUsage.TotalTime;
        var (throughGateway, gatewayReference, elapsed) = await ConcurrentAsync(client, slugs, callers, TimeSpan.FromSeconds(seconds), 4);
        var gatewayCpu = Environment.CpuUsage.TotalTime - cpu;
        await probing;
        Report($"after: through the gateway, {callers} callers for {seconds} s ({(throughGateway.Count + gatewayReference.Count) / elapsed.TotalSeconds:N0} answers/s)", throughGateway);
        Report($"  beside it, the function list ({gatewayReference.Count})", gatewayReference);
        Ratio(throughGateway, gatewayReference);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  process CPU per answer (gateway, service and callers): {gatewayCpu.TotalMilliseconds / throughGateway.Count:0.00} ms; machine load average {Measurements.LoadAverage()}"));
        withdrawals.Report();

        // 4. The same callers, each on a schedule: what a caller waits at a given share of the capacity
        // measured above, rather than at the queue that callers who never pause build up.
        foreach (var share in paced)
        {
            var rate = share * (throughGateway.Count + gatewayReference.Count) / elapsed.TotalSeconds;
            var (pacedWho, pacedReference, pacedElapsed) = await ConcurrentAsync(client, slugs, callers, TimeSpan.FromSeconds(seconds), 5, rate);
            Report(string.Create(CultureInfo.InvariantCulture,
                $"paced: {callers} callers together at {rate:N0} answers/s asked ({share:P0} of the above), {(pacedWho.Count + pacedReference.Count) / pacedElapsed.TotalSeconds:N0}/s answered"), pacedWho);
            Report($"  beside it, the function list ({pacedReference.Count})", pacedReference);
        }

        var pass = Measurements.Percentile(service, 99) <= 15 && Measurements.Percentile(throughGateway, 99) <= 25 && withdrawals.Stale == 0 && withdrawals.Done > 0 && withdrawals.GoneByResponse;
        Console.WriteLine(pass ? "PASS: p99 ≤ 15 ms at the service, ≤ 25 ms through the gateway, no withdrawn detail in any later answer"
            : "FAIL: a goal was missed (see above)");
        return pass ? 0 : 1;
    }

    private static void Ratio(List<double> who, List<double> reference) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  who / function list: p50 {Measurements.Percentile(who, 50) / Measurements.Percentile(reference, 50):0.00}×  p99 {Measurements.Percentile(who, 99) / Measurements.Percentile(reference, 99):0.00}×"));

    private static void Report(string what, List<double> sorted) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: p50 {Measurements.Percentile(sorted, 50):0.0} ms  p95 {Measurements.Percentile(sorted, 95):0.0} ms  p99 {Measurements.Percentile(sorted, 99):0.0} ms  max {sorted[^1]:0.0} ms"));

    /// <summary>
    /// A random question: a tenant, a postcode in one of its wijken, a topic (one in ten without); or,
    /// as the <paramref name="reference"/> beside it, the tenant's function list: the cheapest read of the
    /// same service (one query, 12 rows, never cached), so the ratio says what <c>who</c> itself adds on
    /// whatever the shared machine leaves.
    /// </summary>
    private static HttpRequestMessage Question(Random random, string[] slugs, bool reference = false)
    {
        if (reference)
        {
            var list = new HttpRequestMessage(HttpMethod.Get, "/api/contacts/v1/functions");
            list.Headers.Add(TenantHeaders.PublicHint, slugs[random.Next(slugs.Length)]);
            return list;
        }
        var pc4 = 1000 + (random.Next(Wijken) * 100) + random.Next(100);
        var topic = random.Next(10) == 0 ? "" : $"&topic=onderwerp-{random.Next(Topics)}";
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Who}?postcode={pc4}{topic}");
        request.Headers.Add(TenantHeaders.PublicHint, slugs[random.Next(slugs.Length)]);
        return request;
    }

    /// <summary>
    /// Every fifth request is the reference; each <c>who</c> question also goes to <paramref name="before"/>
    /// (the instance that keeps nothing), in turn first or second. Returns all three, sorted.
    /// </summary>
    private static async Task<(List<double> Who, List<double> Reference, List<double> Before)> SequentialAsync(
        HttpClient service, HttpClient before, string[] slugs, int count, int seed)
    {
        var random = new Random(seed);
        var times = new List<double>(count);
        var references = new List<double>(count / 4);
        var befores = new List<double>(count);
        for (var n = 0; n < count + (count / 4); n++)
        {
            var reference = n % 5 == 4;
            using var request = Question(random, slugs, reference);
            if (reference)
            {
                references.Add(await TimedAsync(service, request));
                continue;
            }
            using var twin = new HttpRequestMessage(request.Method, request.RequestUri);
            twin.Headers.Add(TenantHeaders.PublicHint, request.Headers.GetValues(TenantHeaders.PublicHint).Single());
            if (n % 2 == 0)
            {
                times.Add(await TimedAsync(service, request));
                befores.Add(await TimedAsync(before, twin));
            }
            else
            {
                befores.Add(await TimedAsync(before, twin));
                times.Add(await TimedAsync(service, request));
            }
        }
        times.Sort();
        references.Sort();
        befores.Sort();
        return (times, references, befores);
    }

    private static async Task<double> TimedAsync(HttpClient service, HttpRequestMessage request)
    {
        // At the service the gateway's header is the tenant.
        request.Headers.Add(TenantHeaders.Internal, request.Headers.GetValues(TenantHeaders.PublicHint).Single());
        var clock = Stopwatch.GetTimestamp();
        using var response = await service.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        return elapsed;
    }

    /// <summary>Each caller asks the reference every fifth time; returns both, sorted.</summary>
    /// <remarks>
    /// With <paramref name="rate"/> (answers a second from all callers together) each caller keeps a
    /// schedule instead of asking again at once, and an answer's time counts from when its question was
    /// due, so a slow answer also counts against the questions it held up (no coordinated omission).
    /// </remarks>
    private static async Task<(List<double> Who, List<double> Reference, TimeSpan Elapsed)> ConcurrentAsync(
        HttpClient gateway, string[] slugs, int callers, TimeSpan duration, int seed, double rate = 0)
    {
        var interval = rate > 0 ? callers / rate : 0;
        var times = new ConcurrentBag<double>();
        var references = new ConcurrentBag<double>();
        var failures = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var random = new Random((seed * 1000) + c);
            var due = Stopwatch.GetTimestamp() + (long)(random.NextDouble() * interval * Stopwatch.Frequency);
            for (var n = c; Stopwatch.GetTimestamp() < until; n++)
            {
                var reference = n % 5 == 4;
                using var request = Question(random, slugs, reference);
                if (interval > 0 && Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }
                var clock = interval > 0 ? due : Stopwatch.GetTimestamp();
                due += (long)(interval * Stopwatch.Frequency);
                using var response = await gateway.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                (reference ? references : times).Add(Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} answers through the gateway were not successful.");
        }
        var sorted = times.ToList();
        sorted.Sort();
        var sortedReferences = references.ToList();
        sortedReferences.Sort();
        return (sorted, sortedReferences, started.Elapsed);
    }

    /// <summary>
    /// Gives and withdraws a consent for a holder's public phone through the gateway, again and again,
    /// while <see cref="Readers"/> callers ask <c>who</c> without pause across each withdrawal. The
    /// detail's disappearance is the start of the last answer that still showed the phone (every answer
    /// begun later lacks it), measured from the withdrawal request's start and against its response.
    /// The goal: it disappears before the withdrawal's own response, so no answer begun after it shows it.
    /// </summary>
    private sealed class WithdrawalProbe(HttpClient gateway, string adminToken)
    {
        private const int Readers = 4;
        private readonly List<double> _withdrawals = [];
        private readonly List<double> _disappearances = [];
        private readonly List<double> _afterResponse = [];
        private Guid _person;
        private Guid _phone;
        private string _value = "";

        public int Done { get; private set; }

        /// <summary>Answers begun after a withdrawal's response that still showed the phone (must be 0).</summary>
        public int Stale { get; private set; }

        public int NotShownAfterConsent { get; private set; }

        /// <summary>In every round the detail was gone no later than the withdrawal's response.</summary>
        public bool GoneByResponse => _afterResponse.Count > 0 && _afterResponse.Max() < 0;

        public async Task SetUpAsync()
        {
            var organisation = (await SendAsync(HttpMethod.Post, "/api/contacts/v1/organisations", new { name = "Probe", kind = "other" })).GetProperty("id").GetGuid();
            await SendAsync(HttpMethod.Put, "/api/contacts/v1/functions/probe", new { name = "Probe" });
            await SendAsync(HttpMethod.Put, "/api/contacts/v1/topics/probe", new { name = "Probe", theme = "sociaal" });
            await SendAsync(HttpMethod.Put, "/api/contacts/v1/routing-rules", new { topic = "probe", function = "probe" });
            _person = (await SendAsync(HttpMethod.Post, "/api/contacts/v1/people", new { name = "Probe Persoon" })).GetProperty("id").GetGuid();
            _value = "06 9999 " + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            _phone = (await SendAsync(HttpMethod.Post, $"/api/contacts/v1/people/{_person}/contact-points", new { kind = "phone", value = _value, visibility = "public" }))
                .GetProperty("id").GetGuid();
            await SendAsync(HttpMethod.Post, "/api/contacts/v1/assignments", new
            {
                personId = _person, organisationId = organisation, function = "probe", areaIds = new[] { WijkId(Demo.Hilversum, 0) }, from = new DateOnly(2020, 1, 1),
            });
        }

        public async Task RunAsync(TimeSpan duration)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                var consent = (await SendAsync(HttpMethod.Post, $"/api/contacts/v1/people/{_person}/consents",
                    new { contactPointIds = new[] { _phone }, visibility = "public", basis = "in-person", textVersion = "bench" })).GetProperty("id").GetGuid();
                if (!await ShownAsync())
                {
                    NotShownAfterConsent++;
                }
                // The readers ask from before the withdrawal until 100 ms after its response.
                var answers = new ConcurrentBag<(long Start, bool Shown)>();
                using var stop = new CancellationTokenSource();
                var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var begun = Stopwatch.GetTimestamp();
                        answers.Add((begun, await ShownAsync()));
                    }
                })).ToArray();
                await Task.Delay(20);
                var sent = Stopwatch.GetTimestamp();
                await SendAsync(HttpMethod.Post, $"/api/contacts/v1/people/{_person}/consents/{consent}/withdrawals", null);
                var responded = Stopwatch.GetTimestamp();
                await Task.Delay(100);
                await stop.CancelAsync();
                await Task.WhenAll(readers);
                // One more answer begun surely after the response.
                answers.Add((Stopwatch.GetTimestamp(), await ShownAsync()));

                _withdrawals.Add(Stopwatch.GetElapsedTime(sent, responded).TotalMilliseconds);
                // From the last answer that showed the phone on, no answer begun later shows it.
                var lastShown = answers.Where(a => a.Shown).Select(a => a.Start).DefaultIfEmpty(sent).Max();
                _disappearances.Add(Stopwatch.GetElapsedTime(sent, Math.Max(lastShown, sent)).TotalMilliseconds);
                _afterResponse.Add((lastShown - responded) * 1000.0 / Stopwatch.Frequency);
                Stale += answers.Count(a => a.Shown && a.Start > responded);
                Done++;
            }
        }

        public void Report()
        {
            _withdrawals.Sort();
            _disappearances.Sort();
            _afterResponse.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"withdrawals under load: {Done}, each read by {Readers} callers throughout; answers begun after a withdrawal's response that still showed the phone: {Stale}, consents not shown at once: {NotShownAfterConsent}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  the withdrawal's response: p50 {Measurements.Percentile(_withdrawals, 50):0.0} ms, p99 {Measurements.Percentile(_withdrawals, 99):0.0} ms after its request; " +
                $"the phone gone from every later answer: p50 {Measurements.Percentile(_disappearances, 50):0.0} ms, p99 {Measurements.Percentile(_disappearances, 99):0.0} ms after the request, " +
                $"at the latest {_afterResponse[^1]:+0.0;-0.0} ms from the response (< 0: before it)"));
        }

        private async Task<bool> ShownAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Who}?postcode=1000&topic=probe");
            request.Headers.Add(TenantHeaders.PublicHint, Demo.Hilversum);
            using var response = await gateway.SendAsync(request);
            return (await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).Contains(_value, StringComparison.Ordinal);
        }

        private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add(TenantHeaders.PublicHint, Demo.Hilversum);
            request.Headers.Authorization = TestIdentity.Bearer(adminToken);
            using var response = await gateway.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode
                ? JsonDocument.Parse(text).RootElement.Clone()
                : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }
    }

    private static Guid WijkId(string tenant, int wijk) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenant}/w/{wijk}")), bigEndian: true);

    /// <summary>
    /// Per tenant, in SQL: 9 wijken with a postcode range each (1000-1099, 1100-1199, ...), 12
    /// functions, 40 topics, 20 organisations, 300 people (a public phone, a network e-mail; every
    /// second one consented), a team mailbox per function and wijk, and <paramref name="assignments"/>
    /// assignments: successive two-year holders of 10 functions in each wijk, the last of each open.
    /// Rules: each topic to one of the 12 functions (two have no holder, so those fall through), every
    /// fourth also for one wijk, a fallback per wijk and one per tenant.
    /// </summary>
    private static async Task LoadAsync(ServiceFactory<ContactsDbContext> service, string[] slugs, int assignments)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        foreach (var t in slugs)
        {
            // md5(text)::uuid reads the hash as the same bytes as WijkId (big-endian).
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO areas (id, tenant_id, kind, name, code, parent_id)
                SELECT md5({t} || '/w/' || w)::uuid, {t}, 'wijk', 'Wijk ' || w, 'W' || w, NULL FROM generate_series(0, 8) w;
                INSERT INTO postcode_ranges (tenant_id, "from", "to", area_id)
                SELECT {t}, 1000 + w * 100, 1099 + w * 100, md5({t} || '/w/' || w)::uuid FROM generate_series(0, 8) w;
                INSERT INTO functions (tenant_id, key, name, position) SELECT {t}, 'functie-' || f, 'Functie ' || f, f * 10 FROM generate_series(0, 11) f;
                INSERT INTO topics (tenant_id, key, name, theme)
                SELECT {t}, 'onderwerp-' || k, 'Onderwerp ' || k, (ARRAY['Sociaal', 'Fysiek', 'Veilig'])[1 + k % 3] FROM generate_series(0, 39) k;
                INSERT INTO organisations (id, tenant_id, name, kind, registered_at)
                SELECT md5({t} || '/o/' || o)::uuid, {t}, 'Organisatie ' || o, 'SocialWork', now() FROM generate_series(0, 19) o;
                INSERT INTO people (id, tenant_id, name, registered_at)
                SELECT md5({t} || '/p/' || g)::uuid, {t}, 'Persoon ' || g, now() FROM generate_series(0, 299) g;
                INSERT INTO contact_points (id, tenant_id, person_id, kind, value, visibility, created_at)
                SELECT md5({t} || '/pp/' || g)::uuid, {t}, md5({t} || '/p/' || g)::uuid, 'Phone', '06 ' || (10000000 + g), 'Public', now() FROM generate_series(0, 299) g
                UNION ALL
                SELECT md5({t} || '/pe/' || g)::uuid, {t}, md5({t} || '/p/' || g)::uuid, 'Email', 'persoon' || g || '@example.nl', 'Network', now() FROM generate_series(0, 299) g;
                INSERT INTO contact_points (id, tenant_id, organisation_id, kind, value, visibility, created_at)
                SELECT md5({t} || '/op/' || o)::uuid, {t}, md5({t} || '/o/' || o)::uuid, 'Phone', '035 ' || (1000000 + o), 'Public', now() FROM generate_series(0, 19) o;
                INSERT INTO contact_points (id, tenant_id, function_key, area_id, kind, value, visibility, label, created_at)
                SELECT md5({t} || '/fp/' || f || '/' || w)::uuid, {t}, 'functie-' || f, md5({t} || '/w/' || w)::uuid, 'Email',
                       'functie' || f || '.wijk' || w || '@example.nl', 'Public', 'Team', now()
                FROM generate_series(0, 11) f, generate_series(0, 8) w;
                INSERT INTO consent_records (id, tenant_id, person_id, consent_id, kind, contact_point_ids, visibility, basis, text_version, recorded_by, recorded_at)
                SELECT md5({t} || '/c/' || g)::uuid, {t}, md5({t} || '/p/' || g)::uuid, md5({t} || '/c/' || g)::uuid, 'Given',
                       ARRAY[md5({t} || '/pp/' || g)::uuid], 'Public', 'InPerson', '2026-01', 'bench', now()
                FROM generate_series(0, 299, 2) g;
                WITH src AS (
                    SELECT md5({t} || '/a/' || g)::uuid AS id, md5({t} || '/p/' || (g % 300))::uuid AS person, md5({t} || '/o/' || (g % 20))::uuid AS organisation,
                           'functie-' || ((g % 90) / 9) AS function_key, md5({t} || '/w/' || (g % 9))::uuid AS wijk,
                           DATE '2018-01-01' + (g / 90) * 730 AS first_day,
                           CASE WHEN g + 90 < {assignments} THEN DATE '2018-01-01' + (g / 90 + 1) * 730 - 1 END AS last_day
                    FROM generate_series(0, {assignments} - 1) g),
                inserted AS (
                    INSERT INTO assignments (id, tenant_id, person_id, organisation_id, function_key, "from", until, registered_at)
                    SELECT id, {t}, person, organisation, function_key, first_day, last_day, now() FROM src)
                INSERT INTO assignment_areas (assignment_id, area_id, tenant_id, function_key, "from", until)
                SELECT id, wijk, {t}, function_key, first_day, last_day FROM src;
                INSERT INTO routing_rules (id, tenant_id, topic_key, area_id, function_key, organisation_id)
                SELECT gen_random_uuid(), {t}, 'onderwerp-' || k, NULL::uuid, 'functie-' || (k % 12), NULL::uuid FROM generate_series(0, 39) k
                UNION ALL
                SELECT gen_random_uuid(), {t}, 'onderwerp-' || k, md5({t} || '/w/' || (k % 9))::uuid, 'functie-' || ((k + 1) % 10), NULL::uuid FROM generate_series(0, 39, 4) k
                UNION ALL
                SELECT gen_random_uuid(), {t}, NULL::text, md5({t} || '/w/' || w)::uuid, 'functie-0', NULL::uuid FROM generate_series(0, 8) w
                UNION ALL
                SELECT gen_random_uuid(), {t}, NULL::text, NULL::uuid, NULL::text, md5({t} || '/o/0')::uuid;
                """);
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
    }
}
