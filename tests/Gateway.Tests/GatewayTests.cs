using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Gateway.Tenancy;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Gateway.Tests;

public sealed class GatewayTests(Gateways gateways) : IClassFixture<Gateways>
{
    private static readonly string s_cacheable = "cache=" + Uri.EscapeDataString("public, max-age=60");

    private ServiceFactory<TenantResolver> Gateway => _gateway ??= gateways.Start();

    private ServiceFactory<TenantResolver>? _gateway;

    /// <summary>
    /// A Redis prefix of its own, for a gateway that needs no shared count or cache: every replica
    /// takes a lease of the shared default limit, and enough replicas would use it up.
    /// </summary>
    private static string OwnCount() => TestServers.UniqueName("own") + ":";

    /// <summary>A path no other test uses, so the backend's record of it is this test's alone.</summary>
    private static string UniquePath(string service = "initiatives") => $"/api/{service}/v1/things/{Guid.NewGuid():N}";

    private static HttpRequestMessage Get(string path, string? tenant = "hilversum", string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant", tenant);
        }
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        return request;
    }

    private List<ReceivedRequest> ReceivedFor(string path) =>
        gateways.Backend.Received.Where(r => r.PathAndQuery.StartsWith(path, StringComparison.Ordinal)).ToList();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.ProblemAsync(status);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_tenant_of_the_host_name_is_forwarded_in_the_internal_header()
    {
        var path = UniquePath();

        var response = await Gateway.CreateClient().SendAsync(Get(path, tenant: null, host: "hilversum.localhost"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hilversum", Assert.Single(ReceivedFor(path)).Headers["X-Buurt-Tenant"]);
    }

    [Fact]
    public async Task The_tenant_of_the_X_Tenant_header_is_forwarded_and_the_hint_itself_is_not()
    {
        var path = UniquePath();

        var response = await Gateway.CreateClient().SendAsync(Get(path, tenant: "voorbeeldstad"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(ReceivedFor(path));
        Assert.Equal("voorbeeldstad", received.Headers["X-Buurt-Tenant"]);
        Assert.False(received.Headers.ContainsKey("X-Tenant"));
    }

    [Fact]
    public async Task Internal_headers_a_client_sends_never_reach_a_service()
    {
        var withTenant = UniquePath();
        var withoutTenant = UniquePath();
        var client = Gateway.CreateClient();

        var forged = Get(withTenant, tenant: "hilversum");
        forged.Headers.Add("X-Buurt-Tenant", "voorbeeldstad");
        forged.Headers.Add("X-Buurt-User", "admin");
        await client.SendAsync(forged);
        var forgedOnly = Get(withoutTenant, tenant: null);
        forgedOnly.Headers.Add("x-buurt-tenant", "voorbeeldstad");
        await client.SendAsync(forgedOnly);

        var first = Assert.Single(ReceivedFor(withTenant));
        Assert.Equal("hilversum", first.Headers["X-Buurt-Tenant"]);
        Assert.False(first.Headers.ContainsKey("X-Buurt-User"));
        Assert.False(Assert.Single(ReceivedFor(withoutTenant)).Headers.ContainsKey("X-Buurt-Tenant"));
    }

    [Fact]
    public async Task Conflicting_tenant_hints_get_400_problem_details_and_reach_no_service()
    {
        var path = UniquePath();
        var client = Gateway.CreateClient();
        var twoValues = Get(path, tenant: null);
        twoValues.Headers.Add("X-Tenant", ["hilversum", "voorbeeldstad"]);
        var twoInOne = Get(path, tenant: "hilversum, voorbeeldstad");

        await AssertProblemAsync(await client.SendAsync(Get(path, tenant: "voorbeeldstad", host: "hilversum.localhost")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(twoValues), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(twoInOne), HttpStatusCode.BadRequest);
        Assert.Empty(ReceivedFor(path));
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_pages_a_content_security_policy()
    {
        var client = Gateway.CreateClient();

        var json = await client.SendAsync(Get(UniquePath()));
        var page = await client.SendAsync(Get(UniquePath() + "?html"));
        var ownPolicy = await client.SendAsync(Get(UniquePath() + "?html&csp=" + Uri.EscapeDataString("default-src 'none'")));
        var ownReferrer = await client.SendAsync(Get(UniquePath() + "?html&referrer=no-referrer"));
        var refused = await client.SendAsync(Get(UniquePath(), tenant: "nergensdorp"));

        foreach (var response in new[] { json, page, ownPolicy, refused })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            // Plain HTTP here: HSTS only goes out over TLS.
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
        Assert.False(json.Headers.Contains("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("default-src 'none'", ownPolicy.Headers.GetValues("Content-Security-Policy").Single());
        // A page with a key in its address keeps its stricter referrer policy.
        Assert.Equal("no-referrer", ownReferrer.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", ownReferrer.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task A_host_and_header_that_agree_are_no_conflict()
    {
        var path = UniquePath();

        var response = await Gateway.CreateClient().SendAsync(Get(path, tenant: "hilversum", host: "hilversum.localhost"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hilversum", Assert.Single(ReceivedFor(path)).Headers["X-Buurt-Tenant"]);
    }

    [Fact]
    public async Task An_unknown_tenant_gets_404_problem_details_and_reaches_no_service()
    {
        var path = UniquePath();

        await AssertProblemAsync(await Gateway.CreateClient().SendAsync(Get(path, tenant: "atlantis")), HttpStatusCode.NotFound);
        Assert.Empty(ReceivedFor(path));
    }

    [Fact]
    public async Task Replicas_share_one_rate_limit_count_in_Redis()
    {
        var prefix = TestServers.UniqueName("rl") + ":";
        var replicas = new[] { gateways.Start(prefix).CreateClient(), gateways.Start(prefix).CreateClient() };
        var path = "/api/budget/v1/limited/" + Guid.NewGuid().ToString("N");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await replicas[i % 2].SendAsync(Get(path))).StatusCode);
        }
        var refused = await replicas[0].SendAsync(Get(path));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("4", refused.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal(4, ReceivedFor(path).Count);
        // Another platform on the same Redis keeps its own count.
        Assert.Equal(HttpStatusCode.OK, (await gateways.Start(TestServers.UniqueName("rl") + ":").CreateClient().SendAsync(Get(path))).StatusCode);
    }

    [Fact]
    public async Task Without_Redis_the_gateway_keeps_serving_its_limits_and_cache_failing_open()
    {
        // The gateway's Redis through a proxy the test can cut; the real server stays up for the others.
        var redis = TestServers.Redis.Split(':');
        await using var proxy = new TcpProxy(redis[0], int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture));
        var gateway = gateways.Start(OwnCount(), settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{proxy.Port},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000",
        });
        var client = gateway.CreateClient();
        var path = UniquePath();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get(path))).StatusCode);

        // More requests than one lease of permits holds, so the counts must be asked of Redis.
        proxy.Down();
        var during = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            during.Add((await client.SendAsync(Get(path))).StatusCode);
        }
        proxy.Up();

        Assert.All(during, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(41, ReceivedFor(path).Count);
    }

    [Fact]
    public async Task Once_Redis_failed_the_gateway_stops_asking_it_for_a_while_and_asks_again_when_it_is_back()
    {
        var redis = TestServers.Redis.Split(':');
        await using var proxy = new TcpProxy(redis[0], int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture));
        var gateway = gateways.Start(OwnCount(), kestrel: true, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{proxy.Port},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000",
            ["Gateway:RedisBreakSeconds"] = "2",
        });
        using var management = new HttpClient { BaseAddress = gateway.ManagementAddress };
        var client = gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get(UniquePath()))).StatusCode);
        var skippedBefore = await SkippedAsync();

        // On this path (limit 4) each request needs a lease of one permit from Redis; during the break none asks it.
        var limited = $"/api/budget/v1/limited/{Guid.NewGuid():N}";
        proxy.Down();
        var during = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            during.Add((await client.SendAsync(Get(limited))).StatusCode);
        }
        Assert.All(during, status => Assert.Equal(HttpStatusCode.OK, status));
        // The first one or two (the failure, maybe a probe) asked and waited; the rest were served without asking.
        // Waited for: the exporter answers a scrape within 300 ms of the last from its cache.
        await Eventually.TrueAsync(async () => await SkippedAsync() - skippedBefore >= 15, TimeSpan.FromSeconds(5), "requests during the break served without asking Redis");

        // Back up: after the break a probe finds Redis, and the limit (4 on this path) holds again.
        proxy.Up();
        var refused = false;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!refused && DateTime.UtcNow < deadline)
        {
            refused = (await client.SendAsync(Get(limited))).StatusCode == HttpStatusCode.TooManyRequests;
            await Task.Delay(100);
        }
        Assert.True(refused, "the limit did not hold again after Redis came back");

        async Task<double> SkippedAsync()
        {
            var metrics = await management.GetStringAsync("/metrics");
            return metrics.Split('\n')
                .Where(line => line.StartsWith("buurt_gateway_redis_skipped_total", StringComparison.Ordinal))
                .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Health_and_metrics_are_never_rate_limited()
    {
        var gateway = gateways.Start(TestServers.UniqueName("rl") + ":", settings: new Dictionary<string, string?>
        {
            ["RateLimiting:Default:PermitLimit"] = "1",
        }, kestrel: true);
        using var management = new HttpClient { BaseAddress = gateway.ManagementAddress };
        var client = gateway.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/metrics")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get(UniquePath()))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Get(UniquePath()))).StatusCode);
    }

    [Fact]
    public async Task Health_and_metrics_answer_on_the_management_port_only()
    {
        var gateway = gateways.Start(OwnCount(), kestrel: true);
        using var management = new HttpClient { BaseAddress = gateway.ManagementAddress };
        var client = gateway.CreateClient();
        var path = UniquePath();

        // On the public port (what the ingress sends): 404 problems, never passed on to a service or the web app's pages.
        foreach (var notPublic in new[] { "/metrics", "/health/live", "/health/ready", "/health/anything" })
        {
            var response = await client.SendAsync(Get(notPublic));
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }
        // Not even with the management port in the Host header: the port is the connection's.
        var forged = Get("/metrics");
        forged.Headers.Host = $"127.0.0.1:{gateway.ManagementAddress.Port}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(forged)).StatusCode);
        Assert.DoesNotContain(gateways.Backend.Received, r => r.PathAndQuery.StartsWith("/health", StringComparison.Ordinal) || r.PathAndQuery.StartsWith("/metrics", StringComparison.Ordinal));
        // On the management port they answer, and nothing else does.
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/ready")).StatusCode);
        Assert.Contains("# TYPE", await management.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await management.SendAsync(Get(path))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/docs")).StatusCode);
        Assert.Empty(ReceivedFor(path));
        // The API itself still answers on the public port.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get(path))).StatusCode);
    }

    [Fact]
    public async Task A_public_answer_is_served_from_the_shared_cache_by_every_replica()
    {
        var path = UniquePath();
        var url = $"{path}?{s_cacheable}";

        var first = await Gateway.CreateClient().SendAsync(Get(url));
        var again = await Gateway.CreateClient().SendAsync(Get(url));
        var otherReplica = await gateways.Start().CreateClient().SendAsync(Get(url));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(body, await again.Content.ReadAsStringAsync());
        Assert.Equal(body, await otherReplica.Content.ReadAsStringAsync());
        Assert.Single(ReceivedFor(path));
    }

    [Fact]
    public async Task The_tenant_is_part_of_the_cache_key()
    {
        var path = UniquePath();
        var url = $"{path}?{s_cacheable}";
        var client = Gateway.CreateClient();

        var hilversum = await (await client.SendAsync(Get(url, "hilversum"))).Content.ReadAsStringAsync();
        var voorbeeldstad = await (await client.SendAsync(Get(url, "voorbeeldstad"))).Content.ReadAsStringAsync();

        Assert.NotEqual(hilversum, voorbeeldstad);
        var received = ReceivedFor(path);
        Assert.Equal(["hilversum", "voorbeeldstad"], received.Select(r => r.Headers["X-Buurt-Tenant"]).ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("private, max-age=60")]
    [InlineData("public, no-store, max-age=60")]
    [InlineData("public")]
    public async Task An_answer_the_service_does_not_mark_public_with_a_max_age_is_not_cached(string? cacheControl)
    {
        var path = UniquePath();
        var url = cacheControl is null ? path : $"{path}?cache={Uri.EscapeDataString(cacheControl)}";
        var client = Gateway.CreateClient();

        await client.SendAsync(Get(url));
        await client.SendAsync(Get(url));

        Assert.Equal(2, ReceivedFor(path).Count);
    }

    [Fact]
    public async Task A_request_with_credentials_or_a_write_never_comes_from_the_cache()
    {
        var path = UniquePath();
        var url = $"{path}?{s_cacheable}";
        var client = Gateway.CreateClient();
        await client.SendAsync(Get(url));

        var withToken = Get(url);
        withToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await client.SendAsync(withToken);
        var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { }) };
        post.Headers.Add("X-Tenant", "hilversum");
        await client.SendAsync(post);
        await client.SendAsync(post.Clone());

        Assert.Equal(4, ReceivedFor(path).Count);
    }

    [Fact]
    public async Task A_cached_answer_carries_the_current_rate_limit_not_the_stored_one()
    {
        var path = "/api/budget/v1/limited/" + Guid.NewGuid().ToString("N");
        var url = $"{path}?{s_cacheable}";
        var client = gateways.Start(TestServers.UniqueName("rl") + ":").CreateClient();

        var stored = await client.SendAsync(Get(url));
        var cached = await client.SendAsync(Get(url));

        Assert.Single(ReceivedFor(path));
        Assert.Equal("3", stored.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal("2", cached.Headers.GetValues("RateLimit-Remaining").Single());
    }

    private static HttpRequestMessage Preflight(string origin, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/initiatives/v1/initiatives");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, x-tenant");
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        return request;
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;

    [Fact]
    public async Task CORS_on_a_tenants_host_admits_its_own_host_names_and_the_extra_origins_only()
    {
        var client = Gateway.CreateClient();

        var own = await client.SendAsync(Preflight("http://hilversum.localhost:8080", host: "hilversum.localhost"));
        var ownHttps = await client.SendAsync(Preflight("https://hilversum.localhost", host: "hilversum.localhost"));
        var extra = await client.SendAsync(Preflight("http://localhost:5173", host: "hilversum.localhost"));
        var otherTenant = await client.SendAsync(Preflight("http://voorbeeldstad.localhost:8080", host: "hilversum.localhost"));
        var stranger = await client.SendAsync(Preflight("https://evil.example", host: "hilversum.localhost"));
        var lookalike = await client.SendAsync(Preflight("https://hilversum.localhost.evil.example", host: "hilversum.localhost"));

        Assert.Equal("http://hilversum.localhost:8080", AllowedOrigin(own));
        Assert.Contains("POST", own.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal("https://hilversum.localhost", AllowedOrigin(ownHttps));
        Assert.Equal("http://localhost:5173", AllowedOrigin(extra));
        Assert.Null(AllowedOrigin(otherTenant));
        Assert.Null(AllowedOrigin(stranger));
        Assert.Null(AllowedOrigin(lookalike));
    }

    [Fact]
    public async Task CORS_on_the_shared_host_admits_any_tenants_host_name_and_the_answer_itself_carries_it()
    {
        var client = Gateway.CreateClient();
        var path = UniquePath();

        var hilversum = await client.SendAsync(Preflight("https://hilversum.localhost"));
        var voorbeeldstad = await client.SendAsync(Preflight("https://voorbeeldstad.localhost"));
        var refused = await client.SendAsync(Preflight("https://evil.example"));
        // The request itself (no preflight for a simple GET): allowed on its tenant's host, not on another's.
        var read = Get(path, tenant: null, host: "voorbeeldstad.localhost");
        read.Headers.Add("Origin", "https://voorbeeldstad.localhost");
        var answer = await client.SendAsync(read);
        var crossRead = Get(path, tenant: null, host: "voorbeeldstad.localhost");
        crossRead.Headers.Add("Origin", "https://hilversum.localhost");
        var crossAnswer = await client.SendAsync(crossRead);

        Assert.Equal("https://hilversum.localhost", AllowedOrigin(hilversum));
        Assert.Equal("https://voorbeeldstad.localhost", AllowedOrigin(voorbeeldstad));
        Assert.Null(AllowedOrigin(refused));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("https://voorbeeldstad.localhost", AllowedOrigin(answer));
        Assert.Contains("RateLimit-Remaining", answer.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
        // The browser withholds this answer from the other municipality's page.
        Assert.Null(AllowedOrigin(crossAnswer));
    }

    [Fact]
    public async Task An_unknown_route_gets_404()
    {
        var path = "/api/nothing/v1/things/" + Guid.NewGuid().ToString("N");

        var response = await Gateway.CreateClient().SendAsync(Get(path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(gateways.Backend.Received, r => r.PathAndQuery.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_API_reference_lists_every_service_document()
    {
        var response = await Gateway.CreateClient().GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // Scalar resolves these against the site root, next to /docs.
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"api/initiatives/v1/openapi.json\"", page, StringComparison.Ordinal);
        Assert.Contains("\"api/budget/v1/openapi.json\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_reports_its_own_health_and_metrics()
    {
        var gateway = gateways.Start(OwnCount(), kestrel: true);
        var client = gateway.CreateClient();
        using var management = new HttpClient { BaseAddress = gateway.ManagementAddress };

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/live")).StatusCode);
        var ready = await management.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        await client.SendAsync(Get(UniquePath()));
        // The request's duration is recorded as it ends, which may be after the client has the answer.
        var metrics = await Eventually.ValueAsync(() => management.GetStringAsync("/metrics"),
            m => m.Contains("http_server_request_duration_seconds", StringComparison.Ordinal), what: "the request's duration in /metrics");
        Assert.Contains("buurt_tenant=\"hilversum\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_destination_dns_each_address_of_a_service_name_becomes_a_destination()
    {
        // As with a headless Service in Kubernetes: the name resolves to the pods, YARP balances over them.
        var byName = new Uri($"http://localhost:{gateways.Backend.Address.Port}/");
        var gateway = gateways.Start(backend: byName, settings: new Dictionary<string, string?>
        {
            ["Gateway:DestinationDns:Enabled"] = "true",
            ["Gateway:DestinationDns:AddressFamily"] = "InterNetwork",
        });
        var path = UniquePath();

        var response = await gateway.CreateClient().SendAsync(Get(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(ReceivedFor(path));
        var proxy = gateway.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>();
        Assert.True(proxy.TryGetCluster("initiatives", out var cluster));
        var destination = Assert.Single(cluster.Destinations.Values);
        Assert.Equal($"http://127.0.0.1:{byName.Port}/", destination.Model.Config.Address);
    }

    [Fact]
    public async Task A_service_that_is_down_gets_a_503_with_Retry_After_not_a_hang()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var client = gateways.Start(backend: new Uri($"http://127.0.0.1:{port}")).CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);

        var response = await client.SendAsync(Get(UniquePath()));

        // A client cannot tell a bare 502 from a fault; this says which service and when to retry.
        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("urn:buurt:problem:service-unavailable", problem.GetProperty("type").GetString());
        Assert.Contains("initiatives", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
    }

    private static int ClosedPort()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        return port;
    }

    /// <summary>Initiatives on two destinations, the dead one ("a-dead") always chosen first.</summary>
    private ServiceFactory<TenantResolver> GatewayWithADeadDestinationFirst(Uri? live = null) => gateways.Start(OwnCount(), backend: live, settings: new Dictionary<string, string?>
    {
        ["ReverseProxy:Clusters:initiatives:Destinations:a-dead:Address"] = $"http://127.0.0.1:{ClosedPort()}/",
        ["ReverseProxy:Clusters:initiatives:LoadBalancingPolicy"] = "FirstAlphabetical",
    });

    [Fact]
    public async Task A_read_that_cannot_connect_is_sent_once_to_another_destination()
    {
        var client = GatewayWithADeadDestinationFirst().CreateClient();
        var path = UniquePath();
        var head = Get(UniquePath());
        head.Method = HttpMethod.Head;

        var response = await client.SendAsync(Get(path));
        var headResponse = await client.SendAsync(head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(ReceivedFor(path));
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
    }

    [Fact]
    public async Task A_write_that_cannot_connect_is_not_retried_but_answered_503()
    {
        var client = GatewayWithADeadDestinationFirst().CreateClient();
        var path = UniquePath();
        var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { title = "Bankje" }) };
        post.Headers.Add("X-Tenant", "hilversum");

        var response = await client.SendAsync(post);

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("urn:buurt:problem:service-unavailable", problem.GetProperty("type").GetString());
        Assert.Empty(ReceivedFor(path));
    }

    [Fact]
    public async Task An_answer_of_the_service_is_never_retried_even_a_500()
    {
        // Two live destinations: the backend would see a retry.
        var gateway = gateways.Start(OwnCount(), settings: new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:initiatives:Destinations:b-live:Address"] = gateways.Backend.Address.ToString(),
        });
        var path = UniquePath();

        var response = await gateway.CreateClient().SendAsync(Get(path + "?status=500"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(ReceivedFor(path));
    }

    [Fact]
    public async Task With_no_destination_reachable_a_read_gets_503_with_Retry_After()
    {
        var client = GatewayWithADeadDestinationFirst(live: new Uri($"http://127.0.0.1:{ClosedPort()}")).CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);

        var response = await client.SendAsync(Get(UniquePath()));

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("initiatives", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
    }
}
