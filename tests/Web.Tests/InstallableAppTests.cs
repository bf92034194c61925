using System.Buffers.Binary;
using System.Net;
using System.Text.Json;

namespace Buurt.Web.Tests;

/// <summary>
/// The site installs on a phone as a progressive web app: a manifest with the municipality's name,
/// colour and icons, and a service worker that keeps the static files and shows an offline page,
/// never a signed-in page or a form.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class InstallableAppTests(WebPlatform platform)
{
    [Theory]
    [InlineData(Demo.Hilversum, "Gemeente Hilversum", "#00529c")]
    [InlineData(Demo.Voorbeeldstad, "Gemeente Voorbeeldstad", "#1a6b35")]
    public async Task The_manifest_names_the_municipality_in_its_colour_with_icons_that_exist(string tenant, string name, string color)
    {
        using var site = platform.SiteClient(tenant);

        using var answer = await site.GetAsync("/manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/manifest+json", answer.Content.Headers.ContentType?.MediaType);
        var manifest = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(name, manifest.GetProperty("short_name").GetString());
        Assert.Contains(name, manifest.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(color, manifest.GetProperty("theme_color").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        var pngSizes = new List<int>();
        foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
        {
            using var image = await site.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), image.Content.Headers.ContentType?.MediaType);
            if (icon.GetProperty("type").GetString() == "image/png")
            {
                // The PNG's own header (IHDR) says its width and height: they match what the manifest says.
                var bytes = await image.Content.ReadAsByteArrayAsync();
                var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
                Assert.Equal(icon.GetProperty("sizes").GetString(), $"{width}x{height}");
                pngSizes.Add(width);
            }
        }
        // What browsers ask before they offer to install: a 192 and a 512 pixel icon.
        Assert.Equal([192, 512], pngSizes.Order());

        var home = await site.GetStringAsync("/");
        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\"", home, StringComparison.Ordinal);
        Assert.Contains($"<meta name=\"theme-color\" content=\"{color}\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_network_a_page_is_the_offline_page_and_signed_in_pages_are_never_kept()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: "/mijn-buurt");
        // The service worker installs in the background: wait until it controls the page.
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"));
        await page.GotoAsync($"{platform.Site()}/initiatieven");

        await page.Context.SetOfflineAsync(true);
        try
        {
            await page.GotoAsync($"{platform.Site()}/agenda");
            Assert.Equal("Geen verbinding", (await page.InnerTextAsync("h1")).Trim());
            // The site's own style sheets came from the cache: the page looks like the site.
            Assert.True(await page.EvaluateAsync<bool>(
                "() => [...document.styleSheets].filter(s => s.href).length >= 3 && [...document.styleSheets].every(s => !s.href || s.cssRules.length > 0)"));
            // Nobody's name on it: it was fetched without the session.
            Assert.DoesNotContain("Uitloggen", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.SetOfflineAsync(false);
        }

        // Everything kept is a static file or the offline page: no page a resident saw, no form, no API answer.
        var kept = await page.EvaluateAsync<string[]>(
            "async () => { const all = []; for (const name of await caches.keys()) { for (const r of await (await caches.open(name)).keys()) all.push(new URL(r.url).pathname + new URL(r.url).search); } return all; }");
        Assert.Contains("/offline?lang=nl", kept);
        Assert.All(kept, path => Assert.Matches(@"^/((css|js|lib|icons|_framework)/|theme\.css(\?v=[0-9a-f]+)?$|offline\?lang=(nl|en)$)", path));
    }
}
