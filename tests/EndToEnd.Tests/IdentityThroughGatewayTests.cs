using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.EndToEnd.Tests;

/// <summary>Identity as apps meet it: tokens, wijken and postcodes through the gateway, and who may do what.</summary>
public sealed class IdentityThroughGatewayTests(Platform platform) : IClassFixture<Platform>
{
    private const string Initiatives = "/api/initiatives/v1/initiatives";
    private static readonly Guid s_zuid = Demo.Zuid;

    private static JsonContent Initiative() => JsonContent.Create(new
    {
        title = "Buurtmoestuin",
        description = "Een moestuin op het braakliggende veldje.",
        areaId = s_zuid,
        theme = "sociaal",
        requestedAmount = 300m,
    });

    [Theory]
    [InlineData(Demo.Hilversum, Demo.Resident)]
    [InlineData(Demo.Hilversum, Demo.ResidentOost)]
    [InlineData(Demo.Hilversum, Demo.Director)]
    [InlineData(Demo.Hilversum, Demo.Alderman)]
    [InlineData(Demo.Hilversum, Demo.Partner)]
    [InlineData(Demo.Hilversum, Demo.BudgetController)]
    [InlineData(Demo.Hilversum, Demo.Admin)]
    [InlineData(Demo.Voorbeeldstad, Demo.VoorbeeldstadResident)]
    [InlineData(Demo.Voorbeeldstad, Demo.VoorbeeldstadDirector)]
    [InlineData(Demo.Voorbeeldstad, Demo.VoorbeeldstadAdmin)]
    public async Task A_demo_account_gets_a_token_at_the_gateway_for_its_municipality(string tenant, string email)
    {
        var client = await platform.SignedInAsync(email, tenant);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/identity/v1/me");

        Assert.Equal(tenant, me.GetProperty("tenant").GetString());
        Assert.Equal(email, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_wijken_and_their_buurten_are_public_per_municipality()
    {
        var hilversum = await platform.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>("/api/identity/v1/areas");
        var voorbeeldstad = await platform.Client(Demo.Voorbeeldstad).GetFromJsonAsync<JsonElement>("/api/identity/v1/areas");

        var names = hilversum.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("name").GetString()).ToList();
        Assert.Equal(
            new[] { "Centrum", "Hilversumse Meent", "Noordoost", "Noordwest", "Oost 1221", "Oost 1223", "Zuid", "Zuidoost", "Zuidwest" },
            names);
        Assert.All(hilversum.GetProperty("items").EnumerateArray(), w => Assert.NotEmpty(w.GetProperty("buurten").EnumerateArray()));
        Assert.Equal(3, voorbeeldstad.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(Demo.Hilversum, "1221", HttpStatusCode.OK, "Oost 1221")]
    [InlineData(Demo.Hilversum, "1216 AB", HttpStatusCode.OK, "Zuid")]
    [InlineData(Demo.Voorbeeldstad, "9992", HttpStatusCode.OK, "Noord")]
    [InlineData(Demo.Voorbeeldstad, "1221", HttpStatusCode.NotFound, null)]
    [InlineData(Demo.Hilversum, "3000", HttpStatusCode.NotFound, null)]
    [InlineData(Demo.Hilversum, "12a1", HttpStatusCode.BadRequest, null)]
    [InlineData(Demo.Hilversum, "0999", HttpStatusCode.BadRequest, null)]
    public async Task A_postcode_leads_to_its_wijk_within_the_municipality(string tenant, string postcode, HttpStatusCode status, string? wijk)
    {
        var response = await platform.Client(tenant).GetAsync($"/api/identity/v1/postcodes/{Uri.EscapeDataString(postcode)}");

        if (wijk is null)
        {
            // A malformed postcode names the field; one in no wijk is simply not found.
            await response.ProblemAsync(status, status == HttpStatusCode.BadRequest ? "postcode" : null);
            return;
        }
        var found = await response.OkAsync();
        Assert.Equal(wijk, found.GetProperty("area").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Tenants_and_their_hosts_are_listed_for_the_gateway()
    {
        var tenants = await platform.Client().GetFromJsonAsync<JsonElement>("/api/identity/v1/tenants");

        var hilversum = tenants.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == Demo.Hilversum);
        Assert.Contains("hilversum.localhost", hilversum.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task An_anonymous_caller_may_read_but_not_submit()
    {
        var client = platform.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Initiatives)).StatusCode);
        await client.PostAsync(Initiatives, Initiative()).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_another_municipality_is_refused_at_the_gateway()
    {
        var voorbeeldstad = await platform.SignedInAsync(Demo.VoorbeeldstadResident, Demo.Voorbeeldstad);
        using var client = platform.Client(Demo.Hilversum);
        client.DefaultRequestHeaders.Authorization = voorbeeldstad.DefaultRequestHeaders.Authorization;
        // Forging the internal header changes nothing: the gateway replaces it.
        client.DefaultRequestHeaders.Add("X-Buurt-Tenant", Demo.Voorbeeldstad);

        var submit = await client.PostAsync(Initiatives, Initiative());
        var read = await client.GetAsync(Initiatives);

        await submit.ProblemAsync(HttpStatusCode.Forbidden);
        await read.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_that_does_not_validate_gets_401_at_the_gateway()
    {
        using var client = platform.Client();
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        var response = await client.GetAsync(Initiatives);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_director_may_not_submit_as_a_resident()
    {
        var director = await platform.SignedInAsync(Demo.Director);

        var response = await director.PostAsync(Initiatives, Initiative());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
