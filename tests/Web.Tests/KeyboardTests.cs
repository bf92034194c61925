using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>The main journey with the keyboard only: sign in, then submit an initiative.</summary>
[Collection(WebCollection.Name)]
public sealed class KeyboardTests(WebPlatform platform)
{
    [Fact]
    public async Task A_resident_signs_in_and_submits_an_initiative_with_the_keyboard_only()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site()}/initiatieven");

        // Sign in from the header's link: Tab to it, Enter; identity's form, typed and sent with Enter.
        await Keys.TabToAsync(page, "Inloggen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/account/login**");
        await Keys.TabToAsync(page, "", id: "email");
        await page.Keyboard.TypeAsync(Demo.Resident);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Demo.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{platform.Site()}/initiatieven");

        await Keys.TabToAsync(page, "Zelf een initiatief indienen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{platform.Site()}/initiatieven/nieuw");
        await Keys.TabToAsync(page, "", id: "title");
        await page.Keyboard.TypeAsync("Plantenbakken Kerkelanden");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Vier bakken met bloemen; de buren geven water.");
        await page.Keyboard.PressAsync("Tab");
        // The wijk is the resident's own already (Zuid); on past the address to the theme.
        Assert.Equal(Demo.Zuid.ToString(), await page.InputValueAsync("#areaId"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("theme", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("fysiek", await page.InputValueAsync("#theme"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("1.250,75");
        await Keys.TabToAsync(page, "Initiatief versturen");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/initiatieven/*?ingediend=1");
        Assert.Contains("Uw initiatief is ontvangen", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Plantenbakken Kerkelanden", (await page.InnerTextAsync("h1")).Trim());
        Assert.Contains("€ 1.250,75", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_and_names_each_field()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: "/initiatieven/nieuw");
        await page.Locator("#title").FillAsync("Jeu de boules-baan");
        await page.Locator("#requestedAmount").FillAsync("12,345");
        await page.Locator("form.buurt-form button[type=submit]").ClickAsync();

        await page.WaitForSelectorAsync("#error");
        Assert.Equal("Jeu de boules-baan", await page.InputValueAsync("#title"));
        Assert.Equal("12,345", await page.InputValueAsync("#requestedAmount"));
        Assert.Contains("hoogstens twee cijfers", await page.InnerTextAsync("#requestedAmount-error"), StringComparison.Ordinal);
        Assert.Contains("Vul wat wilt u doen, en waarom? in.", await page.InnerTextAsync("#description-error"), StringComparison.Ordinal);
        Assert.Equal("requestedAmount-hint requestedAmount-error", await page.GetAttributeAsync("#requestedAmount", "aria-describedby"));
        await page.Context.CloseAsync();
    }
}
