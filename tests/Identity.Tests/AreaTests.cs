using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

public sealed class AreaTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Wijken_are_public_shared_for_a_minute_and_hold_their_buurten()
    {
        var response = await fixture.Client(Demo.Voorbeeldstad).GetAsync("/api/identity/v1/areas");

        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var wijken = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(new[] { "Midden", "Noord", "Zuid" }, wijken.EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToArray());
        Assert.All(wijken.EnumerateArray(), w => Assert.Equal(2, w.GetProperty("buurten").GetArrayLength()));
    }

    [Fact]
    public async Task The_postcode_ranges_are_public_per_municipality_and_shared_for_a_minute()
    {
        var response = await fixture.Client(Demo.Voorbeeldstad).GetAsync("/api/identity/v1/postcodes");

        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var ranges = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Select(r => (r.GetProperty("from").GetInt32(), r.GetProperty("to").GetInt32(), r.GetProperty("areaId").GetGuid())).ToList();
        Assert.Equal([(9991, 9993, Demo.VoorbeeldstadNoord), (9994, 9996, VoorbeeldstadMidden), (9997, 9999, VoorbeeldstadZuid)], ranges);
    }

    private static readonly Guid VoorbeeldstadMidden = Guid.Parse("00a2812e-8a6d-57b8-814c-9fab4c768ee1");
    private static readonly Guid VoorbeeldstadZuid = Guid.Parse("2a0b4758-2c5d-522f-8320-ae68a4790ec5");

    [Fact]
    public async Task A_postcode_outside_the_municipality_is_not_found_and_is_not_cached()
    {
        var response = await fixture.Client(Demo.Voorbeeldstad).GetAsync("/api/identity/v1/postcodes/1221");

        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(response.Headers.CacheControl);
    }

    [Theory]
    [InlineData("12a1")]
    [InlineData("0999")]
    [InlineData("1221 A")]
    public async Task A_malformed_postcode_is_named(string postcode) =>
        await fixture.Client(Demo.Hilversum).GetAsync($"/api/identity/v1/postcodes/{Uri.EscapeDataString(postcode)}")
            .ProblemAsync(HttpStatusCode.BadRequest, "postcode");

    [Fact]
    public async Task Areas_need_a_municipality()
    {
        var response = fixture.Client(null).GetAsync("/api/identity/v1/areas");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
