using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// Identity's account pages (sign in, register, forgot, reset) on the municipality's host look like
/// the web app: the same NL Design System CSS and site rules, the municipality's own tokens, the
/// same header; axe finds nothing on any of them, in both languages and with errors shown.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccountPagesLookTests(WebPlatform platform)
{
    private static readonly string[] s_pages = ["/account/login", "/account/register", "/account/forgot", "/account/reset?email=a%40b.example"];

    private const string PrimaryButton = "e => getComputedStyle(document.querySelector('button.utrecht-button--primary-action')).backgroundColor";

    [Theory]
    [InlineData(Demo.Hilversum, "Gemeente Hilversum")]
    [InlineData(Demo.Voorbeeldstad, "Gemeente Voorbeeldstad")]
    public async Task The_login_page_has_the_site_s_styles_tokens_and_header(string tenant, string name)
    {
        var page = await platform.NewPageAsync();
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "stylesheet" && response.Status != 200)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };
        await page.GotoAsync($"{platform.Site(tenant)}/");
        var siteButton = await page.EvaluateAsync<string>(PrimaryButton);
        var siteFont = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");

        await page.GotoAsync($"{platform.Site(tenant)}/account/login");
        Assert.Empty(failed);
        Assert.Equal(3, await page.Locator("link[rel=stylesheet]").CountAsync());
        Assert.Equal(name, (await page.InnerTextAsync(".buurt-site-name")).Trim());
        // The municipality's colour on the button, the site's font: as on its own pages (not the browser's grey).
        Assert.Equal(siteButton, await page.EvaluateAsync<string>(PrimaryButton));
        Assert.NotEqual("rgb(239, 239, 239)", siteButton);
        Assert.Equal(siteFont, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_account_page_passes_axe_in_both_languages_and_with_its_errors_shown()
    {
        var page = await platform.NewPageAsync();
        foreach (var path in s_pages)
        {
            foreach (var lang in new[] { "nl", "en" })
            {
                await page.GotoAsync($"{platform.Site()}{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}lang={lang}");
                Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
                await Axe.AssertNoViolationsAsync(page);
            }
        }
        // Sent empty: the summary and the messages at the fields, in the site's look.
        await page.GotoAsync($"{platform.Site()}/account/register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#postcode", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);
        await page.GotoAsync($"{platform.Site()}/account/login");
        await page.Locator("#email").FillAsync(Demo.Resident);
        await page.Locator("#password").FillAsync("niet-het-wachtwoord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForSelectorAsync("#email-error");
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
