using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The functional administrator's branding (/werkplek/instellingen/huisstijl) through the gateway: a
/// new name and dark colour on the residents' site at once (its tokens, theme-color and header), a
/// colour white text is not readable on refused at the field, a logo in the header, nobody else in.
/// Every test puts Hilversum's name, colour and logo back (the collection runs its classes one at a
/// time, so no other class sees the change; the page's reset also drops the web app's cached tenant list).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SiteBrandingTests(WebPlatform platform)
{
    private const string Path = "/werkplek/instellingen/huisstijl";
    private const string AccentToken = "() => getComputedStyle(document.body).getPropertyValue('--basis-color-accent-1-inverse-bg-default').trim()";
    private const string ThemeColor = "() => document.querySelector('meta[name=theme-color]').content";

    // A 1×1 PNG.
    private static readonly byte[] s_png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>The residents' home page as a new visitor sees it: its accent token, theme-color and header.</summary>
    private async Task<(string Accent, string ThemeColor, IPage Page)> ResidentsSiteAsync()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site()}/");
        return (await page.EvaluateAsync<string>(AccentToken), await page.EvaluateAsync<string>(ThemeColor), page);
    }

    private async Task<IPage> AdminPageAsync()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: Path);
        return page;
    }

    /// <summary>Hilversum's own name and colour and no logo again, through the page (which drops the web app's cached tenant list).</summary>
    private async Task PutBackAsync()
    {
        using (var admin = await platform.SignedInAsync(Demo.Admin))
        {
            await admin.DeleteAsync("/api/identity/v1/tenants/me/branding");
            await admin.DeleteAsync("/api/identity/v1/tenants/me/logo");
        }
        var page = await AdminPageAsync();
        // The page read the list before or after the deletes; a change through it makes the web app read it again.
        await page.Locator("#displayName").FillAsync("Gemeente Hilversum");
        await page.Locator("#accentColor").FillAsync("#00529c");
        await page.Locator("form:has(#displayName) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=huisstijl*");
        await page.Locator("button", new() { HasText = "Standaardnaam en -kleur terugzetten" }).ClickAsync();
        await page.WaitForURLAsync("**gelukt=standaard*");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_sets_a_dark_colour_and_a_name_and_the_residents_site_uses_them_at_once()
    {
        var (accentBefore, colorBefore, before) = await ResidentsSiteAsync();
        await before.Context.CloseAsync();
        Assert.Equal("#00529c", colorBefore);
        try
        {
            var page = await AdminPageAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Huisstijl");
            Assert.Equal("page", await page.GetAttributeAsync("#nav-branding", "aria-current"));
            Assert.Equal("Gemeente Hilversum", await page.InputValueAsync("#displayName"));
            Assert.Equal(colorBefore, await page.InputValueAsync("#accentColor"));
            await Axe.AssertNoViolationsAsync(page);

            await page.Locator("#displayName").FillAsync("Mediastad Hilversum");
            await page.Locator("#accentColor").FillAsync("#1A5C2E");
            await page.Locator("form:has(#displayName) button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**gelukt=huisstijl*");

            // The admin's next page shows it: the confirmation, the sample in the new colour, the header's name.
            Assert.Contains("De naam en de kleur zijn opgeslagen.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
            Assert.Equal("rgb(26, 92, 46)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#swatch')).backgroundColor"));
            Assert.Equal("Mediastad Hilversum", (await page.InnerTextAsync(".buurt-site-name")).Trim());
            Assert.Equal("#1a5c2e", await page.InputValueAsync("#accentColor"));
            await Axe.AssertNoViolationsAsync(page);
            await page.Context.CloseAsync();

            var (accent, color, site) = await ResidentsSiteAsync();
            Assert.Equal("#1a5c2e", accent);
            Assert.Equal("#1a5c2e", color);
            Assert.NotEqual(accentBefore, accent);
            Assert.Equal("Mediastad Hilversum", (await site.InnerTextAsync(".buurt-site-name")).Trim());
            // The primary buttons in the new colour too.
            Assert.Equal("#1a5c2e", await site.EvaluateAsync<string>(
                "() => getComputedStyle(document.body).getPropertyValue('--basis-color-action-1-inverse-bg-default').trim()"));
            using var client = platform.SiteClient();
            var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/manifest.webmanifest")).RootElement;
            Assert.Equal("#1a5c2e", json.GetProperty("theme_color").GetString());
            Assert.Equal("Mediastad Hilversum", json.GetProperty("short_name").GetString());
            await site.Context.CloseAsync();
        }
        finally
        {
            await PutBackAsync();
        }
        var (accentAfter, colorAfter, after) = await ResidentsSiteAsync();
        Assert.Equal((accentBefore, colorBefore), (accentAfter, colorAfter));
        Assert.Equal("Gemeente Hilversum", (await after.InnerTextAsync(".buurt-site-name")).Trim());
        await after.Context.CloseAsync();
    }

    [Fact]
    public async Task A_colour_too_light_for_white_text_is_said_at_the_field_and_changes_nothing()
    {
        var page = await AdminPageAsync();
        await page.Locator("#accentColor").FillAsync("#ffcc00");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("form:has(#displayName) button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains(Path, StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        Assert.Contains("contrast", await page.InnerTextAsync("#accentColor-error"), StringComparison.Ordinal);
        Assert.Equal("#ffcc00", await page.InputValueAsync("#accentColor")); // what was typed stays
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
        var (accent, color, site) = await ResidentsSiteAsync();
        Assert.Equal("#00529c", color);
        Assert.Equal("#00529c", accent);
        await site.Context.CloseAsync();
    }

    [Fact]
    public async Task A_director_gets_403_and_no_link()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek?wijk={Demo.Zuid}");
        Assert.Equal(0, await page.Locator("#nav-branding").CountAsync());

        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}{Path}"))!.Status);
        Assert.Equal(0, await page.Locator("#displayName, #logoFile").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_uploads_a_logo_the_header_shows_it_with_the_name_as_alt_and_an_unsafe_SVG_is_refused_at_the_field()
    {
        try
        {
            var page = await AdminPageAsync();
            await page.Locator("#logoFile").SetInputFilesAsync(new FilePayload
            {
                Name = "logo.svg",
                MimeType = "image/svg+xml",
                Buffer = Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>"""),
            });
            await page.Locator("form:has(#logoFile) button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("#logoFile-error");
            Assert.Contains("logo", await page.InnerTextAsync("#logoFile-error"), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, await page.Locator("#no-logo").CountAsync());
            await Axe.AssertNoViolationsAsync(page);

            // A PNG named .svg: identity goes by the file's signature.
            await page.Locator("#logoFile").SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = s_png });
            await page.Locator("form:has(#logoFile) button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**gelukt=logo*");
            Assert.Contains("Het logo is opgeslagen.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
            await Axe.AssertNoViolationsAsync(page);
            await page.Context.CloseAsync();

            var (_, _, site) = await ResidentsSiteAsync();
            var logo = site.Locator("header img.buurt-logo");
            Assert.Equal("Gemeente Hilversum", await logo.GetAttributeAsync("alt"));
            // Loaded through the gateway under the page's content security policy, as the PNG it is.
            await Assertions.Expect(logo).ToHaveJSPropertyAsync("naturalWidth", 1);
            using var client = platform.SiteClient();
            using var served = await client.GetAsync(await logo.GetAttributeAsync("src"));
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            await site.Context.CloseAsync();

            var admin = await AdminPageAsync();
            await admin.Locator("button", new() { HasText = "Logo verwijderen" }).ClickAsync();
            await admin.WaitForURLAsync("**gelukt=logo-verwijderd*");
            await admin.Context.CloseAsync();
            var (_, _, without) = await ResidentsSiteAsync();
            Assert.Equal(0, await without.Locator("header img.buurt-logo").CountAsync());
            Assert.Equal("Gemeente Hilversum", (await without.InnerTextAsync(".buurt-site-name")).Trim());
            await without.Context.CloseAsync();
        }
        finally
        {
            await PutBackAsync();
        }
    }
}
