using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>The main journeys with the keyboard only: sign in and submit an initiative; support one; register for an activity; book an office hour.</summary>
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

    [Fact]
    public async Task A_resident_supports_an_initiative_and_takes_it_back_with_the_keyboard_only()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/initiatieven/{platform.InitiativeId}");
        var before = (await page.InnerTextAsync("#support-count")).Trim();

        await Keys.TabToAsync(page, "Ik steun dit initiatief");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/initiatieven/{platform.InitiativeId}?steun=1#support");
        Assert.NotEqual(before, (await page.InnerTextAsync("#support-count")).Trim());

        await Keys.TabToAsync(page, "Mijn steun intrekken");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => document.querySelector('#support-count')?.textContent.trim() === '{before}'");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_registers_for_an_activity_and_cancels_with_the_keyboard_only()
    {
        // The occurrence after the next one of "Samen koken in De Geus" (another test takes the next one).
        var today = DateTime.UtcNow.Date;
        var occurrences = await platform.Client().GetFromJsonAsync<JsonElement>(
            $"/api/calendar/v1/activities/{DemoAgenda.Cooking}/occurrences?from={today.AddDays(2):yyyy-MM-dd}&to={today.AddDays(30):yyyy-MM-dd}");
        var path = $"/activiteiten/{DemoAgenda.Cooking}/{occurrences.GetProperty("items")[1].GetProperty("occurrenceStart").GetString()}";
        var page = await platform.NewPageAsync();
        // Another resident than the other tests' (whose "Mijn buurt" they read), so a cancelled registration stays out of their lists.
        await platform.SignInAsync(page, Demo.ResidentOost, returnUrl: path);

        await Keys.TabToAsync(page, "Aanmelden");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{platform.Site()}{path}?gelukt=registered");
        Assert.Contains("U bent aangemeld.", await page.InnerTextAsync("#my-status"), StringComparison.Ordinal);

        await Keys.TabToAsync(page, "Afmelden");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{platform.Site()}{path}?gelukt=cancelled");
        Assert.Equal(0, await page.Locator("#my-status").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_books_an_office_hour_in_three_steps_with_the_keyboard_only()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.ResidentOost, returnUrl: $"/spreekuren/{DemoAgenda.AldermanOfficeHour}");

        // 1. a day (the first with free slots); 2. a time (arrow keys in the radio group), a topic; 3. confirm.
        await Keys.TabUntilAsync(page, "document.activeElement.matches('.buurt-days a')", "the first day");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#start");
        await Keys.TabToAsync(page, "", id: "start");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.checked"));
        await Keys.TabToAsync(page, "", id: "topic");
        await page.Keyboard.TypeAsync("Bankjes langs de Vaartweg");
        await Keys.TabToAsync(page, "Afspraak maken");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/afspraken/*?geboekt=1");
        Assert.Equal("Bevestigd", (await page.InnerTextAsync("#booking-status")).Trim());
        Assert.Contains("Bankjes langs de Vaartweg", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // And cancelled from its page, still by keyboard: the slot is free for others again.
        await Keys.TabToAsync(page, "Afspraak afzeggen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#booking-status')?.textContent.trim() === 'Afgezegd'");
        await page.Context.CloseAsync();
    }
}
