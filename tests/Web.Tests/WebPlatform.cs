using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The platform with the web app behind the gateway, one for every web test (a collection: starting
/// it takes a while), with a demo initiative of the resident of Zuid and Debian's Chromium. Access
/// tokens live 70 seconds, so the web app refreshes a session (a minute before expiry) after 10.
/// </summary>
public sealed class WebPlatform() : Platform(new PlatformOptions
{
    Web = true,
    GatewayPermitLimit = 1_000_000,
    // The test classes sign the same demo users in many times a minute (the token rule allows 10 per user).
    GatewaySettings = new Dictionary<string, string?> { ["RateLimiting:Rules:0:CredentialPermitLimit"] = "1000" },
    IdentitySettings = new Dictionary<string, string?> { ["Identity:AccessTokenLifetime"] = WebPlatform.AccessTokenLifetime.ToString() },
    // Hilversum's map tiles come from a server that does not answer (as without internet): the map must work without them.
    // Voorbeeldstad sends text messages (no sidecar listens: the tests only choose them, nothing is texted); Hilversum does not.
    NotificationsSettings = new Dictionary<string, string?> { ["Notifications:SmsBindings:voorbeeldstad"] = "sms" },
    WebSettings = new Dictionary<string, string?>
    {
        ["Web:Sites:hilversum:Map:TileUrl"] = WebPlatform.UnreachableTiles,
        ["Web:Sites:hilversum:Map:Attribution"] = "Kaartgegevens © Kadaster",
    },
})
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(70);

    /// <summary>A tile server on this machine where nothing listens (port 9, discard).</summary>
    public const string UnreachableTiles = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png";

    private TestBrowser _browser = null!;

    public IBrowser Browser => _browser.Browser;

    /// <summary>An initiative of the demo resident in Zuid (Hilversum).</summary>
    public Guid InitiativeId { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        InitiativeId = await SubmitInitiativeAsync("Bankje bij de speeltuin", "Ouders willen kunnen zitten.\nDe buurt onderhoudt het bankje.", 850.50m, "Stroeslaan",
            location: (52.2131, 5.1712));

        _browser = await TestBrowser.StartAsync();
    }

    /// <summary>A resident submits an initiative through the API (by default the demo resident, in Zuid): its id.</summary>
    public async Task<Guid> SubmitInitiativeAsync(string title, string description, decimal amount, string? addressText = null,
        string resident = Demo.Resident, Guid? wijk = null, (double Lat, double Lon)? location = null)
    {
        using var client = await SignedInAsync(resident);
        var response = await client.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title,
            description,
            areaId = wijk ?? Demo.Zuid,
            theme = "fysiek",
            requestedAmount = amount,
            addressText,
            location = location is { } point ? new { lat = point.Lat, lon = point.Lon } : null,
        });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, created.ToString());
        return created.GetProperty("id").GetGuid();
    }

    public override async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser (no cookies), waiting generously: the shared test machines are often busy.</summary>
    public Task<IPage> NewPageAsync() => _browser.NewPageAsync(TimeSpan.FromSeconds(30));

    /// <summary>Signs in at identity from the web app's sign-in link and waits until the browser is back on <paramref name="returnUrl"/>.</summary>
    public async Task SignInAsync(IPage page, string email = Demo.Resident, string returnUrl = "/", string tenant = Demo.Hilversum)
    {
        await page.GotoAsync($"{Site(tenant)}/inloggen?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Demo.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"{Site(tenant)}{returnUrl}");
    }

    /// <summary>A client for the site as a browser without script sees it (the municipality by host name, no redirects followed).</summary>
    public HttpClient SiteClient(string tenant = Demo.Hilversum, System.Net.CookieContainer? cookies = null)
    {
        // To the gateway's own address with the municipality's host name (no name lookup of *.localhost needed).
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new(), UseCookies = true };
        var client = new HttpClient(handler) { BaseAddress = Gateway.Address };
        client.DefaultRequestHeaders.Host = new Uri(Site(tenant)).Authority;
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebPlatform>
{
    public const string Name = "web";
}
