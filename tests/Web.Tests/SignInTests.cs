using System.Net;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace Buurt.Web.Tests;

/// <summary>The backend for frontend: the browser holds one HttpOnly, SameSite cookie and no token; sessions live in Redis.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebPlatform platform)
{
    [Fact]
    public async Task The_browser_holds_an_HttpOnly_SameSite_session_cookie_without_a_token_and_the_tokens_stay_on_the_server()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page);

        var cookies = await page.Context.CookiesAsync([platform.Site()]);
        var session = cookies.Single(c => c.Name == "buurt-session");

        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        // A protected session key, not a ticket: tokens (JWTs start eyJ) are nowhere in the browser.
        Assert.True(session.Value.Length < 600, $"the session cookie holds {session.Value.Length} characters");
        Assert.DoesNotContain(cookies, c => c.Value.Contains("eyJ", StringComparison.Ordinal));
        Assert.Contains("Sanne de Vries", await page.InnerTextAsync("header"), StringComparison.Ordinal);
        Assert.NotEmpty(await SessionKeysAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_made_by_one_web_app_is_served_by_another_replica()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page);
        var session = (await page.Context.CookiesAsync([platform.Site()])).Single(c => c.Name == "buurt-session");
        var other = platform.AnotherWebApp();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = other.Address };

        // As the gateway forwards: the visitor's host and the tenant it resolved.
        HttpRequestMessage Form(bool withSession)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/initiatieven/nieuw");
            request.Headers.Host = new Uri(platform.Site()).Authority;
            request.Headers.Add("X-Buurt-Tenant", Demo.Hilversum);
            if (withSession)
            {
                request.Headers.Add("Cookie", $"buurt-session={session.Value}");
            }
            return request;
        }
        var signedIn = await client.SendAsync(Form(withSession: true));
        var anonymous = await client.SendAsync(Form(withSession: false));

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("Initiatief versturen", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_expired_session_asks_to_sign_in_again_and_returns_to_the_page()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page);
        // The session ends on the server (as when it expires); identity's own session is gone too.
        var database = (await ConnectionMultiplexer.ConnectAsync(TestServers.Redis)).GetDatabase();
        foreach (var key in await SessionKeysAsync())
        {
            await database.KeyDeleteAsync(key);
        }
        var session = (await page.Context.CookiesAsync([platform.Site()])).Single(c => c.Name == "buurt-session");
        await page.Context.ClearCookiesAsync();
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = session.Name, Value = session.Value, Domain = session.Domain, Path = session.Path, HttpOnly = true }]);

        await page.GotoAsync($"{platform.Site()}/initiatieven/nieuw?stap=1");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Locator("#email").FillAsync(Demo.Resident);
        await page.Locator("#password").FillAsync(Demo.Password);
        await page.Locator("button[type=submit]").ClickAsync();

        await page.WaitForURLAsync($"{platform.Site()}/initiatieven/nieuw?stap=1");
        Assert.Equal("Een initiatief indienen", (await page.InnerTextAsync("h1")).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_whose_access_token_nears_its_end_is_refreshed_on_the_server()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/initiatieven/{platform.InitiativeId}");
        Assert.Contains("Verloop", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var before = await SessionTicketsAsync();

        // Within a minute of its end (WebPlatform: 70 s tokens), the next request refreshes it.
        await Task.Delay(WebPlatform.AccessTokenLifetime - TimeSpan.FromSeconds(58));
        await page.ReloadAsync();

        // Still signed in, the timeline (asked with the new access token) still there, the session rewritten.
        Assert.Contains("Sanne de Vries", await page.InnerTextAsync("header"), StringComparison.Ordinal);
        Assert.Contains("Verloop", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var after = await SessionTicketsAsync();
        Assert.Contains(before.Keys, after.ContainsKey);
        Assert.Contains(before, b => after.TryGetValue(b.Key, out var now) && now != b.Value);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_here_and_at_identity()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/");
        Assert.Equal("Inloggen", (await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Inloggen" }).InnerTextAsync()).Trim());

        // Identity asks again: its own session ended too.
        await page.GotoAsync($"{platform.Site()}/initiatieven/nieuw");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<Dictionary<string, string>> SessionTicketsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var tickets = new Dictionary<string, string>();
        foreach (var key in await SessionKeysAsync())
        {
            // IDistributedCache keeps the value in the hash field "data".
            tickets[key.ToString()] = (await redis.GetDatabase().HashGetAsync(key, "data")).ToString();
        }
        return tickets;
    }

    private async Task<IReadOnlyList<RedisKey>> SessionKeysAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var server = redis.GetServers().First();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: $"{platform.WebRedisKeyPrefix}session:*"))
        {
            keys.Add(key);
        }
        return keys;
    }
}
