using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

/// <summary>Identity as a production installation runs it: no demo data, no development clients.</summary>
public sealed class ProductionIdentityFixture() : IdentityFixture(new()
{
    ["Demo:Enabled"] = "false",
    ["Identity:DevelopmentClients"] = "false",
    ["Identity:Operator:ClientSecret"] = OperatorSecret,
})
{
    public const string OperatorSecret = "operator-secret-of-the-tests-0123456789";
}

/// <summary>What the discovery document offers is exactly what the server allows (OAuth 2.0 Security BCP, RFC 9700).</summary>
public sealed class DiscoveryTests(ProductionIdentityFixture production, IdentityFixture development)
    : IClassFixture<ProductionIdentityFixture>, IClassFixture<IdentityFixture>
{
    private static async Task<JsonElement> DiscoveryAsync(IdentityFixture fixture) =>
        await fixture.Client(null).GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

    private static List<string> Strings(JsonElement document, string name) =>
        [.. document.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Production_offers_PKCE_with_S256_only_and_no_password_grant()
    {
        var discovery = await DiscoveryAsync(production);

        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(discovery, "grant_types_supported").Order());
    }

    [Fact]
    public async Task The_password_grant_is_there_only_beside_the_development_client()
    {
        var discovery = await DiscoveryAsync(development);

        Assert.Contains("password", Strings(discovery, "grant_types_supported"));
        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
    }

    [Fact]
    public async Task Production_refuses_the_password_grant_at_the_token_endpoint()
    {
        var answer = await production.Client(Demo.Hilversum).PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "buurt-cli",
            ["username"] = Demo.Resident,
            ["password"] = TestIdentity.Password,
        }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("unsupported_grant_type", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
