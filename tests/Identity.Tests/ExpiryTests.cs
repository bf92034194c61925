using System.Net;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

/// <summary>An identity whose access tokens live one second, to see one expire.</summary>
public sealed class ShortLivedTokens : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public TestIdentity Identity { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.CreateAsync();
        Identity = TestIdentity.Start(_broker, new Dictionary<string, string?> { ["Identity:AccessTokenLifetime"] = "00:00:01" });
    }

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
    }
}

public sealed class ExpiryTests(ShortLivedTokens fixture) : IClassFixture<ShortLivedTokens>
{
    [Fact]
    public async Task An_expired_access_token_gets_401()
    {
        using var client = fixture.Identity.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Buurt-Tenant", "hilversum");
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync("hilversum", "resident@hilversum.example"));
        var fresh = await client.GetAsync("/api/identity/v1/me");

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var expired = await client.GetAsync("/api/identity/v1/me");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
    }
}
