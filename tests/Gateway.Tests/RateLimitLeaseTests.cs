using System.Net;
using Buurt.Gateway.RateLimiting;
using Buurt.Testing;
using StackExchange.Redis;

namespace Buurt.Gateway.Tests;

/// <summary>
/// The limit holds across replicas that take permits from Redis in leases (docs/gateway.md): together
/// they never admit more than the limit, and at most (replicas − 1) × (lease − 1) fewer; a replica
/// asks Redis once per lease, not once per request.
/// </summary>
public sealed class RateLimitLeaseTests(Gateways gateways) : IClassFixture<Gateways>
{
    private const int Limit = 100;

    // appsettings has rule 0 (the token endpoint), the fixture rule 1; this is rule 2.
    private static Dictionary<string, string?> LeasedRule() => new()
    {
        ["RateLimiting:Rules:2:Name"] = "leased",
        ["RateLimiting:Rules:2:PathPrefix"] = "/api/budget/v1/leased",
        ["RateLimiting:Rules:2:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Rules:2:Window"] = "01:00:00",
    };

    private static HttpRequestMessage Get(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Tenant", "hilversum");
        return request;
    }

    [Fact]
    public void A_lease_is_a_share_of_the_limit_and_small_limits_stay_exact()
    {
        var options = new RateLimitOptions();

        Assert.Equal(1, PermitLeases.LeaseSize(new RateLimitRule { PermitLimit = 4 }, options));
        Assert.Equal(1, PermitLeases.LeaseSize(new RateLimitRule { PermitLimit = 30 }, options));
        Assert.Equal(5, PermitLeases.LeaseSize(new RateLimitRule { PermitLimit = Limit }, options));
        Assert.Equal(30, PermitLeases.LeaseSize(new RateLimitRule { PermitLimit = 600 }, options));
        Assert.Equal(100, PermitLeases.LeaseSize(new RateLimitRule { PermitLimit = 1_000_000_000 }, options));
    }

    [Fact]
    public async Task Two_replicas_under_concurrent_load_admit_the_limit_within_the_tolerance_with_a_round_trip_per_lease()
    {
        var prefix = TestServers.UniqueName("rl") + ":";
        var replicas = new[] { gateways.Start(prefix, settings: LeasedRule()).CreateClient(), gateways.Start(prefix, settings: LeasedRule()).CreateClient() };
        var path = "/api/budget/v1/leased/" + Guid.NewGuid().ToString("N");
        var lease = PermitLeases.LeaseSize(new RateLimitRule { PermitLimit = Limit }, new RateLimitOptions());
        var statuses = new List<HttpStatusCode>();

        // 160 requests, 16 at a time, every second one to the other replica.
        for (var batch = 0; batch < 10; batch++)
        {
            var sent = Enumerable.Range(0, 16).Select(async i => (await replicas[i % 2].SendAsync(Get(path))).StatusCode);
            statuses.AddRange(await Task.WhenAll(sent));
        }

        var admitted = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.InRange(admitted, Limit - ((replicas.Length - 1) * (lease - 1)), Limit);
        Assert.Equal(admitted, gateways.Backend.Received.Count(r => r.PathAndQuery.StartsWith(path, StringComparison.Ordinal)));
        // The shared count grows by a lease per round trip: about Limit / lease of them, not 160.
        var taken = await SharedCountAsync(prefix);
        Assert.Equal(0, taken % lease);
        Assert.InRange(taken / lease, Limit / lease, (Limit / lease) + replicas.Length);
    }

    [Fact]
    public async Task When_one_replica_used_the_limit_the_other_refuses_at_once()
    {
        var prefix = TestServers.UniqueName("rl") + ":";
        var first = gateways.Start(prefix, settings: LeasedRule()).CreateClient();
        var second = gateways.Start(prefix, settings: LeasedRule()).CreateClient();
        var path = "/api/budget/v1/leased/" + Guid.NewGuid().ToString("N");

        var atFirst = new List<HttpStatusCode>();
        for (var i = 0; i < Limit + 1; i++)
        {
            atFirst.Add((await first.SendAsync(Get(path))).StatusCode);
        }
        var atSecond = await second.SendAsync(Get(path));

        Assert.Equal(Limit, atFirst.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, atFirst[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, atSecond.StatusCode);
        Assert.Equal("0", atSecond.Headers.GetValues("RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task Remaining_counts_down_by_one_per_request_at_one_replica()
    {
        var client = gateways.Start(TestServers.UniqueName("rl") + ":", settings: LeasedRule()).CreateClient();
        var path = "/api/budget/v1/leased/" + Guid.NewGuid().ToString("N");

        var remaining = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            remaining.Add((await client.SendAsync(Get(path))).Headers.GetValues("RateLimit-Remaining").Single());
        }

        Assert.Equal(["99", "98", "97", "96", "95", "94", "93"], remaining);
    }

    /// <summary>The shared count of the "leased" rule under the prefix (one client: TestServer has no address).</summary>
    private static async Task<long> SharedCountAsync(string prefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var key = Assert.Single(server.Keys(pattern: prefix + "ratelimit:leased:*").ToList());
        return (long)await redis.GetDatabase().StringGetAsync(key);
    }
}
