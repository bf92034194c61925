using System.Net;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

/// <summary>An identity whose access tokens live four seconds, to see one expire.</summary>
public sealed class ShortLivedTokens() : IdentityFixture(new() { ["Identity:AccessTokenLifetime"] = "00:00:04" });

public sealed class ExpiryTests(ShortLivedTokens fixture) : IClassFixture<ShortLivedTokens>
{
    [Fact]
    public async Task An_expired_access_token_gets_401()
    {
        using var client = fixture.Client(Demo.Hilversum);
        // A first call warms the service (keys, compilation): on a busy machine it alone can outlast four seconds.
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync(Demo.Hilversum, Demo.Resident));
        await client.GetAsync("/api/identity/v1/me");
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync(Demo.Hilversum, Demo.Resident));
        var issued = DateTime.UtcNow;
        var fresh = await client.GetAsync("/api/identity/v1/me");

        var expiry = issued.AddSeconds(5) - DateTime.UtcNow;
        if (expiry > TimeSpan.Zero)
        {
            await Task.Delay(expiry);
        }
        var expired = await client.GetAsync("/api/identity/v1/me");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
    }
}
