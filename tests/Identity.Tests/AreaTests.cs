using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Buurt.Identity.Tests;

public sealed class AreaTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Wijken_are_public_shared_for_a_minute_and_hold_their_buurten()
    {
        var response = await fixture.Client("voorbeeldstad").GetAsync("/api/identity/v1/areas");

        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var wijken = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(new[] { "Midden", "Noord", "Zuid" }, wijken.EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToArray());
        Assert.All(wijken.EnumerateArray(), w => Assert.Equal(2, w.GetProperty("buurten").GetArrayLength()));
    }

    [Fact]
    public async Task A_postcode_outside_the_municipality_is_not_found_and_is_not_cached()
    {
        var response = await fixture.Client("voorbeeldstad").GetAsync("/api/identity/v1/postcodes/1221");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.CacheControl);
    }

    [Fact]
    public async Task Areas_need_a_municipality()
    {
        var response = await fixture.Client(null).GetAsync("/api/identity/v1/areas");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
