using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// What a resident does on the site besides submitting: register for an activity's occurrence, book
/// an office hour, support an initiative, and find it all on "Mijn buurt" (with the private feed).
/// Each through the browser as a resident would, with axe on the pages with their answers.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ResidentActionTests(WebPlatform platform)
{
    [Fact]
    public async Task A_signed_out_visitor_signs_in_from_the_occurrence_registers_sees_the_status_and_cancels_on_my_page()
    {
        var start = await NextOccurrenceAsync(DemoAgenda.Cooking);
        var path = $"/activiteiten/{DemoAgenda.Cooking}/{start}";
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site()}{path}");
        Assert.Equal("Samen koken in De Geus", (await page.InnerTextAsync("h1")).Trim());
        await Axe.AssertNoViolationsAsync(page);

        // Signed out: the page sends to sign in and back to the same occurrence.
        await page.GetByRole(AriaRole.Link, new() { Name = "Log in om u aan te melden" }).ClickAsync();
        await page.Locator("#email").FillAsync(Demo.Resident);
        await page.Locator("#password").FillAsync(Demo.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}{path}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}{path}?gelukt=registered");
        Assert.Contains("U bent aangemeld. Uw code bij de deur:", await page.InnerTextAsync("#my-status"), StringComparison.Ordinal);
        Assert.Contains("1 van 12 bezet", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // Mijn buurt lists it, with its cancel button; cancelling there frees the place.
        await page.GotoAsync($"{platform.Site()}/mijn-buurt");
        var card = page.Locator("#my-registrations ~ ul li", new() { HasText = "Samen koken in De Geus" });
        Assert.Contains("U bent aangemeld", await card.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await card.GetByRole(AriaRole.Button, new() { Name = "Afmelden voor Samen koken in De Geus" }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/mijn-buurt?gelukt=cancelled");
        Assert.Contains("U bent afgemeld.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync($"{platform.Site()}{path}?lang=en");
        Assert.Contains("0 of 12 taken", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Booking_an_office_hour_names_the_missing_fields_says_when_the_slot_was_just_taken_and_confirms_with_an_ics()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/spreekuren/{DemoAgenda.AldermanOfficeHour}");
        Assert.Equal("Spreekuur wijkwethouder Peter Bakker", (await page.InnerTextAsync("h1")).Trim());
        await Axe.AssertNoViolationsAsync(page);

        // Step 1, a day; step 2, sent empty: both fields named, at the fields and in the summary.
        await page.Locator(".buurt-days a").First.ClickAsync();
        await page.WaitForSelectorAsync("#start");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak maken" }).ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Contains("Kies een tijd.", await page.InnerTextAsync("#start-error"), StringComparison.Ordinal);
        Assert.Contains("Vul onderwerp in.", await page.InnerTextAsync("#topic-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // Someone else books the chosen slot first: the page says so, shows the slots again and keeps what was typed.
        var slot = await page.Locator("#start").GetAttributeAsync("value");
        await page.Locator("#start").CheckAsync();
        await page.Locator("#topic").FillAsync("Groen in de straat");
        await page.Locator("#question").FillAsync("Mogen er bomen bij?");
        using (var other = await platform.SignedInAsync(Demo.ResidentOost))
        {
            var taken = await other.PostAsJsonAsync("/api/calendar/v1/bookings", new { officeHourId = DemoAgenda.AldermanOfficeHour, start = slot, topic = "Verkeer" });
            Assert.True(taken.IsSuccessStatusCode, await taken.Content.ReadAsStringAsync());
        }
        var refused = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak maken" }).ClickAsync();
        Assert.Equal(409, (await refused).Status);
        Assert.Contains("net door iemand anders geboekt", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        Assert.Equal("Groen in de straat", await page.InputValueAsync("#topic"));
        Assert.Equal("Mogen er bomen bij?", await page.InputValueAsync("#question"));
        Assert.Equal(0, await page.Locator($"input[name=start][value=\"{slot}\"]").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // Another time: booked, confirmed, the .ics for the calendar app.
        await page.Locator("input[name=start]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak maken" }).ClickAsync();
        await page.WaitForURLAsync("**/afspraken/*?geboekt=1");
        Assert.Contains("Uw afspraak is gemaakt", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Groen in de straat", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("Bevestigd", (await page.InnerTextAsync("#booking-status")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        // Fetched by the page itself (with the session's cookie), as the link would download it.
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Zet de afspraak in uw agenda (.ics)" }).GetAttributeAsync("href");
        var calendar = await page.EvaluateAsync<string>("async href => { const r = await fetch(href); return r.status + ' ' + r.headers.get('content-type') + '\\n' + await r.text(); }", href);
        Assert.StartsWith("200 text/calendar", calendar, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", calendar, StringComparison.Ordinal);
        Assert.Contains("Groen in de straat", calendar, StringComparison.Ordinal);

        // Cancelled from its page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak afzeggen" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#booking-status')?.textContent.trim() === 'Afgezegd'");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task My_page_lists_my_initiative_with_its_answer_date_and_makes_a_private_feed_that_works()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: "/mijn-buurt");
        var row = page.Locator("tr", new() { HasText = "Bankje bij de speeltuin" }).First;
        Assert.Contains("Ingediend", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(@"\d{1,2} \w+ \d{4}", await row.Locator("td").Nth(2).InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Maak een nieuw agenda-adres" }).ClickAsync();
        await page.WaitForSelectorAsync("#feed-address");
        var address = (await page.InnerTextAsync("#feed-address")).Trim();
        Assert.StartsWith($"{platform.Site()}/api/calendar/v1/feeds/", address, StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        // The address works without a session (a calendar app has none): through the gateway on the municipality's host.
        var feed = await platform.SiteClient().GetAsync(new Uri(address).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Revoked: the address stops working.
        await page.GetByRole(AriaRole.Button, new() { Name = "Agenda-adres intrekken" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-buurt?gelukt=revoked");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await platform.SiteClient().GetAsync(new Uri(address).PathAndQuery)).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_of_the_wijk_supports_an_initiative_and_the_count_goes_up_once()
    {
        var initiative = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/initiatives/{platform.InitiativeId}");
        var before = initiative.GetProperty("supportCount").GetInt32();
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/initiatieven/{platform.InitiativeId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ik steun dit initiatief" }).ClickAsync();
        await page.WaitForURLAsync($"**/initiatieven/{platform.InitiativeId}?steun=1#support");
        Assert.Equal($"{before + 1} keer gesteund", (await page.InnerTextAsync("#support-count")).Trim());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Ik steun dit initiatief" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // Taken back: the count is as before.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn steun intrekken" }).ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('#support-count')?.textContent.trim() === '{before} keer gesteund'");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Forms_post_without_script_and_refuse_a_post_without_the_antiforgery_token()
    {
        var start = await NextOccurrenceAsync(DemoAgenda.Cooking);
        using var site = platform.SiteClient();
        var refused = await site.PostAsync($"/activiteiten/{DemoAgenda.Cooking}/{start}", new FormUrlEncodedContent([KeyValuePair.Create("_handler", "register")]));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await site.GetStringAsync($"/activiteiten/{DemoAgenda.Cooking}/{start}");
        Assert.Contains("0 van 12 bezet", page, StringComparison.Ordinal);
    }

    /// <summary>The original local start of the activity's next occurrence more than a day ahead.</summary>
    private async Task<string> NextOccurrenceAsync(Guid activity)
    {
        var today = DateTime.UtcNow.Date;
        var page = await platform.Client().GetFromJsonAsync<JsonElement>(
            $"/api/calendar/v1/activities/{activity}/occurrences?from={today.AddDays(2):yyyy-MM-dd}&to={today.AddDays(30):yyyy-MM-dd}");
        return page.GetProperty("items")[0].GetProperty("occurrenceStart").GetString()!;
    }
}
