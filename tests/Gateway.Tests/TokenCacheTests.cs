using System.Net;
using Buurt.Gateway.Auth;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Gateway.Tests;

/// <summary>Identity (the real one, with access tokens of a few seconds) for the gateway to validate tokens of.</summary>
public sealed class ShortTokenIdentity : IAsyncLifetime
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(4);

    private TestBroker? _broker;

    public TestIdentity Identity { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.CreateAsync();
        Identity = TestIdentity.Start(_broker, new Dictionary<string, string?> { ["Identity:AccessTokenLifetime"] = TokenLifetime.ToString() });
    }

    public Dictionary<string, string?> GatewaySettings() => new()
    {
        ["Auth:Issuer"] = Identity.Issuer.ToString(),
        ["Auth:Authority"] = Identity.Address.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await _broker!.DisposeAsync();
    }
}

/// <summary>
/// The gateway remembers tokens it validated (docs/gateway.md): what it remembers must never let
/// through what validation would refuse.
/// </summary>
public sealed class TokenCacheTests(Gateways gateways, ShortTokenIdentity identity) : IClassFixture<Gateways>, IClassFixture<ShortTokenIdentity>
{
    private static HttpRequestMessage Get(string token, string tenant = Demo.Hilversum)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/initiatives/v1/things/{Guid.NewGuid():N}");
        request.Headers.Add("X-Tenant", tenant);
        request.Headers.Authorization = TestIdentity.Bearer(token);
        return request;
    }

    [Fact]
    public async Task A_token_is_validated_once_then_remembered_and_still_refused_for_another_municipality_or_when_altered()
    {
        var gateway = gateways.Start(settings: identity.GatewaySettings());
        var client = gateway.CreateClient();
        var token = await identity.Identity.TokenAsync(Demo.Hilversum, Demo.Resident);
        var remembered = gateway.Services.GetRequiredService<ValidatedTokens>();

        var first = await client.SendAsync(Get(token));
        var again = await client.SendAsync(Get(token));
        var otherMunicipality = await client.SendAsync(Get(token, Demo.Voorbeeldstad));
        var altered = await client.SendAsync(Get(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, remembered.Count);
        Assert.Equal(HttpStatusCode.Forbidden, otherMunicipality.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, altered.StatusCode);
        Assert.Equal(1, remembered.Count);
    }

    [Fact]
    public async Task A_signed_in_answer_marked_public_is_never_stored_nor_served_from_the_cache_even_with_a_remembered_token()
    {
        var gateway = gateways.Start(settings: identity.GatewaySettings());
        var client = gateway.CreateClient();
        var token = await identity.Identity.TokenAsync(Demo.Hilversum, Demo.Resident);
        var path = $"/api/initiatives/v1/things/{Guid.NewGuid():N}";
        var url = $"{path}?cache={Uri.EscapeDataString("public, max-age=60")}";
        HttpRequestMessage SignedIn()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Tenant", Demo.Hilversum);
            request.Headers.Authorization = TestIdentity.Bearer(token);
            return request;
        }
        var anonymous = new HttpRequestMessage(HttpMethod.Get, url);
        anonymous.Headers.Add("X-Tenant", Demo.Hilversum);

        // The first validates the token, the second finds it remembered: both go to the service.
        var numbers = new List<int>();
        foreach (var request in new[] { SignedIn(), SignedIn(), anonymous })
        {
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            numbers.Add(System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetInt32());
        }

        Assert.Equal(3, numbers.Distinct().Count());
        Assert.Equal(3, gateways.Backend.Received.Count(r => r.PathAndQuery.StartsWith(path, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var client = gateways.Start(settings: identity.GatewaySettings()).CreateClient();
        var token = await identity.Identity.TokenAsync(Demo.Hilversum, Demo.Resident);
        var issued = DateTimeOffset.UtcNow;

        var fresh = await client.SendAsync(Get(token));
        await Task.Delay(issued + ShortTokenIdentity.TokenLifetime + TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow);
        var expired = await client.SendAsync(Get(token));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }
}
