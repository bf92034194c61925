using Microsoft.IdentityModel.JsonWebTokens;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

public sealed class TokenTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static readonly Guid s_zuid = Demo.Zuid;

    public static TheoryData<string, string, string> DemoAccounts() => new()
    {
        { Demo.Hilversum, Demo.Resident, "resident" },
        { Demo.Hilversum, Demo.ResidentOost, "resident" },
        { Demo.Hilversum, Demo.Director, "director" },
        { Demo.Hilversum, Demo.Alderman, "alderman" },
        { Demo.Hilversum, Demo.Partner, "partner" },
        { Demo.Hilversum, Demo.BudgetController, "budget-controller" },
        { Demo.Hilversum, Demo.Admin, "tenant-admin" },
        { Demo.Voorbeeldstad, Demo.VoorbeeldstadResident, "resident" },
        { Demo.Voorbeeldstad, Demo.VoorbeeldstadDirector, "director" },
        { Demo.Voorbeeldstad, Demo.VoorbeeldstadAdmin, "tenant-admin" },
    };

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Every_demo_account_gets_an_access_token_with_its_tenant_and_role(string tenant, string email, string role)
    {
        var token = new JsonWebToken(await fixture.Identity.TokenAsync(tenant, email));

        Assert.Equal(fixture.Identity.Issuer.ToString(), token.Issuer);
        Assert.Equal(tenant, token.Claims.Single(c => c.Type == "tenant").Value);
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == role);
        Assert.True(Guid.TryParse(token.Subject, out _));
        // No personal data in an access token.
        Assert.DoesNotContain(token.Claims, c => c.Type is "email" or "name");
    }

    [Fact]
    public async Task A_director_s_token_names_the_wijk_they_work_for_and_a_resident_s_the_wijk_they_live_in()
    {
        var director = new JsonWebToken(await fixture.Identity.TokenAsync(Demo.Hilversum, Demo.Director));
        var resident = new JsonWebToken(await fixture.Identity.TokenAsync(Demo.Hilversum, Demo.Resident));

        Assert.Equal(s_zuid.ToString(), director.Claims.Single(c => c.Type == "wijk").Value);
        Assert.Equal(s_zuid.ToString(), resident.Claims.Single(c => c.Type == "wijk").Value);
    }

    [Theory]
    [InlineData(Demo.Hilversum, Demo.Resident, "wrong-password")]
    [InlineData(Demo.Hilversum, "nobody@hilversum.example", Demo.Password)]
    [InlineData(Demo.Voorbeeldstad, Demo.Resident, Demo.Password)]
    public async Task A_wrong_password_an_unknown_user_or_another_municipality_gets_invalid_grant(string tenant, string email, string password)
    {
        var response = await fixture.Identity.RequestTokenAsync(tenant, TestIdentity.PasswordForm(email, password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_token_request_without_a_municipality_is_refused()
    {
        using var client = fixture.Identity.Factory.CreateClient();

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(TestIdentity.PasswordForm(Demo.Resident)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_account_is_locked_after_repeated_failed_logins_even_for_the_right_password()
    {
        const string email = Demo.Partner;
        for (var i = 0; i < 3; i++)
        {
            await fixture.Identity.RequestTokenAsync(Demo.Hilversum, TestIdentity.PasswordForm(email, "wrong-password"));
        }

        var response = await fixture.Identity.RequestTokenAsync(Demo.Hilversum, TestIdentity.PasswordForm(email));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("locked", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token()
    {
        var first = await (await fixture.Identity.RequestTokenAsync(Demo.Hilversum, TestIdentity.PasswordForm(Demo.ResidentOost)))
            .Content.ReadFromJsonAsync<JsonElement>();

        var refreshed = await fixture.Identity.RequestTokenAsync(Demo.Hilversum, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "buurt-cli",
            ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
        });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var token = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        Assert.Equal(Demo.Hilversum, new JsonWebToken(token).Claims.Single(c => c.Type == "tenant").Value);
    }

    [Fact]
    public async Task An_integration_client_gets_a_token_for_its_own_municipality_only()
    {
        static Dictionary<string, string> Form(string tenant) => new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = $"{tenant}-integration",
            ["client_secret"] = $"{tenant}-demo-secret",
        };

        var own = await fixture.Identity.RequestTokenAsync(Demo.Hilversum, Form(Demo.Hilversum));
        var other = await fixture.Identity.RequestTokenAsync(Demo.Voorbeeldstad, Form(Demo.Hilversum));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var token = new JsonWebToken((await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == "integration");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("unauthorized_client", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Discovery_and_keys_are_published()
    {
        using var client = fixture.Identity.Factory.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var keys = await client.GetFromJsonAsync<JsonElement>(new Uri(discovery.GetProperty("jwks_uri").GetString()!));

        Assert.Equal(fixture.Identity.Issuer.ToString(), discovery.GetProperty("issuer").GetString());
        Assert.Contains("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        Assert.NotEmpty(keys.GetProperty("keys").EnumerateArray());
    }
}
