using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Buurt.Gateway.Tenancy;
using Buurt.Testing;

namespace Buurt.Gateway.Tests;

/// <summary>
/// The output cache in two tiers (each replica's memory, then Redis): it serves only what it
/// should, to whom it should, for as long as the service said.
/// </summary>
public sealed class CacheSafetyTests(Gateways gateways) : IClassFixture<Gateways>
{
    private ServiceFactory<TenantResolver> Gateway => _gateway ??= gateways.Start();

    private ServiceFactory<TenantResolver>? _gateway;

    private static string UniquePath() => $"/api/initiatives/v1/things/{Guid.NewGuid():N}";

    private static string Public(int seconds) => "cache=" + Uri.EscapeDataString($"public, max-age={seconds}");

    private static HttpRequestMessage Get(string url, string tenant = "hilversum")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Tenant", tenant);
        return request;
    }

    private int ReceivedFor(string path) => gateways.Backend.Received.Count(r => r.PathAndQuery.StartsWith(path, StringComparison.Ordinal));

    private static async Task<int> NumberAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetInt32();

    [Fact]
    public async Task An_answer_to_a_signed_in_request_is_never_stored_even_when_marked_public()
    {
        var path = UniquePath();
        var url = $"{path}?{Public(60)}";
        var client = Gateway.CreateClient();

        var signedIn = Get(url);
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        var personal = await NumberAsync(await client.SendAsync(signedIn));
        var anonymous = await NumberAsync(await client.SendAsync(Get(url)));
        var withCookie = Get(url);
        withCookie.Headers.Add("Cookie", "session=abc");
        var cookieAnswer = await NumberAsync(await client.SendAsync(withCookie));

        Assert.NotEqual(personal, anonymous);
        Assert.NotEqual(anonymous, cookieAnswer);
        Assert.Equal(3, ReceivedFor(path));
    }

    [Fact]
    public async Task Another_tenants_answer_is_never_served_from_memory_or_from_Redis()
    {
        var path = UniquePath();
        var url = $"{path}?{Public(60)}";
        var first = Gateway.CreateClient();
        var second = gateways.Start().CreateClient();

        var hilversum = await NumberAsync(await first.SendAsync(Get(url, "hilversum")));
        var fromMemory = await NumberAsync(await first.SendAsync(Get(url, "voorbeeldstad")));
        var fromRedis = await NumberAsync(await second.SendAsync(Get(url, "hilversum")));
        var otherFromRedis = await NumberAsync(await second.SendAsync(Get(url, "voorbeeldstad")));

        Assert.NotEqual(hilversum, fromMemory);
        Assert.Equal(hilversum, fromRedis);
        Assert.Equal(fromMemory, otherFromRedis);
        Assert.Equal(2, ReceivedFor(path));
    }

    [Fact]
    public async Task No_replica_serves_an_answer_after_its_max_age_not_even_from_a_copy_in_memory()
    {
        var path = UniquePath();
        var url = $"{path}?{Public(1)}";
        var storing = Gateway.CreateClient();
        var copying = gateways.Start().CreateClient();

        var stored = await NumberAsync(await storing.SendAsync(Get(url)));
        Assert.Equal(stored, await NumberAsync(await copying.SendAsync(Get(url))));
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        var afterAtCopying = await NumberAsync(await copying.SendAsync(Get(url)));
        var afterAtStoring = await NumberAsync(await storing.SendAsync(Get(url)));

        Assert.NotEqual(stored, afterAtCopying);
        Assert.NotEqual(stored, afterAtStoring);
        Assert.Equal(2, ReceivedFor(path));
    }

    [Fact]
    public async Task An_address_whose_answer_was_not_public_skips_the_cache_a_while_then_is_cached_once_marked()
    {
        // The replica remembers for a second (here) that this address was not for sharing.
        var client = gateways.Start(settings: new Dictionary<string, string?> { ["Gateway:NotPublicFor"] = "00:00:01" }).CreateClient();
        var path = UniquePath();
        var url = $"{path}?public-from=2";

        var notPublic = await NumberAsync(await client.SendAsync(Get(url)));
        var markedButSkipped = await NumberAsync(await client.SendAsync(Get(url)));
        var skippedStill = await NumberAsync(await client.SendAsync(Get(url)));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var stored = await NumberAsync(await client.SendAsync(Get(url)));
        var fromCache = await NumberAsync(await client.SendAsync(Get(url)));

        Assert.Equal(4, new[] { notPublic, markedButSkipped, skippedStill, stored }.Distinct().Count());
        Assert.Equal(stored, fromCache);
        Assert.Equal(4, ReceivedFor(path));
    }

    [Fact]
    public async Task A_revalidation_with_the_stored_ETag_gets_304_from_the_cache()
    {
        var path = UniquePath();
        var url = $"{path}?{Public(60)}&etag={Uri.EscapeDataString("\"v1\"")}";
        var client = Gateway.CreateClient();
        var first = await client.SendAsync(Get(url));

        var revalidate = Get(url);
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"v1\""));
        var notModified = await client.SendAsync(revalidate);
        var changed = Get(url);
        changed.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"v0\""));
        var full = await client.SendAsync(changed);

        Assert.Equal("\"v1\"", first.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(1, ReceivedFor(path));
    }
}
