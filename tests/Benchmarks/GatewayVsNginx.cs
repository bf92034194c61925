using System.Globalization;
using System.Text.RegularExpressions;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Npgsql;

namespace Buurt.Benchmarks;

/// <summary>
/// <c>./platform bench gateway [seconds] [connections]</c>: issue 20. The initiatives service and the
/// gateway run as processes of their own (Release, Production, as a municipality runs them) on the
/// test PostgreSQL, RabbitMQ and Redis, with identity in this process for tokens. nginx (Debian's)
/// proxies the same service with a configuration written here: a keep-alive upstream and the tenant
/// header the gateway sets, no cache. <c>wrk</c> loads one target at a time, 127.0.0.1 only:
/// the service directly, nginx, the gateway, in one run and in two rounds (forwards, then backwards,
/// so drift on a shared machine falls on every target alike), after a warm-up of each.
/// Goals: the anonymous public list of a wijk through the gateway ≥ 1.0 × nginx; the same list
/// signed in (nothing cacheable, the token checked at the gateway) ≥ 0.90 × nginx. The gateway's
/// rate limit stays on, its limit raised so one load generator on one address is not refused.
/// </summary>
public static partial class GatewayVsNginx
{
    private static readonly string s_list = $"/api/initiatives/v1/initiatives?areaId={Demo.Zuid}";

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var seconds = Arg(0, 10);
        var connections = Arg(1, 32);
        foreach (var tool in new[] { "wrk", "nginx" })
        {
            if (Tools.Find(tool) is null)
            {
                Console.Error.WriteLine($"{tool} is missing: ./platform bench gateway installs it (apt-get install nginx wrk).");
                return 2;
            }
        }

        Measurements.UseContentRoot("Buurt.Identity", Path.Combine("services", "identity"));
        var work = Directory.CreateTempSubdirectory("buurt-bench-gateway-");
        await using var database = new TestDatabase("bench_gateway");
        await using var broker = await TestBroker.CreateAsync();
        await using var identity = TestIdentity.Start(broker, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var servicePort = ServiceFactoryPort();
        var gatewayPort = ServiceFactoryPort();
        var gatewayManagementPort = ServiceFactoryPort();
        var nginxPort = ServiceFactoryPort();
        var common = CommonSettings(identity);
        await using var service = ChildProcess.StartDotnet(work.FullName, "initiatives", Path.Combine("services", "initiatives"), "Buurt.Initiatives", servicePort, new(common)
        {
            ["ConnectionStrings__Database"] = database.ConnectionString,
            ["ConnectionStrings__RabbitMq"] = broker.Uri.ToString(),
            ["Identity__Address"] = identity.Address.ToString(),
            ["Demo__Enabled"] = "false",
            ["Initiatives__DeadlineCheckInterval"] = "01:00:00",
            ["Initiatives__MetricsInterval"] = "01:00:00",
        });
        await using var gateway = StartGateway(work.FullName, "gateway", gatewayPort, gatewayManagementPort, servicePort, common, []);
        // KEY=VALUE arguments: more gateways beside it, each with its settings, measured the same way.
        var variants = new List<(string Name, ChildProcess Process, int Port)>();
        // Stopped however the run ends (a failed check throws).
        await using var stopVariants = new StopAll(() => variants.Select(v => v.Process));
        foreach (var (extra, i) in args.Where(a => a.Contains('=', StringComparison.Ordinal)).Select((a, i) => (a, i)))
        {
            var (port, managementPort) = (ServiceFactoryPort(), ServiceFactoryPort());
            var process = StartGateway(work.FullName, $"gateway-{i + 1}", port, managementPort, servicePort, common, Settings(extra));
            variants.Add(("gateway " + extra, process, port));
            await process.WaitReadyAsync($"http://127.0.0.1:{managementPort}/health/ready");
        }
        await using var nginx = ChildProcess.StartNginx(work.FullName, nginxPort, servicePort);
        await service.WaitReadyAsync($"http://127.0.0.1:{servicePort}/health/ready");
        await gateway.WaitReadyAsync($"http://127.0.0.1:{gatewayManagementPort}/health/ready");
        await nginx.WaitReadyAsync($"http://127.0.0.1:{nginxPort}/health/live");
        await SeedAsync(database.ConnectionString);
        var token = await identity.TokenAsync(Demo.Hilversum, Demo.Resident);

        Target[] targets =
        [
            new Target("direct", $"http://127.0.0.1:{servicePort}", [$"{TenantHeaders.Internal}: {Demo.Hilversum}"], service),
            new Target("nginx", $"http://127.0.0.1:{nginxPort}", [$"{TenantHeaders.PublicHint}: {Demo.Hilversum}"], nginx),
            new Target("gateway", $"http://127.0.0.1:{gatewayPort}", [$"{TenantHeaders.PublicHint}: {Demo.Hilversum}"], gateway),
            .. variants.Select(v => new Target(v.Name, $"http://127.0.0.1:{v.Port}", [$"{TenantHeaders.PublicHint}: {Demo.Hilversum}"], v.Process)),
        ];
        var scenarios = new[]
        {
            new Scenario("anonymous public list", [], 1.0),
            new Scenario("signed-in list", [$"Authorization: Bearer {token}"], 0.90),
        };
        await CheckSameAnswersAsync(targets, scenarios);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Measurements.Machine()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; wrk -t2 -c{connections}, {seconds} s per target and round, 2 rounds"));
        // Every request of every target first: JIT tiers, pools and PostgreSQL's caches warm before anything counts.
        foreach (var scenario in scenarios)
        {
            foreach (var target in targets)
            {
                await Wrk.RunAsync(target, scenario, Math.Max(5, seconds / 2), connections);
            }
        }
        var pass = true;
        foreach (var scenario in scenarios)
        {
            var results = targets.ToDictionary(t => t.Name, _ => new Totals());
            foreach (var round in new[] { targets, targets.Reverse().ToArray() })
            {
                foreach (var target in round)
                {
                    var cpu = target.Process.CpuTime();
                    var result = await Wrk.RunAsync(target, scenario, seconds, connections);
                    results[target.Name].Add(result, target.Process.CpuTime() - cpu);
                }
            }
            var ratio = results["gateway"].PerSecond / results["nginx"].PerSecond;
            pass &= ratio >= scenario.Goal;
            Console.WriteLine();
            Console.WriteLine($"{scenario.Name} (GET {s_list}), load average {Measurements.LoadAverage()}:");
            Console.WriteLine("| target | requests/s | p50 | p99 | CPU of the proxy (or service) per request |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var target in targets)
            {
                var r = results[target.Name];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {target.Name} | {r.PerSecond:N0} | {r.P50:0.00} ms | {r.P99:0.00} ms | {r.CpuMicrosecondsPerRequest:N0} µs |"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gateway / nginx = {ratio:0.00} (goal ≥ {scenario.Goal:0.00}), gateway / direct = {results["gateway"].PerSecond / results["direct"].PerSecond:0.00}, nginx / direct = {results["nginx"].PerSecond / results["direct"].PerSecond:0.00}"));
            foreach (var (name, _, _) in variants)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} / nginx = {results[name].PerSecond / results["nginx"].PerSecond:0.00}"));
            }
        }
        Console.WriteLine();
        Console.WriteLine(pass ? "PASS: both goals met" : "FAIL: a goal was missed (see above)");
        work.Delete(recursive: true);
        return pass ? 0 : 1;
    }

    /// <summary>What every process of ours gets here: Production, quiet logs, the test Redis, identity's tokens.</summary>
    private static Dictionary<string, string> CommonSettings(TestIdentity identity) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["ConnectionStrings__Redis"] = TestServers.Redis,
        ["Auth__Issuer"] = identity.Issuer.ToString(),
        ["Auth__Authority"] = identity.Address.ToString(),
    };

    /// <summary>"K1=V1 K2=V2" as settings.</summary>
    private static Dictionary<string, string> Settings(string argument) =>
        argument.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToDictionary(
            setting => setting[..setting.IndexOf('=', StringComparison.Ordinal)],
            setting => setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);

    /// <summary>Not a setting of the gateway: the folder of another build of it to run instead of this one's.</summary>
    private const string BuildSetting = "GATEWAY_BUILD";

    /// <summary>The gateway in front of the initiatives service on <paramref name="upstreamPort"/>, for Hilversum.</summary>
    private static ChildProcess StartGateway(
        string work, string name, int port, int managementPort, int upstreamPort, Dictionary<string, string> common, Dictionary<string, string> overrides)
    {
        var settings = new Dictionary<string, string>(common)
        {
            ["Management__Port"] = managementPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway__RedisKeyPrefix"] = TestServers.UniqueName("bench") + ":",
            ["Gateway__Tenants__0__Slug"] = Demo.Hilversum,
            ["Gateway__Tenants__0__Hosts__0"] = "hilversum.localhost",
            // Counted as always, but high enough that one load generator on one address is never refused.
            ["RateLimiting__Default__PermitLimit"] = "1000000000",
            ["ReverseProxy__Clusters__initiatives__Destinations__local__Address"] = $"http://127.0.0.1:{upstreamPort}",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        // GATEWAY_BUILD=<folder>: another build of the gateway (e.g. main's), to compare with this one.
        settings.Remove(BuildSetting, out var build);
        return ChildProcess.StartDotnet(work, name, "gateway", "Buurt.Gateway", port, settings, build);
    }

    /// <summary>
    /// <c>./platform bench gateway-overhead [seconds] [connections] [rounds] [KEY=VALUE...]</c>: what the
    /// gateway itself costs per request, in CPU, in front of a service that costs nothing (nginx
    /// answering a fixed list), with each of its parts switched off in turn; nginx as a proxy in
    /// front of the same for comparison. Every variant is a gateway process of its own, all running
    /// at once, measured in turn in short slices, round after round (each round in another order):
    /// on a shared machine whose load swings by the minute, every variant sees the same swings, and
    /// the median over the rounds compares them.
    /// </summary>
    public static async Task<int> OverheadAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], CultureInfo.InvariantCulture, out var value) ? value : fallback;
        var seconds = Arg(0, 4);
        var connections = Arg(1, 32);
        var rounds = Arg(2, 5);
        var settingsArgs = args.Where(a => a.Contains('=', StringComparison.Ordinal)).ToList();
        Measurements.UseContentRoot("Buurt.Identity", Path.Combine("services", "identity"));
        var work = Directory.CreateTempSubdirectory("buurt-bench-gateway-");
        await using var broker = await TestBroker.CreateAsync();
        await using var identity = TestIdentity.Start(broker, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var token = await identity.TokenAsync(Demo.Hilversum, Demo.Resident);
        var common = CommonSettings(identity);
        var body = "{\"items\":[" + string.Join(',', Enumerable.Range(1, 20).Select(i =>
            $"{{\"id\":\"{Guid.NewGuid()}\",\"title\":\"Speeltuin opknappen {i}\",\"status\":\"submitted\",\"supportCount\":{i}}}")) + "],\"total\":200}";
        var upstreamPort = ServiceFactoryPort();
        await using var upstream = ChildProcess.StartNginx(work.FullName, upstreamPort, null, body);
        var nginxPort = ServiceFactoryPort();
        await using var nginx = ChildProcess.StartNginx(work.FullName, nginxPort, upstreamPort);
        await nginx.WaitReadyAsync($"http://127.0.0.1:{nginxPort}/health/live");
        var variants = new List<(string Name, Dictionary<string, string> Settings)>
        {
            ("as configured", []),
            ("without the rate limit", new() { ["RateLimiting__Enabled"] = "false" }),
            ("without the output cache", new() { ["ReverseProxy__Routes__initiatives__OutputCachePolicy"] = "" }),
        };
        if (settingsArgs.Count > 0)
        {
            // Only the settings asked for, beside the gateway as configured.
            variants.RemoveRange(1, variants.Count - 1);
        }
        foreach (var extra in settingsArgs)
        {
            // KEY=VALUE: one more variant with that setting ("K1=V1 K2=V2": with both).
            variants.Add((extra, Settings(extra)));
        }
        var scenarios = new[]
        {
            new Scenario("anonymous", [], 0),
            new Scenario("signed in", [$"Authorization: Bearer {token}"], 0),
        };
        var targets = new List<(string Name, Target Target)>
        {
            ("nginx", new Target("nginx", $"http://127.0.0.1:{nginxPort}", [$"{TenantHeaders.PublicHint}: {Demo.Hilversum}"], nginx)),
        };
        var gateways = new List<ChildProcess>();
        try
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var port = ServiceFactoryPort();
                var managementPort = ServiceFactoryPort();
                var gateway = StartGateway(work.FullName, $"gateway-{i}", port, managementPort, upstreamPort, common, variants[i].Settings);
                gateways.Add(gateway);
                await gateway.WaitReadyAsync($"http://127.0.0.1:{managementPort}/health/ready");
                Console.Error.WriteLine($"gateway {variants[i].Name}: pid {gateway.Id}");
                targets.Add(("gateway " + variants[i].Name, new Target("gateway", $"http://127.0.0.1:{port}", [$"{TenantHeaders.PublicHint}: {Demo.Hilversum}"], gateway)));
            }
            // JIT tiers and pools warm in every process before anything counts.
            foreach (var (_, target) in targets)
            {
                foreach (var scenario in scenarios)
                {
                    await Wrk.RunAsync(target, scenario, 5, connections);
                }
            }
            var samples = targets.ToDictionary(t => t.Name, _ => scenarios.ToDictionary(s => s.Name, _ => new List<(double PerSecond, double CpuMicroseconds)>()));
            var loads = new List<string>();
            for (var round = 0; round < rounds; round++)
            {
                // Another order each round: no variant always follows the same one.
                var order = targets.Skip(round % targets.Count).Concat(targets.Take(round % targets.Count));
                order = round % 2 == 1 ? order.Reverse() : order;
                foreach (var (name, target) in order)
                {
                    foreach (var scenario in scenarios)
                    {
                        var cpu = target.Process.CpuTime();
                        var result = await Wrk.RunAsync(target, scenario, seconds, connections);
                        var used = target.Process.CpuTime() - cpu;
                        samples[name][scenario.Name].Add((result.Requests / result.Seconds, used.TotalMicroseconds / result.Requests));
                    }
                }
                loads.Add(Measurements.LoadAverage());
                Console.Error.WriteLine($"round {round + 1} of {rounds} done, load average {loads[^1]}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Measurements.Machine()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; wrk -t2 -c{connections}, {seconds} s per slice, {rounds} rounds; load average {string.Join(", ", loads)}"));
            Console.WriteLine("CPU of the proxy per request: median over the rounds (lowest–highest); requests/s: median.");
            Console.WriteLine("| proxy | " + string.Join(" | ", scenarios.Select(s => $"{s.Name}: CPU per request | {s.Name}: requests/s")) + " |");
            Console.WriteLine("|---|" + string.Concat(scenarios.Select(_ => "---:|---:|")));
            foreach (var (name, _) in targets)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | ") + string.Join(" | ", scenarios.Select(s =>
                {
                    var cpu = samples[name][s.Name].Select(x => x.CpuMicroseconds).Order().ToList();
                    var perSecond = samples[name][s.Name].Select(x => x.PerSecond).Order().ToList();
                    return string.Create(CultureInfo.InvariantCulture,
                        $"**{Measurements.Percentile(cpu, 50):N0} µs** ({cpu[0]:N0}–{cpu[^1]:N0}) | {Measurements.Percentile(perSecond, 50):N0}");
                })) + " |");
            }
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
        work.Delete(recursive: true);
        return 0;
    }

    private static int ServiceFactoryPort() => ServiceFactory<GatewayPortMarker>.FreePort();

    /// <summary>Only names a type for <see cref="ServiceFactory{TMarker}.FreePort"/>.</summary>
    private sealed class GatewayPortMarker;

    /// <summary>200 initiatives in Zuid (the first page of the list shows 20), in the statuses the public sees.</summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO initiatives (id, tenant_id, title, description, area_id, theme, requested_amount, status, submitted_at, status_changed_at,
                                     initiator_id, answer_overdue_notified, deal_version, support_count, location_lat, location_lon, answer_due_by)
            SELECT gen_random_uuid(), 'hilversum',
                   (ARRAY['Speeltuin opknappen','Bankje bij de vijver','Buurtfeest in de straat','Moestuin op het plein'])[1 + g % 4] || ' ' || g,
                   'Bewoners van de ' || g || 'e straat willen samen iets doen voor de buurt: spelen, ontmoeten en groen.',
                   @zuid, (ARRAY['Sociaal','Fysiek','Veilig'])[1 + g % 3], (g % 5000) + 0.50,
                   (ARRAY['Submitted','InternalCheck','DealAccepted','InExecution','Completed'])[1 + g % 5],
                   now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval,
                   gen_random_uuid(), false, 0, g % 37, 52.20 + (g % 97) / 9700.0, 5.16 + (g % 91) / 9100.0, NULL
              FROM generate_series(1, 200) AS g;
            ANALYZE initiatives;
            """, connection);
        command.Parameters.AddWithValue("zuid", Demo.Zuid);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every target must give the same list (the same total), so the three measure the same work.</summary>
    private static async Task CheckSameAnswersAsync(Target[] targets, Scenario[] scenarios)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var scenario in scenarios)
        {
            var bodies = new List<string>();
            foreach (var target in targets)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target.BaseAddress + s_list);
                foreach (var header in target.Headers.Concat(scenario.Headers))
                {
                    var (name, value) = (header[..header.IndexOf(':', StringComparison.Ordinal)], header[(header.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                    request.Headers.TryAddWithoutValidation(name, value);
                }
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !body.Contains("\"total\":200", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{target.Name}, {scenario.Name}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                }
                Console.WriteLine($"{target.Name}, {scenario.Name}: {(int)response.StatusCode}, Cache-Control: {response.Headers.CacheControl?.ToString() ?? "-"}, ETag: {response.Headers.ETag?.ToString() ?? "-"}");
                bodies.Add(body);
            }
        }
    }

    /// <summary>Disposes the processes the function lists when it is disposed itself.</summary>
    private sealed class StopAll(Func<IEnumerable<ChildProcess>> processes) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var process in processes())
            {
                await process.DisposeAsync();
            }
        }
    }

    private sealed record Target(string Name, string BaseAddress, string[] Headers, ChildProcess Process);

    private sealed record Scenario(string Name, string[] Headers, double Goal);

    private sealed record WrkResult(long Requests, double Seconds, double P50, double P99);

    private sealed class Totals
    {
        private long _requests;
        private double _seconds;
        private readonly List<(double P50, double P99)> _latencies = [];
        private TimeSpan _cpu;

        public double PerSecond => _requests / _seconds;

        public double P50 => _latencies.Average(l => l.P50);

        public double P99 => _latencies.Max(l => l.P99);

        public double CpuMicrosecondsPerRequest => _cpu.TotalMicroseconds / _requests;

        public void Add(WrkResult result, TimeSpan cpu)
        {
            _requests += result.Requests;
            _seconds += result.Seconds;
            _latencies.Add((result.P50, result.P99));
            _cpu += cpu;
        }
    }

    private static partial class Wrk
    {
        public static async Task<WrkResult> RunAsync(Target target, Scenario scenario, int seconds, int connections)
        {
            var arguments = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "5s" };
            foreach (var header in target.Headers.Concat(scenario.Headers))
            {
                arguments.AddRange(["-H", header]);
            }
            arguments.Add(target.BaseAddress + s_list);
            var output = await Tools.RunAsync("wrk", arguments, TimeSpan.FromSeconds(seconds + 30));
            var requests = Match(RequestsIn(), output);
            if (NotOk().IsMatch(output) || SocketErrors().IsMatch(output))
            {
                throw new InvalidOperationException($"{target.Name}, {scenario.Name}: wrk saw failed answers:\n{output}");
            }
            return new WrkResult(
                long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture),
                Milliseconds(Match(Percentile50(), output)),
                Milliseconds(Match(Percentile99(), output)));
        }

        private static Match Match(Regex regex, string output) =>
            regex.Match(output) is { Success: true } match ? match : throw new InvalidOperationException($"Unexpected wrk output:\n{output}");

        private static double Milliseconds(Match match)
        {
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
        }

        [GeneratedRegex(@"(\d+) requests in ([\d.]+)s")]
        private static partial Regex RequestsIn();

        [GeneratedRegex(@"Non-2xx or 3xx responses: \d+")]
        private static partial Regex NotOk();

        [GeneratedRegex(@"Socket errors: .+")]
        private static partial Regex SocketErrors();

        [GeneratedRegex(@"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
        private static partial Regex Percentile50();

        [GeneratedRegex(@"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
        private static partial Regex Percentile99();
    }
}
