using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contracts.Identity;
using Buurt.Identity.Data;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Identity.Tests;

/// <summary>An operator adds a municipality to an installation without demo data, with no SQL.</summary>
public sealed class OnboardingTests(ProductionIdentityFixture identity) : IClassFixture<ProductionIdentityFixture>
{
    private static readonly string s_run = Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, object?> Body(string slug, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["slug"] = slug,
            ["name"] = $"Gemeente {slug}",
            ["cbsCode"] = "GM0363",
            ["hosts"] = new[] { $"{slug}.buurt.test" },
            ["language"] = "nl",
            ["timeZone"] = "Europe/Amsterdam",
            ["firstAdminEmail"] = $"admin@{slug}.test",
        };
        change?.Invoke(body);
        return body;
    }

    private async Task<HttpResponseMessage> TokenAsync(string? tenant, string clientId, string secret) =>
        await identity.Client(tenant).PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));

    private async Task<HttpClient> OperatorAsync()
    {
        var token = await (await TokenAsync(null, "buurt-operator", ProductionIdentityFixture.OperatorSecret)).OkAsync();
        var client = identity.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    private static Dictionary<string, JsonElement> ClaimsOf(string token) =>
        Jwts.Payload(token).EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public async Task The_operators_token_names_no_municipality()
    {
        var token = await (await TokenAsync(null, "buurt-operator", ProductionIdentityFixture.OperatorSecret)).OkAsync();
        var claims = ClaimsOf(token.GetProperty("access_token").GetString()!);

        Assert.Equal("platform-operator", claims["role"].ValueKind == JsonValueKind.Array ? claims["role"][0].GetString() : claims["role"].GetString());
        Assert.False(claims.ContainsKey("tenant"));
        var wrong = await TokenAsync(null, "buurt-operator", "a wrong secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_new_municipality_comes_with_its_clients_and_an_invited_admin_who_chooses_a_password()
    {
        var slug = $"nieuw-{s_run}";
        var operatorClient = await OperatorAsync();

        var created = await (await operatorClient.PostAsJsonAsync("/api/identity/v1/tenants", Body(slug))).OkAsync();

        Assert.Equal(slug, created.GetProperty("tenant").GetProperty("slug").GetString());
        Assert.False(created.GetProperty("tenant").GetProperty("suspended").GetBoolean());
        var list = await identity.Client(null).GetFromJsonAsync<TenantList>("/api/identity/v1/tenants");
        Assert.Contains(list!.Items, t => t.Slug == slug && t.Hosts.SequenceEqual([$"{slug}.buurt.test"]));
        // The integration client works for the new municipality, once its secret is known.
        var integration = created.GetProperty("integrationClient");
        var machine = await TokenAsync(slug, integration.GetProperty("clientId").GetString()!, integration.GetProperty("clientSecret").GetString()!);
        Assert.Equal(slug, ClaimsOf((await machine.OkAsync()).GetProperty("access_token").GetString()!)["tenant"].GetString());
        // The web app signs in at the new host; the mobile app's client exists.
        await using (var scope = identity.Identity.Factory.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
            var web = await applications.FindByClientIdAsync("buurt-web");
            Assert.Contains($"https://{slug}.buurt.test/signin-oidc", await applications.GetRedirectUrisAsync(web!));
            Assert.NotNull(await applications.FindByClientIdAsync("buurt-mobile"));
        }
        // The first admin got an invitation and chooses a password with it.
        var email = $"admin@{slug}.test";
        var code = await identity.Identity.CodeMailedToAsync(email);
        var confirm = await identity.Client(slug).PostAsJsonAsync("/api/identity/v1/password-resets/confirm", new { email, token = code, password = "Eerste-Beheerder-2026!" });
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        var invited = Assert.Single(identity.Identity.Published.Of<StaffInvited>(), i => i.Email == email);
        Assert.Equal(slug, invited.TenantId);
    }

    public static TheoryData<string, string, object?> BadFields => new()
    {
        { "slug", "slug", "Niet Goed" },
        { "name", "name", "" },
        { "cbsCode", "cbsCode", "0402" },
        { "hosts", "hosts", Array.Empty<string>() },
        { "hosts", "hosts", new[] { "not a host" } },
        { "language", "language", "de" },
        { "timeZone", "timeZone", "Mars/Olympus" },
        { "firstAdminEmail", "firstAdminEmail", "not-an-address" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_names_the_field_and_makes_nothing(string field, string expectedError, object? value)
    {
        var slug = $"fout-{field.ToLowerInvariant()}-{s_run}";
        var answer = await (await OperatorAsync()).PostAsJsonAsync("/api/identity/v1/tenants", Body(slug, b => b[field] = value));

        await answer.ProblemAsync(HttpStatusCode.BadRequest, expectedError);
        await using var scope = identity.Identity.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>();
        Assert.False(await db.Tenants.AnyAsync(t => t.Slug == slug));
    }

    [Fact]
    public async Task A_taken_slug_or_host_is_a_conflict_and_nothing_half_made_remains()
    {
        var operatorClient = await OperatorAsync();
        var slug = $"eerst-{s_run}";
        await (await operatorClient.PostAsJsonAsync("/api/identity/v1/tenants", Body(slug))).OkAsync();

        var sameSlug = await operatorClient.PostAsJsonAsync("/api/identity/v1/tenants", Body(slug));
        var sameHost = await operatorClient.PostAsJsonAsync("/api/identity/v1/tenants", Body($"tweede-{s_run}", b => b["hosts"] = new[] { $"{slug}.buurt.test" }));

        await sameSlug.ProblemAsync(HttpStatusCode.Conflict);
        await sameHost.ProblemAsync(HttpStatusCode.Conflict);
        await using var scope = identity.Identity.Factory.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
        Assert.Null(await applications.FindByClientIdAsync($"tweede-{s_run}-integration"));
    }

    [Fact]
    public async Task Only_the_operator_adds_municipalities()
    {
        var anonymous = await identity.Client(null).PostAsJsonAsync("/api/identity/v1/tenants", Body($"anoniem-{s_run}"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_suspended_municipality_gets_no_tokens_until_it_is_resumed()
    {
        var operatorClient = await OperatorAsync();
        var slug = $"pauze-{s_run}";
        var created = await (await operatorClient.PostAsJsonAsync("/api/identity/v1/tenants", Body(slug))).OkAsync();
        var clientId = created.GetProperty("integrationClient").GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("integrationClient").GetProperty("clientSecret").GetString()!;

        var suspended = await (await operatorClient.PostAsync($"/api/identity/v1/tenants/{slug}/suspension", null)).OkAsync();
        var refused = await TokenAsync(slug, clientId, secret);
        var list = await identity.Client(null).GetFromJsonAsync<TenantList>("/api/identity/v1/tenants");
        await (await operatorClient.DeleteAsync($"/api/identity/v1/tenants/{slug}/suspension")).OkAsync();
        var again = await TokenAsync(slug, clientId, secret);

        Assert.True(suspended.GetProperty("suspended").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("access_denied", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.True(list!.Items.Single(t => t.Slug == slug).Suspended);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync("/api/identity/v1/tenants/bestaat-niet/suspension", null)).StatusCode);
    }
}
