using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Buurt.Gateway.Tenancy;
using Buurt.Testing;

namespace Buurt.Gateway.Tests;

/// <summary>
/// The token endpoint counts per address (high: residents behind one carrier NAT share one) and per
/// client and user name (low: one account's password guesses), as appsettings.json sets it.
/// </summary>
public sealed class TokenRateLimitTests(Gateways gateways) : IClassFixture<Gateways>
{
    /// <summary>appsettings' token rule as it is (unless <paramref name="addressLimit"/>), in an hour-long window: no test straddles two.</summary>
    private ServiceFactory<TenantResolver> Gateway(int? addressLimit = null)
    {
        var settings = new Dictionary<string, string?> { ["RateLimiting:Rules:0:Window"] = "01:00:00" };
        if (addressLimit is { } limit)
        {
            settings["RateLimiting:Rules:0:PermitLimit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return gateways.Start(TestServers.UniqueName("tok") + ":", settings: settings);
    }

    private static HttpRequestMessage TokenRequest(Dictionary<string, string> form, string? basicClient = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Tenant", "hilversum");
        if (basicClient is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basicClient}:wrong-secret")));
        }
        return request;
    }

    private static HttpRequestMessage Password(string user, string client = "buurt-web") => TokenRequest(new()
    {
        ["grant_type"] = "password",
        ["client_id"] = client,
        ["username"] = user,
        ["password"] = "guess",
    });

    [Fact]
    public async Task Guessing_one_accounts_password_locks_out_that_account_not_its_neighbours_on_the_same_address()
    {
        var client = Gateway().CreateClient();
        var user = $"{Guid.NewGuid():N}@hilversum.example";
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await client.SendAsync(Password(user))).StatusCode);
        }
        var eleventh = await client.SendAsync(Password(user));
        var shouted = await client.SendAsync(Password(user.ToUpperInvariant()));
        var neighbour = await client.SendAsync(Password($"{Guid.NewGuid():N}@hilversum.example"));
        var otherClient = await client.SendAsync(Password(user, client: "buurt-mobile"));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var problem = await eleventh.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("client and user", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("10", eleventh.Headers.GetValues("RateLimit-Limit").Single());
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, shouted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, neighbour.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        // The form the gateway read to count reached identity whole.
        var forwarded = gateways.Backend.Received.Last(r => r.Body.Contains(Uri.EscapeDataString(user), StringComparison.Ordinal));
        Assert.Contains("grant_type=password", forwarded.Body, StringComparison.Ordinal);
        Assert.Contains("password=guess", forwarded.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_keeps_its_own_limit_across_accounts()
    {
        var client = Gateway(addressLimit: 12).CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 13; i++)
        {
            statuses.Add((await client.SendAsync(Password($"{Guid.NewGuid():N}@hilversum.example"))).StatusCode);
        }

        Assert.All(statuses.Take(12), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[12]);
    }

    [Fact]
    public async Task Client_secret_guessing_is_counted_per_client_and_refreshes_are_not_counted_per_client()
    {
        var client = Gateway().CreateClient();
        var integration = "integration-" + Guid.NewGuid().ToString("N");
        var guesses = new List<HttpStatusCode>();
        var refreshes = new List<HttpStatusCode>();

        for (var i = 0; i < 11; i++)
        {
            guesses.Add((await client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials" }, basicClient: integration))).StatusCode);
        }
        var otherIntegration = await client.SendAsync(TokenRequest(new() { ["grant_type"] = "client_credentials" }, basicClient: integration + "-b"));
        // Every resident of a public client refreshes under one client_id: never one shared count.
        for (var i = 0; i < 15; i++)
        {
            refreshes.Add((await client.SendAsync(TokenRequest(new() { ["grant_type"] = "refresh_token", ["client_id"] = "buurt-mobile", ["refresh_token"] = "r" + i }))).StatusCode);
        }

        Assert.All(guesses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, guesses[10]);
        Assert.Equal(HttpStatusCode.OK, otherIntegration.StatusCode);
        Assert.All(refreshes, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
