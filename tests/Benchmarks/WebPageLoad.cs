using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using Buurt.Testing;
using Buurt.Testing.Browser;
using Buurt.Testing.InProcess;
using Microsoft.Playwright;

namespace Buurt.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- web-pages [visitors] [seconds] [warm-up seconds] [reading seconds]</c>
/// (or <c>./platform bench web-pages</c>): issue 16's two goals for the residents' web app, on the whole
/// platform in one process (every service, the gateway and the web app, as tests/InProcess runs them for
/// the browser tests) on the test servers, with Hilversum's demo data and ten initiatives in Zuid.
/// <list type="number">
/// <item>Page weight of the wijk page and an initiative page: everything Chromium fetches for a first
/// visit (HTML, CSS, JavaScript, Leaflet where there is a map, icons), no map tiles (no tile server is
/// set, the default). Counted as transferred, and with every text file compressed as a server could
/// send it (Brotli, quality 11, what MapStaticAssets serves after publish; gzip beside it). Goal ≤ 150 KB
/// compressed, JavaScript included.</item>
/// <item>The wijk page through the gateway, <c>visitors</c> (50) concurrent anonymous visitors for
/// <c>seconds</c> (20) after a warm-up: p95 ≤ 60 ms. Before it, one page at a time with the client spans
/// the web app made (System.Net.Http activities to the gateway's /api): how many of its calls were in
/// flight at once, and their summed time against the page's, the evidence that they run side by side.
/// Measured twice: visitors who read each page for <c>reading seconds</c> (5, from half to one and a
/// half times that, at random) before asking for the next, as people browse; and visitors who ask
/// again the moment a page is in, which is the most the machine serves rather than what a visitor
/// waits.</item>
/// </list>
/// </summary>
public static class WebPageLoad
{
    private const double WeightGoalKb = 150;
    private const double P95GoalMs = 60;

    private sealed class BenchPlatform() : Platform(new PlatformOptions { Web = true, GatewayPermitLimit = 100_000_000 });

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var visitors = Arg(0, 50);
        var seconds = Arg(1, 20);
        var warmUp = Arg(2, 10);
        var reading = Arg(3, 5);

        foreach (var (assembly, folder) in new[]
        {
            ("Buurt.Identity", "services/identity"), ("Buurt.Initiatives", "services/initiatives"), ("Buurt.Budget", "services/budget"),
            ("Buurt.Calendar", "services/calendar"), ("Buurt.Contacts", "services/contacts"), ("Buurt.Notifications", "services/notifications"),
            ("Buurt.Gateway", "gateway"), ("Buurt.Web", "web"),
        })
        {
            Measurements.UseContentRoot(assembly, folder);
        }
        // Logging every request to the console would measure the console.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft.AspNetCore", "Warning");

        Console.WriteLine($"web-pages: load average {Measurements.LoadAverage()} at the start ({Environment.ProcessorCount} cores)");
        var platform = new BenchPlatform();
        await platform.InitializeAsync();
        try
        {
            var initiative = await SeedAsync(platform);
            var site = platform.Site(Demo.Hilversum);
            var wijkPath = $"/wijken/{Demo.Zuid}";
            var initiativePath = $"/initiatieven/{initiative}";

            // 1. Page weight, in Chromium.
            await using var browser = await TestBrowser.StartAsync();
            var fits = true;
            foreach (var path in new[] { wijkPath, initiativePath })
            {
                fits &= await WeighAsync(browser, site + path);
            }

            // 2a. One page at a time: the web app's calls behind it, from its client spans.
            using var client = Visitor(platform);
            for (var i = 0; i < 20; i++)
            {
                (await client.GetAsync(wijkPath)).EnsureSuccessStatusCode();
            }
            await SideBySideAsync(client, wijkPath, platform.Gateway.Address.Port);

            // 2b. The visitors: reading each page (the goal), then without a pause (the machine's most).
            var browsing = await LoadAsync(platform, wijkPath, visitors, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(Math.Max(seconds, 6 * reading)), TimeSpan.FromSeconds(reading));
            var p95 = Report($"{visitors} visitors reading each page {reading} s", browsing, Math.Max(seconds, 6 * reading));
            var flooding = await LoadAsync(platform, wijkPath, visitors, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(seconds), TimeSpan.Zero);
            Report($"{visitors} visitors without a pause", flooding, seconds);
            return fits && p95 <= P95GoalMs && browsing.Failed == 0 && flooding.Failed == 0 ? 0 : 1;
        }
        finally
        {
            await platform.DisposeAsync();
        }
    }

    /// <summary>Ten initiatives of the demo resident in Zuid, with a place (the map) and support: the newest one's id.</summary>
    private static async Task<Guid> SeedAsync(Platform platform)
    {
        using var resident = await platform.SignedInAsync(Demo.Resident);
        var id = Guid.Empty;
        for (var i = 0; i < 10; i++)
        {
            using var response = await resident.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
            {
                title = $"Bankje bij de speeltuin {i + 1}",
                description = "Ouders willen kunnen zitten terwijl de kinderen spelen.\nDe buurt onderhoudt het bankje en verft het elk voorjaar.",
                areaId = Demo.Zuid,
                theme = "fysiek",
                requestedAmount = 850.50m + i,
                addressText = "Stroeslaan",
                location = new { lat = 52.2131 + (i * 0.001), lon = 5.1712 },
            });
            response.EnsureSuccessStatusCode();
            id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        }
        return id;
    }

    /// <summary>Everything a first visit fetches, file by file: as transferred, decoded, and compressed with Brotli and gzip.</summary>
    private static async Task<bool> WeighAsync(TestBrowser browser, string url)
    {
        var page = await browser.NewPageAsync(TimeSpan.FromSeconds(60));
        var responses = new ConcurrentQueue<IResponse>();
        page.Response += (_, response) => responses.Enqueue(response);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });
        Console.WriteLine($"page weight of {new Uri(url).AbsolutePath} (first visit, Chromium):");
        Console.WriteLine("| file | type | transferred (body) | decoded | Brotli | gzip |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        long transferred = 0, decoded = 0, brotli = 0, gzip = 0, script = 0;
        foreach (var response in responses.Where(r => r.Status is >= 200 and < 300 && !r.Url.Contains("/tiles/", StringComparison.Ordinal)))
        {
            var sizes = await response.Request.SizesAsync();
            var body = await response.BodyAsync();
            var type = response.Request.ResourceType;
            var (br, gz) = (Compressed(body, brotli: true), Compressed(body, brotli: false));
            transferred += sizes.ResponseBodySize;
            decoded += body.Length;
            brotli += Math.Min(br, sizes.ResponseBodySize);
            gzip += Math.Min(gz, sizes.ResponseBodySize);
            script += type == "script" ? Math.Min(br, sizes.ResponseBodySize) : 0;
            Console.WriteLine($"| {new Uri(response.Url).AbsolutePath} | {type}{(response.Headers.TryGetValue("content-encoding", out var encoding) ? $", {encoding}" : "")} | " +
                $"{Kb(sizes.ResponseBodySize)} | {Kb(body.Length)} | {Kb(br)} | {Kb(gz)} |");
        }
        var fits = brotli / 1024.0 <= WeightGoalKb;
        Console.WriteLine($"| **total ({responses.Count} responses)** | | **{Kb(transferred)}** | {Kb(decoded)} | **{Kb(brotli)}** | {Kb(gzip)} |");
        Console.WriteLine($"  compressed (Brotli, or as transferred when smaller) {Kb(brotli)} KB, of which JavaScript {Kb(script)} KB: goal ≤ {WeightGoalKb} KB {(fits ? "met" : "missed")}");
        await page.Context.CloseAsync();
        return fits;
    }

    private static long Compressed(byte[] body, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream compressor = brotli ? new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true) : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(body);
        }
        return output.Length;
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>An anonymous visitor of Hilversum's site through the gateway (no cookies, no redirects followed).</summary>
    private static HttpClient Visitor(Platform platform)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue };
        var client = new HttpClient(handler) { BaseAddress = platform.Gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Host = $"{Demo.Hilversum}.localhost:{platform.Gateway.Address.Port}";
        return client;
    }

    /// <summary>
    /// Five pages one at a time, each with the web app's calls to the gateway's APIs (client spans of one
    /// trace): their start and length against the page's; the most in flight at once and their summed time.
    /// </summary>
    private static async Task SideBySideAsync(HttpClient client, string path, int gatewayPort)
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "System.Net.Http" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        Console.WriteLine($"the calls behind one wijk page (one page at a time, the web app's client spans to the gateway's /api):");
        for (var i = 0; i < 5; i++)
        {
            spans.Clear();
            using var page = new Activity("bench.page").Start();
            var started = Stopwatch.GetTimestamp();
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
            var pageMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            page.Stop();
            await Task.Delay(200); // the spans of the last calls stop after the answer
            var calls = spans.Where(a => a.Kind == ActivityKind.Client && a.TraceId == page.TraceId
                    && a.GetTagItem("url.full") is string full && new Uri(full) is { Port: var port, AbsolutePath: var p } && port == gatewayPort && p.StartsWith("/api/", StringComparison.Ordinal))
                .OrderBy(a => a.StartTimeUtc).ToList();
            if (calls.Count == 0)
            {
                Console.WriteLine($"  page {i + 1}: {pageMs:N1} ms, no client spans seen (all cached in the web app?)");
                continue;
            }
            var first = calls[0].StartTimeUtc;
            var wall = (calls.Max(c => c.StartTimeUtc + c.Duration) - first).TotalMilliseconds;
            var sum = calls.Sum(c => c.Duration.TotalMilliseconds);
            var events = calls.SelectMany(c => new[] { (At: c.StartTimeUtc, Step: 1), (At: c.StartTimeUtc + c.Duration, Step: -1) }).OrderBy(e => e.At).ThenBy(e => e.Step);
            int inFlight = 0, most = 0;
            foreach (var (_, step) in events)
            {
                inFlight += step;
                most = Math.Max(most, inFlight);
            }
            Console.WriteLine($"  page {i + 1}: {pageMs:N1} ms; {calls.Count} calls, at most {most} at once, {sum:N1} ms summed within {wall:N1} ms (ratio {sum / wall:N2})");
            if (i == 0)
            {
                foreach (var call in calls)
                {
                    Console.WriteLine($"    +{(call.StartTimeUtc - first).TotalMilliseconds,6:N1} ms  {call.Duration.TotalMilliseconds,6:N1} ms  {new Uri((string)call.GetTagItem("url.full")!).PathAndQuery}");
                }
            }
        }
    }

    private sealed record Latencies(List<double> Sorted, int Failed);

    /// <summary>One line of figures; the p95.</summary>
    private static double Report(string who, Latencies latencies, int seconds)
    {
        var p95 = Measurements.Percentile(latencies.Sorted, 95);
        Console.WriteLine(
            $"wijk page through the gateway, {who}, for {seconds} s: {latencies.Sorted.Count} pages " +
            $"({latencies.Sorted.Count / (double)seconds:N0}/s), {latencies.Failed} failed; p50 {Measurements.Percentile(latencies.Sorted, 50):N1} ms, " +
            $"p95 {p95:N1} ms, p99 {Measurements.Percentile(latencies.Sorted, 99):N1} ms, max {latencies.Sorted[^1]:N1} ms " +
            $"(goal p95 ≤ {P95GoalMs} ms: {(p95 <= P95GoalMs ? "met" : "missed")}); load average {Measurements.LoadAverage()}");
        return p95;
    }

    /// <summary>
    /// Each visitor asks for the page again when it has read the last one (<paramref name="reading"/>,
    /// from half to one and a half times it; zero: at once); only the measured seconds count.
    /// </summary>
    private static async Task<Latencies> LoadAsync(Platform platform, string path, int visitors, TimeSpan warmUp, TimeSpan measured, TimeSpan reading)
    {
        using var client = Visitor(platform);
        var all = new ConcurrentBag<double>();
        var failed = 0;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = warmUp;
        var end = warmUp + measured;
        await Task.WhenAll(Enumerable.Range(0, visitors).Select(async visitor =>
        {
            while (Stopwatch.GetElapsedTime(start) < end)
            {
                var begun = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                // Each visitor its own address, as the gateway counts visitors (it forwards X-Forwarded-For from a trusted hop only; harmless otherwise).
                request.Headers.Add("X-Forwarded-For", $"10.0.{visitor / 250}.{(visitor % 250) + 1}");
                var ok = false;
                try
                {
                    using var response = await client.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                var elapsed = Stopwatch.GetElapsedTime(begun);
                if (Stopwatch.GetElapsedTime(start) - elapsed >= measureFrom && Stopwatch.GetElapsedTime(start) <= end)
                {
                    if (ok)
                    {
                        all.Add(elapsed.TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                if (reading > TimeSpan.Zero)
                {
                    await Task.Delay(reading * (0.5 + Random.Shared.NextDouble()));
                }
            }
        }));
        var sorted = all.ToList();
        sorted.Sort();
        return new Latencies(sorted, failed);
    }
}
