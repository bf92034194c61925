using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using Microsoft.Playwright;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// The browser sign-in of the web and mobile apps, in Debian's Chromium: authorization code with
/// PKCE through the gateway, on the municipality's own host name (*.localhost is loopback).
/// </summary>
public sealed class BrowserLoginTests(Platform platform) : IClassFixture<Platform>, IAsyncLifetime
{
    private TestBrowser _browser = null!;

    private string Site => $"http://hilversum.localhost:{platform.GatewayAddress.Port}";

    public async ValueTask InitializeAsync() => _browser = await TestBrowser.StartAsync();

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    private Task<IPage> NewPageAsync() => _browser.NewPageAsync(Platform.BrowserWait);

    /// <summary>
    /// Where identity sends the browser back with the code, read from its redirect: these tests play
    /// the web app's back end and trade the code themselves. Behind a running platform's gateway the
    /// web app answers /signin-oidc itself and sends the browser on to its "try again" page, since the
    /// state is the test's, not its own (it never trades the code).
    /// </summary>
    private static async Task<Uri> CallbackAsync(IPage page, Func<Task> action)
    {
        var callback = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object? sender, IResponse response)
        {
            if (response.Headers.TryGetValue("location", out var location) && location.Contains("/signin-oidc?", StringComparison.Ordinal))
            {
                callback.TrySetResult(new Uri(new Uri(response.Url), location));
            }
        }
        page.Response += Read;
        try
        {
            await action();
            return await callback.Task.WaitAsync(Platform.BrowserWait);
        }
        finally
        {
            page.Response -= Read;
        }
    }

    private (Pkce Pkce, string Url) AuthorizeRequest()
    {
        var pkce = Pkce.New();
        var redirect = Uri.EscapeDataString($"{Site}/signin-oidc");
        return (pkce, $"{Site}/connect/authorize?client_id=buurt-web&response_type=code&scope=openid%20profile&redirect_uri={redirect}" +
            $"&code_challenge={pkce.Challenge}&code_challenge_method=S256&state=xyz");
    }

    [Fact]
    public async Task A_resident_signs_in_in_the_browser_and_the_app_gets_a_token_for_the_code()
    {
        var page = await NewPageAsync();
        var (pkce, url) = AuthorizeRequest();

        await page.GotoAsync(url);
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Inloggen", await page.InnerTextAsync("h1"));
        await page.GetByLabel("E-mailadres").FillAsync(Demo.Resident);
        await page.GetByLabel("Wachtwoord").FillAsync(Demo.Password);
        var callback = await CallbackAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync());

        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("xyz", query["state"]);
        using var client = platform.Client();
        var response = await pkce.TradeAsync(client, "buurt-web", query["code"]!, $"{Site}/signin-oidc");
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, tokens.ToString());
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(tokens.GetProperty("access_token").GetString()!);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/identity/v1/me");
        Assert.Equal(Demo.Resident, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_announced_on_the_page_and_the_page_speaks_English_on_request()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(AuthorizeRequest().Url);

        await page.GetByLabel("E-mailadres").FillAsync(Demo.Resident);
        await page.GetByLabel("Wachtwoord").FillAsync("niet-goed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        Assert.Contains("Het e-mailadres of het wachtwoord klopt niet.", await alert.InnerTextAsync(), StringComparison.Ordinal);
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Sign in", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task A_new_resident_registers_in_the_browser_and_the_app_gets_a_token_for_their_wijk()
    {
        var page = await NewPageAsync();
        var (pkce, url) = AuthorizeRequest();
        var email = $"nieuw.{Guid.NewGuid():N}@example.nl";
        await page.GotoAsync(url);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nog geen account? Maak er een aan" }).ClickAsync();

        await page.GetByLabel("Naam").FillAsync("Lotte de Wit");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Kies een wachtwoord").FillAsync("zwak");
        await page.GetByLabel("Postcode").FillAsync("1221 AB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        Assert.Contains("niet sterk genoeg", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#password", "aria-invalid"));
        Assert.Equal("Lotte de Wit", await page.InputValueAsync("#displayName"));

        await page.GetByLabel("Kies een wachtwoord").FillAsync("Buurt-2026-tuin");
        var callback = await CallbackAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync());

        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;
        using var client = platform.Client();
        var response = await pkce.TradeAsync(client, "buurt-web", code, $"{Site}/signin-oidc");
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        Assert.Equal(Demo.Oost1221.ToString(), token.Claims.Single(c => c.Type == "wijk").Value);
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == "resident");
    }

    [Fact]
    public async Task A_refused_registration_in_English_names_the_field_next_to_it_and_takes_the_focus()
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"{Site}/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "No account yet? Create one" }).ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Lotte de Wit");
        await page.GetByLabel("E-mail address").FillAsync($"new.{Guid.NewGuid():N}@example.nl");
        await page.GetByLabel("Choose a password").FillAsync("Buurt-2026-tuin");
        await page.GetByLabel("Postcode").FillAsync("9991"); // Voorbeeldstad's
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("This postcode lies in no wijk of this municipality", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        Assert.Equal("postcode-hint postcode-error", await page.GetAttributeAsync("#postcode", "aria-describedby"));
        Assert.Equal("true", await page.GetAttributeAsync("#postcode", "aria-invalid"));
        Assert.Equal("9991", await page.InputValueAsync("#postcode"));
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_with_the_mailed_code_and_the_new_one_signs_in()
    {
        Platform.SkipWhenRunning("identity's bus (the code it publishes)");
        const string email = Demo.Alderman;
        var page = await NewPageAsync();
        await page.GotoAsync($"{Site}/account/login");

        await page.GetByRole(AriaRole.Link, new() { Name = "Wachtwoord vergeten?" }).ClickAsync();
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een code" }).ClickAsync();
        Assert.Contains("ontvangt u zo een e-mail", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var code = await platform.Identity.CodeMailedToAsync(email);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ik heb een code" }).ClickAsync();
        await page.GetByLabel("Code uit de e-mail").FillAsync("verkeerde-code");
        await page.GetByLabel("Kies een wachtwoord").FillAsync("Wethouder-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        Assert.Contains("Deze code klopt niet", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Code uit de e-mail").FillAsync(code);
        await page.GetByLabel("Kies een wachtwoord").FillAsync("Wethouder-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        Assert.Contains("Uw nieuwe wachtwoord is opgeslagen", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

        using var client = platform.Client();
        var old = await client.PostAsync("/connect/token", new FormUrlEncodedContent(TestIdentity.PasswordForm(email)));
        var renewed = await client.PostAsync("/connect/token", new FormUrlEncodedContent(TestIdentity.PasswordForm(email, "Wethouder-2026!")));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_is_not_asked_again_until_it_signs_out()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(AuthorizeRequest().Url);
        await page.GetByLabel("E-mailadres").FillAsync(Demo.Resident);
        await page.GetByLabel("Wachtwoord").FillAsync(Demo.Password);
        Assert.NotNull(System.Web.HttpUtility.ParseQueryString((await CallbackAsync(page,
            () => page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync())).Query)["code"]);

        // Still signed in: straight back with a code.
        var again = await CallbackAsync(page, () => page.GotoAsync(AuthorizeRequest().Url));
        Assert.NotNull(System.Web.HttpUtility.ParseQueryString(again.Query)["code"]);

        await page.GotoAsync($"{Site}/connect/logout?client_id=buurt-web&post_logout_redirect_uri={Uri.EscapeDataString($"{Site}/")}");
        await page.WaitForURLAsync($"{Site}/");
        await page.GotoAsync(AuthorizeRequest().Url);

        Assert.Equal("Inloggen", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task The_login_page_sends_nobody_elsewhere_after_signing_in()
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"{Site}/account/login?returnUrl={Uri.EscapeDataString("https://evil.example/")}");

        await page.GetByLabel("E-mailadres").FillAsync(Demo.ResidentOost);
        await page.GetByLabel("Wachtwoord").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        Assert.Equal($"{Site}/", page.Url);
    }
}
