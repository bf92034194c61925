using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Buurt.Testing;
using Microsoft.Playwright;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// The mobile app signs in as a native app does (RFC 8252): the system browser opens the
/// municipality's sign-in page, identity answers the app's own scheme or a loopback address on a
/// port the app picked, and the app trades the code with its PKCE verifier for tokens it then
/// uses on the APIs through the gateway. The client is `buurt-mobile`: public, no secret.
/// </summary>
public sealed class NativeAppSignInTests(Platform platform) : IClassFixture<Platform>, IAsyncLifetime
{
    private const string AppScheme = "nl.buurt.app:/oauth/callback";

    private TestBrowser _browser = null!;

    private string Site => $"http://hilversum.localhost:{platform.GatewayAddress.Port}";

    public async ValueTask InitializeAsync() => _browser = await TestBrowser.StartAsync();

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    private string AuthorizeUrl(string redirectUri, Pkce pkce) =>
        $"{Site}/connect/authorize?client_id=buurt-mobile&response_type=code&scope=openid%20profile%20offline_access" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&code_challenge={pkce.Challenge}&code_challenge_method=S256&state=app-state";

    private static async Task SignInAsync(IPage page)
    {
        await page.GetByLabel("E-mailadres").FillAsync(Demo.Resident);
        await page.GetByLabel("Wachtwoord").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }

    private static Task<HttpResponseMessage> TradeAsync(HttpClient client, string code, string redirectUri, Pkce pkce) =>
        pkce.TradeAsync(client, "buurt-mobile", code, redirectUri);

    /// <summary>
    /// The browser hands a custom scheme to the operating system, which opens the app; here the
    /// test plays the app and reads identity's redirect to it.
    /// </summary>
    private static Task<Uri> HandOverToTheAppAsync(IPage page)
    {
        var handedToApp = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue("location", out var location) && location.StartsWith("nl.buurt.app:", StringComparison.Ordinal))
            {
                handedToApp.TrySetResult(new Uri(location));
            }
        };
        return handedToApp.Task;
    }

    [Fact]
    public async Task The_app_gets_the_code_at_its_own_scheme_trades_it_with_its_verifier_and_calls_the_apis()
    {
        var pkce = Pkce.New();
        var page = await _browser.NewPageAsync(Platform.BrowserWait);
        var handedToApp = HandOverToTheAppAsync(page);

        await page.GotoAsync(AuthorizeUrl(AppScheme, pkce));
        Assert.Equal("Inloggen", await page.InnerTextAsync("h1"));
        await SignInAsync(page);
        var redirect = await handedToApp.WaitAsync(2 * Platform.BrowserWait);

        Assert.StartsWith(AppScheme + "?", redirect.OriginalString, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(redirect.Query);
        Assert.Equal("app-state", query["state"]);
        using var client = platform.Client();

        // Whoever intercepts the code without the verifier gets nothing for it, and the code is spent.
        var stolen = await TradeAsync(client, query["code"]!, AppScheme, Pkce.New());
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal("invalid_grant", (await stolen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        // Again, with identity's session still there: no password asked a second time.
        handedToApp = HandOverToTheAppAsync(page);
        // Chromium aborts the navigation itself: the scheme belongs to another program.
        await page.EvaluateAsync("url => { location.href = url; }", AuthorizeUrl(AppScheme, pkce));
        redirect = await handedToApp.WaitAsync(2 * Platform.BrowserWait);
        var code = System.Web.HttpUtility.ParseQueryString(redirect.Query)["code"]!;
        var response = await TradeAsync(client, code, AppScheme, pkce);
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, tokens.ToString());

        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(tokens.GetProperty("access_token").GetString()!);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/identity/v1/me");
        Assert.Equal(Demo.Resident, me.GetProperty("email").GetString());
        using var initiatives = await client.GetAsync($"/api/initiatives/v1/initiatives?areaId={Demo.Zuid}");
        Assert.Equal(HttpStatusCode.OK, initiatives.StatusCode);

        // The refresh token keeps the app signed in without the browser.
        client.DefaultRequestHeaders.Authorization = null;
        using var refreshed = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "buurt-mobile",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        }));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task A_desktop_app_listens_on_a_loopback_port_of_its_choosing_and_gets_the_code_there()
    {
        var pkce = Pkce.New();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var redirectUri = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/oauth/callback";
        var received = ReceiveOneRequestAsync(listener);

        using (var probe = platform.Client(handler: new HttpClientHandler { AllowAutoRedirect = false }))
        {
            using var asked = await probe.GetAsync(AuthorizeUrl(redirectUri, pkce)[Site.Length..]);
            Assert.True(asked.StatusCode == HttpStatusCode.Redirect, $"{asked.StatusCode}: {await asked.Content.ReadAsStringAsync()}");
        }
        var page = await _browser.NewPageAsync(Platform.BrowserWait);
        await page.GotoAsync(AuthorizeUrl(redirectUri, pkce));
        await SignInAsync(page);
        var target = await received.WaitAsync(2 * Platform.BrowserWait);

        Assert.StartsWith("/oauth/callback?", target, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(redirectUri), target).Query);
        using var client = platform.Client();
        var response = await TradeAsync(client, query["code"]!, redirectUri, pkce);
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, tokens.ToString());
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(Demo.Resident, (await client.GetFromJsonAsync<JsonElement>("/api/identity/v1/me")).GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_address_the_app_did_not_register_gets_no_code()
    {
        using var client = platform.Client(handler: new HttpClientHandler { AllowAutoRedirect = false });

        using var answer = await client.GetAsync(AuthorizeUrl("https://elders.example/oauth/callback", Pkce.New())[Site.Length..]);

        // Identity refuses on its own page: never a redirect to an address it does not know.
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    /// <summary>The smallest HTTP server a desktop app runs for its redirect: one request, its target kept.</summary>
    private static async Task<string> ReceiveOneRequestAsync(TcpListener listener)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        using var reader = new StreamReader(stream, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        var body = "<!doctype html><title>Buurt</title><p>Ga terug naar de app.</p>"u8.ToArray();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(body);
        return requestLine.Split(' ')[1];
    }
}
