using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Buurt.PlatformUp.Tests;

/// <summary>
/// A first install, played as docs/operations.md tells an operator, against the platform with no
/// demo data and no SQL: the operator adds a municipality, its first admin accepts the invitation,
/// signs in and imports the wijken, and a resident registers on the new site and submits an initiative.
/// </summary>
public sealed partial class FirstMunicipalityTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    private static readonly TimeSpan s_aMinute = TimeSpan.FromMinutes(1);
    private const string AdminPassword = "Eerste-Beheerder-2026!";

    [Fact]
    public async Task The_platform_starts_empty_without_the_demo_municipalities()
    {
        using var anonymous = platform.Client();
        var tenants = await anonymous.GetFromJsonAsync<JsonElement>("/api/identity/v1/tenants");

        var slugs = tenants.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList();
        Assert.DoesNotContain("hilversum", slugs);
        Assert.DoesNotContain("voorbeeldstad", slugs);
        // The demo's development client is not there either: a password grant has no client to use.
        var password = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "buurt-cli", ["username"] = "resident@hilversum.example", ["password"] = "Demo-2026!",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, password.StatusCode);
        Assert.Equal("invalid_client", (await password.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task The_gateways_metrics_and_health_answer_on_its_management_port_only(string path)
    {
        using var outside = platform.Client();
        using var inside = new HttpClient { BaseAddress = platform.Management };

        var onThePublicPort = await outside.GetAsync(path);
        var onTheManagementPort = await inside.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, onThePublicPort.StatusCode);
        Assert.Equal("application/problem+json", onThePublicPort.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, onTheManagementPort.StatusCode);
        if (path == "/metrics")
        {
            Assert.Contains("http_server_request_duration_seconds", await onTheManagementPort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_operator_adds_a_municipality_whose_admin_and_residents_use_it_without_SQL()
    {
        var slug = $"nieuwdorp-{Guid.NewGuid().ToString("N")[..6]}";
        var host = $"{slug}.localhost";
        var adminEmail = $"beheer@{slug}.example";

        // 1. The operator: a token that names no municipality, then the municipality.
        var operatorToken = await ClientCredentialsTokenAsync("buurt-operator", platform.OperatorSecret);
        using (var operatorClient = platform.Client(token: operatorToken))
        {
            var created = await operatorClient.PostAsJsonAsync("/api/identity/v1/tenants", new
            {
                slug, name = "Gemeente Nieuwdorp", cbsCode = "GM0999", hosts = new[] { host }, language = "nl", timeZone = "Europe/Amsterdam",
                firstAdminEmail = adminEmail,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // 2. Within a minute it is in the public list and the gateway knows its host name.
        using var anonymous = platform.Client();
        await Eventually.TrueAsync(async () => (await anonymous.GetFromJsonAsync<JsonElement>("/api/identity/v1/tenants"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("slug").GetString() == slug), s_aMinute, "the municipality in the public list");
        using var site = platform.Client(host);
        await Eventually.TrueAsync(async () => (await site.GetAsync("/api/initiatives/v1/initiatives")).StatusCode == HttpStatusCode.OK,
            s_aMinute, "the gateway to know the new host name");

        // 3. The first admin's invitation arrives by mail; the code in it sets a password on the site.
        var invitation = Assert.Single(await platform.Mail.WaitForAsync(
            m => m.To.Mailboxes.Any(b => b.Address == adminEmail), timeout: s_aMinute, what: "the invitation"));
        var code = CodeLine().Match(invitation.TextBody ?? "").Groups[1].Value;
        Assert.NotEmpty(code);
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site(host)}/account/reset?email={Uri.EscapeDataString(adminEmail)}");
        await page.Locator("#token").FillAsync(code);
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("Uw nieuwe wachtwoord is opgeslagen", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

        // 4. The admin signs in on the new host (code + PKCE, the web app's client made at onboarding)
        //    and imports the wijken and their postcodes.
        var adminToken = await SignInAsync(page, host, adminEmail, AdminPassword);
        using (var admin = platform.Client(host, adminToken))
        {
            using var csv = new StringContent("kind,code,name,parent,postcodes\r\nwijk,WK099901,Centrum,,1234\r\nwijk,WK099902,Noord,,1235\r\n",
                Encoding.UTF8, "text/csv");
            var imported = await (await admin.PostAsync("/api/identity/v1/areas/imports", csv)).OkAsync();
            Assert.Equal(2, imported.GetProperty("created").GetInt32());
        }
        await page.Context.CloseAsync();

        // 5. A resident registers on the new site (Centrum by postcode) and submits an initiative there.
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site(host)}/inloggen?returnUrl={Uri.EscapeDataString("/initiatieven/nieuw")}");
        await resident.GetByRole(AriaRole.Link, new() { Name = "Nog geen account? Maak er een aan" }).ClickAsync();
        await resident.Locator("#displayName").FillAsync("Sanne Bakker");
        await resident.Locator("#email").FillAsync($"sanne@{slug}.example");
        await resident.Locator("#password").FillAsync("Nieuwdorp-2026-bank");
        await resident.Locator("#postcode").FillAsync("1234 AB");
        await resident.Locator("button[type=submit]").ClickAsync();
        await resident.WaitForUrlOrExplainAsync($"{platform.Site(host)}/initiatieven/nieuw");
        await resident.Locator("#title").FillAsync("Een bank op het plein");
        await resident.Locator("#description").FillAsync("Waar de buren elkaar treffen; wij houden hem schoon.");
        await resident.Locator("#theme").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await resident.Locator("#requestedAmount").FillAsync("640");
        await resident.Locator("form.buurt-form button[type=submit]").ClickAsync();
        await resident.WaitForUrlOrExplainAsync("**/initiatieven/*?ingediend=1");
        Assert.Equal("Een bank op het plein", (await resident.InnerTextAsync("h1")).Trim());

        // The initiative is in the municipality's public list, and in no other's.
        var centrum = (await site.GetFromJsonAsync<JsonElement>("/api/identity/v1/postcodes/1234")).GetProperty("area").GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await site.GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/initiatives?areaId={centrum}"))
            .GetProperty("items").EnumerateArray().Any(i => i.GetProperty("title").GetString() == "Een bank op het plein"), s_aMinute, "the initiative in the list");
        await resident.Context.CloseAsync();
    }

    private async Task<string> ClientCredentialsTokenAsync(string clientId, string secret)
    {
        using var client = platform.Client();
        var tokens = await (await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }))).OkAsync();
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Code + PKCE at the municipality's host in the browser, as an app's sign-in would; the code on
    /// the way back is exchanged here.
    /// </summary>
    private async Task<string> SignInAsync(IPage page, string host, string email, string password)
    {
        var site = platform.Site(host);
        var pkce = Pkce.New();
        var redirect = $"{site}/signin-oidc";
        await page.GotoAsync($"{site}/connect/authorize?client_id=buurt-web&response_type=code&scope=openid%20profile%20roles" +
            $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={pkce.Challenge}&code_challenge_method=S256&state=eerste");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        // Redirects are not routable in Playwright: the request back is read as it leaves.
        var back = page.WaitForRequestAsync(r => r.Url.StartsWith($"{redirect}?", StringComparison.Ordinal));
        await page.Locator("button[type=submit]").ClickAsync();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri((await back).Url).Query);
        Assert.Equal("eerste", query["state"]);

        using var client = platform.Client(host);
        var tokens = await (await pkce.TradeAsync(client, "buurt-web", query["code"]!, redirect)).OkAsync();
        return tokens.GetProperty("access_token").GetString()!;
    }

    [GeneratedRegex(@"Uw code: (\S+)")]
    private static partial Regex CodeLine();
}
