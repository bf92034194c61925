using System.Net;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The map (Leaflet 1.9.4) beside its list on the wijk page and the initiatives page: drawn after a
/// first load and after enhanced navigation, markers are links the keyboard reaches, and it works
/// without tiles (Hilversum's tile server does not answer, Voorbeeldstad has none).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MapTests(WebPlatform platform)
{
    private const string Markers = ".leaflet-marker-pane a.buurt-marker";

    [Fact]
    public async Task The_list_beside_the_map_carries_the_points_and_the_policy_allows_only_the_municipalitys_tiles()
    {
        using var hilversum = platform.SiteClient();
        using var voorbeeldstad = platform.SiteClient(Demo.Voorbeeldstad);

        using var wijk = await hilversum.GetAsync($"/wijken/{Demo.Zuid}");
        var html = await wijk.Content.ReadAsStringAsync();
        using var elsewhere = await voorbeeldstad.GetAsync("/initiatieven");
        var elsewhereHtml = await elsewhere.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, wijk.StatusCode);
        // Without script the list is the map: each place a link, with its point for the script.
        Assert.Contains("data-buurt-map", html, StringComparison.Ordinal);
        Assert.Matches($@"<li[^>]*data-lat=""52.2131"" data-lon=""5.1712"" data-kind=""initiative""[^>]*>\s*<a[^>]*href=""/initiatieven/{platform.InitiativeId}""", html);
        Assert.Matches(@"<li[^>]*data-lat=""52.2166"" data-lon=""5.1736"" data-kind=""venue""[^>]*>\s*<a[^>]*>Wijkcentrum De Geus: ", html);
        Assert.Contains($"data-tiles=\"{WebPlatform.UnreachableTiles}\"", html, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: http://127.0.0.1:9;", wijk.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:;", elsewhere.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("data-tiles=\"http", elsewhereHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task After_enhanced_navigation_the_map_has_its_markers_and_the_keyboard_reaches_them(string language)
    {
        var page = await platform.NewPageAsync();
        var policyErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyErrors.Add(message.Text);
            }
        };
        var tileRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith("http://127.0.0.1:9/tiles/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref tileRequests);
            }
        };
        await page.GotoAsync($"{platform.Site()}/?lang={language}");
        // Marks this document: still there after the clicks only if they were enhanced navigations, not loads.
        await page.EvaluateAsync("window.buurtSameDocument = true");

        await page.GetByRole(AriaRole.Link, new() { Name = "Zuid", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/wijken/{Demo.Zuid}");
        await page.Locator(Markers).First.WaitForAsync();

        Assert.True(await page.EvaluateAsync<bool>("window.buurtSameDocument === true"));
        var listed = await page.Locator("#wijk-list li[data-lat]").CountAsync();
        Assert.True(listed >= 2, $"{listed} places listed");
        Assert.Equal(listed, await page.Locator(Markers).CountAsync());
        Assert.Equal(1, await page.Locator($"{Markers}[href='/initiatieven/{platform.InitiativeId}']").CountAsync());
        // One marker per venue of the coming agenda (De Geus, Lopes Dias: the demo's venues in Zuid).
        var venues = await page.Locator("#wijk-list li[data-kind='venue']").CountAsync();
        Assert.True(venues >= 1, $"{venues} venues listed");
        Assert.Equal(venues, await page.Locator($"{Markers}.buurt-marker--venue").CountAsync());
        // The tiles were asked for and did not come: the markers stand on a plain background.
        Assert.True(tileRequests > 0);
        Assert.Empty(policyErrors);
        await Axe.AssertNoViolationsAsync(page);

        // From the h1 (where the focus is after the navigation) Tab reaches a marker: a link with the initiative's title.
        await Keys.TabUntilAsync(page, $"document.activeElement.matches(\"a.buurt-marker[href='/initiatieven/{platform.InitiativeId}']\")", "the initiative's marker");
        Assert.Contains("Bankje bij de speeltuin", await page.EvaluateAsync<string>("document.activeElement.textContent"), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{platform.Site()}/initiatieven/{platform.InitiativeId}");
        // Enhanced navigation changes the address first, then the page.
        await page.Locator("h1", new() { HasText = "Bankje bij de speeltuin" }).WaitForAsync();

        // Another enhanced navigation to a page with a map: drawn again, with the filters' initiatives.
        await page.Locator("nav a[href='/initiatieven']").ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/initiatieven");
        await page.Locator($"#initiatives-map {Markers}").First.WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("window.buurtSameDocument === true"));
        Assert.Equal(await page.Locator("#initiatives-list li[data-lat]").CountAsync(), await page.Locator(Markers).CountAsync());
        Assert.Equal(1, await page.Locator(".leaflet-container").CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        Assert.Empty(policyErrors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_without_places_loads_no_Leaflet_and_unreachable_tiles_leave_the_markers_on_a_plain_background()
    {
        var page = await platform.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync($"{platform.Site(Demo.Voorbeeldstad)}/initiatieven");

        // Voorbeeldstad has no initiative with a place: no map, the list says so.
        Assert.Equal(0, await page.Locator("[data-buurt-map]").CountAsync());
        Assert.DoesNotContain(requests, url => url.Contains("leaflet.js", StringComparison.Ordinal));

        await page.GotoAsync($"{platform.Site()}/initiatieven?wijk={Demo.Zuid}&thema=fysiek");
        await page.Locator(Markers).First.WaitForAsync();
        Assert.Equal(0, await page.Locator(".leaflet-tile-loaded").CountAsync());
        Assert.True(await page.Locator("#initiatives-map").IsVisibleAsync());
        await page.Context.CloseAsync();
    }
}
