using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Buurt.Gateway.Tests;

/// <summary>A municipality the operator suspended: its hosts say so, and nothing reaches the services.</summary>
public sealed class SuspendedTenantTests(Gateways gateways) : IClassFixture<Gateways>
{
    private HttpClient Suspended(string host, string? accept = null)
    {
        var gateway = gateways.Start(settings: new Dictionary<string, string?> { ["Gateway:Tenants:1:Suspended"] = "true" });
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Host = host;
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        }
        return client;
    }

    [Fact]
    public async Task A_browser_gets_a_page_saying_the_municipality_is_not_available()
    {
        var before = gateways.Backend.Count;

        var answer = await Suspended("voorbeeldstad.localhost", "text/html").GetAsync("/api/initiatives/v1/initiatives");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Deze gemeente is niet beschikbaar", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, gateways.Backend.Count);
    }

    [Fact]
    public async Task An_app_gets_problem_details_and_the_other_municipality_is_served()
    {
        var client = Suspended("voorbeeldstad.localhost");

        var answer = await client.GetAsync("/api/initiatives/v1/initiatives");
        var other = await Suspended("hilversum.localhost").GetAsync("/api/initiatives/v1/initiatives");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("urn:buurt:problem:tenant-suspended", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

/// <summary>Bodies: 256 KiB at most, except on routes that allow more (identity's area imports).</summary>
public sealed class BodyLimitTests(Gateways gateways) : IClassFixture<Gateways>
{
    [Fact]
    public async Task An_area_import_may_be_bigger_than_any_other_request()
    {
        // On Kestrel: the body limits are the server's.
        using var client = new HttpClient { BaseAddress = gateways.Start(kestrel: true).Address };
        client.DefaultRequestHeaders.Host = "hilversum.localhost";
        var big = new string('x', 600 * 1024);

        var import = await client.PostAsync("/api/identity/v1/areas/imports", new StringContent(big, System.Text.Encoding.UTF8, "text/csv"));
        var other = await client.PostAsync("/api/identity/v1/areas", new StringContent(big, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, other.StatusCode);
    }
}
