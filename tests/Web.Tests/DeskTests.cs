using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The initiative's desk (/werkplek/initiatieven/{id}) through the gateway: the buurtdeal written and
/// proposed with the keyboard only (a recurring commitment, the note of the reciprocity talk), its
/// field errors; hiding a reported comment and opening a poll, each followed to what the residents
/// then see on the initiative's page. Axe after every change.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DeskTests(WebPlatform platform)
{
    private const string Api = "/api/initiatives/v1/initiatives";

    [Fact]
    public async Task A_director_proposes_a_buurtdeal_with_a_recurring_commitment_with_the_keyboard_only_and_the_residents_see_it()
    {
        var marker = $"Bakken{Guid.NewGuid():N}"[..15];
        var id = await ToReciprocityTalkAsync($"{marker} plantenbakken");
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/initiatieven/{id}?wijk={Demo.Zuid}");

        // The amount, the talk's note, the residents' first row: what, who, no due date, every month until a date.
        await Keys.TabToAsync(page, "", id: "amount");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("750");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("De buren geven de bakken water en houden ze schoon.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Bakken water geven en schoonhouden");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Bewoners Kerkelanden");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("rc-0-due", await ActiveIdAsync(page));
        // Tab goes through the date field's parts (month, day, year) before it leaves.
        await Keys.TabToAsync(page, "", id: "rc-0-repeats");
        // Once, every week, every two weeks, every month.
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        Assert.Equal("monthly-1", await page.InputValueAsync("#rc-0-repeats"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("rc-0-until", await ActiveIdAsync(page));
        await TypeDateAsync(page, new DateOnly(2028, 11, 30));
        Assert.Equal("2028-11-30", await page.InputValueAsync("#rc-0-until"));

        // The municipality's first row, then Enter on the proposal's button.
        await Keys.TabToAsync(page, "", id: "mc-0-description");
        await page.Keyboard.TypeAsync("Vier plantenbakken leveren");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Gemeente, team openbare ruimte");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("mc-0-due", await ActiveIdAsync(page));
        await TypeDateAsync(page, new DateOnly(2027, 3, 1));
        Assert.Equal("2027-03-01", await page.InputValueAsync("#mc-0-due"));
        await Keys.TabToAsync(page, "Buurtdeal voorstellen");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**gelukt=deal*");
        Assert.Contains("De buurtdeal is voorgesteld.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var residents = await page.InnerTextAsync(".buurt-card:has(h3:text-is('Wat de bewoners doen'))");
        Assert.Contains("Bakken water geven en schoonhouden (Bewoners Kerkelanden)", residents, StringComparison.Ordinal);
        Assert.Contains("elke maand, tot en met 30 november 2028", residents, StringComparison.Ordinal);
        Assert.Contains("De buren geven de bakken water", await page.InnerTextAsync("ol.buurt-timeline"), StringComparison.Ordinal);
        // The editor offers the deal again as it stands, rhythm and all.
        Assert.Equal(("monthly-1", "2028-11-30"), (await page.InputValueAsync("#rc-0-repeats"), await page.InputValueAsync("#rc-0-until")));
        await Axe.AssertNoViolationsAsync(page);

        // The residents' page says the same.
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/initiatieven/{id}");
        Assert.Contains("elke maand, tot en met 30 november 2028", await resident.InnerTextAsync("main"), StringComparison.Ordinal);
        await resident.GotoAsync($"{platform.Site()}/initiatieven/{id}?lang=en");
        Assert.Contains("every month, until 30 November 2028", await resident.InnerTextAsync("main"), StringComparison.Ordinal);
        await resident.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_recurring_commitments_errors_land_at_its_fields_the_pages_own_and_the_APIs()
    {
        var id = await ToReciprocityTalkAsync("Buurtmoestuin met rooster");
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/initiatieven/{id}?wijk={Demo.Zuid}");
        await page.Locator("#rc-0-description").FillAsync("Moestuin wieden");
        await page.Locator("#rc-0-owner").FillAsync("Tuinclub");
        await page.Locator("#rc-0-due").FillAsync("2027-06-01");

        // Repeating without an end: the page's own check, at the end date.
        await page.SelectOptionAsync("#rc-0-repeats", "weekly-2");
        await ProposeAsync(page);
        Assert.Contains("tot en met wanneer", await page.InnerTextAsync("[id='rc-0-until-error']"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("[id='rc-0-until']", "aria-invalid"));
        Assert.Equal("weekly-2", await page.InputValueAsync("#rc-0-repeats"));
        await Axe.AssertNoViolationsAsync(page);

        // Ending before the first time: the API's rule (residentCommitments[0].recurrence.until), at the same field.
        await page.Locator("#rc-0-until").FillAsync("2027-05-01");
        await ProposeAsync(page);
        Assert.StartsWith("Afspraak 1 van de bewoners: Herhalen tot en met: A recurrence ends on or after its first occurrence",
            (await page.InnerTextAsync("[id='rc-0-until-error']")).Trim(), StringComparison.Ordinal);
        Assert.Equal("Moestuin wieden", await page.InputValueAsync("#rc-0-description"));
        await Axe.AssertNoViolationsAsync(page);
        using var client = platform.Client();
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("deal").ValueKind);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_posts_news_on_the_desk_an_empty_one_refused_at_the_field_and_the_residents_read_it_as_the_municipalitys()
    {
        var id = await platform.SubmitInitiativeAsync($"Buurtbank {Guid.NewGuid():N}"[..20], "Een bank bij de speeltuin.", 600m);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/initiatieven/{id}?wijk={Demo.Zuid}");
        var send = page.Locator("form:has(#update-text) button[type=submit]");
        await send.ClickAsync();
        await page.WaitForSelectorAsync("#update-text-error");
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#update-text").FillAsync("De gemeente plaatst de bank in april.");
        await send.ClickAsync();
        await page.WaitForURLAsync("**gelukt=bericht*");
        Assert.Contains("Uw bericht is geplaatst.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        await page.Context.CloseAsync();

        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/initiatieven/{id}");
        var newest = resident.Locator("#updates ~ ul li").First;
        Assert.Contains("De gemeente plaatst de bank in april.", await newest.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("De gemeente", await newest.InnerTextAsync(), StringComparison.Ordinal);
        await resident.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reported_comment_is_hidden_on_the_desk_with_a_reason_the_residents_then_see_instead_of_it()
    {
        var id = await platform.SubmitInitiativeAsync($"Jeu de boules {Guid.NewGuid():N}"[..24], "Een baan bij het buurthuis.", 900m);
        var spam = await CommentAsync(id, "Koop goedkope zonnepanelen via mijn site!");
        await CommentAsync(id, "Leuk plan, ik doe mee.");
        using (var reporter = await platform.SignedInAsync(Demo.Resident))
        {
            Assert.True((await reporter.PostAsJsonAsync($"{Api}/{id}/comments/{spam}/reports", new { reason = "Reclame" })).IsSuccessStatusCode);
        }
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek?wijk={Demo.Zuid}");

        // "Today" lists it and leads to the desk, at the comment.
        var row = page.Locator("#reported ~ div table tr", new() { HasText = "zonnepanelen" });
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/werkplek/initiatieven/{id}?wijk={Demo.Zuid}#comment-{spam:N}");
        var comment = page.Locator($"#comment-{spam:N}");
        Assert.Contains("1 keer gemeld", await comment.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("niet gemeld", await page.Locator("li.buurt-card", new() { HasText = "Leuk plan" }).InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // Without a reason: named at its field; with one, hidden.
        // The button names the comment by its start (40 characters).
        var hide = comment.GetByRole(AriaRole.Button, new() { Name = "Verbergen: Koop goedkope zonnepanelen via mijn site…", Exact = true });
        await hide.ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Contains("Geef de reden van verbergen", await page.InnerTextAsync($"#hide-reason-{spam:N}-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator($"#hide-reason-{spam:N}").FillAsync("Reclame hoort hier niet.");
        await hide.ClickAsync();
        await page.WaitForURLAsync("**gelukt=verborgen*");
        Assert.Contains("De reactie is verborgen", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Contains("Deze reactie is verborgen: Reclame hoort hier niet.", await comment.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await comment.Locator("form").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // Gone from today's queue; the residents see the reason, not the text, and the other comment as it was.
        await page.GotoAsync($"{platform.Site()}/werkplek?wijk={Demo.Zuid}");
        Assert.Equal(0, await page.Locator("#reported ~ div table tr", new() { HasText = "zonnepanelen" }).CountAsync());
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/initiatieven/{id}");
        var comments = await resident.InnerTextAsync("#comments ~ ol");
        Assert.Contains("Deze reactie is verborgen: Reclame hoort hier niet.", comments, StringComparison.Ordinal);
        Assert.DoesNotContain("zonnepanelen", comments, StringComparison.Ordinal);
        Assert.Contains("Leuk plan, ik doe mee.", comments, StringComparison.Ordinal);
        await resident.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_director_opens_a_poll_on_the_desk_sees_the_votes_per_option_and_the_residents_vote_on_it()
    {
        var id = await platform.SubmitInitiativeAsync($"Pleintje {Guid.NewGuid():N}"[..20], "Het pleintje opnieuw inrichten.", 2_000m);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/initiatieven/{id}?wijk={Demo.Zuid}");
        Assert.Contains("Nog geen peilingen.", await page.InnerTextAsync("#polls ~ p"), StringComparison.Ordinal);

        // One option and no question: the page's checks at the fields.
        await page.Locator("#options").FillAsync("Bankjes");
        await page.Locator("form:has(#question) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Contains("vraag", await page.InnerTextAsync("#question-error"), StringComparison.Ordinal);
        Assert.Contains("2 tot 10 verschillende keuzes", await page.InnerTextAsync("#options-error"), StringComparison.Ordinal);
        Assert.Equal("Bankjes", await page.InputValueAsync("#options"));
        await Axe.AssertNoViolationsAsync(page);

        // Closing yesterday: the API's rule (closesAt) at the closing day.
        await page.Locator("#question").FillAsync("Wat moet er op het pleintje komen?");
        await page.Locator("#options").FillAsync("Bankjes\nBomen\nEen speeltoestel");
        await page.Locator("#closesOn").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("form:has(#question) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.StartsWith("Sluit op: A poll closes in the future", (await page.InnerTextAsync("#closesOn-error")).Trim(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        var closesOn = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("#closesOn").FillAsync(closesOn);
        await page.Locator("#closesTime").FillAsync("18:00");
        await page.Locator("form:has(#question) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=peiling*");
        Assert.Contains("De peiling is gestart", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var poll = page.Locator(".buurt-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Wat moet er op het pleintje komen?" }) });
        Assert.Contains("18:00", await poll.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Aantal stemmen: 0.", await poll.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // A resident of Zuid votes on the initiative's page; the desk counts it per option.
        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: $"/initiatieven/{id}");
        Assert.Contains("Wat moet er op het pleintje komen?", await resident.InnerTextAsync(".buurt-poll"), StringComparison.Ordinal);
        await resident.GetByLabel("Bomen").CheckAsync();
        await resident.Locator(".buurt-poll form button[type=submit]").ClickAsync();
        await resident.WaitForURLAsync("**gestemd=1*");
        Assert.Contains("Bomen: 1 (100%)", await resident.InnerTextAsync(".buurt-poll"), StringComparison.Ordinal);
        await resident.Context.CloseAsync();

        await page.ReloadAsync();
        Assert.Equal(["Bankjes 0", "Bomen 1", "Een speeltoestel 0"],
            (await poll.Locator("tbody tr").AllInnerTextsAsync()).Select(r => string.Join(' ', r.Split('\t', StringSplitOptions.TrimEntries))));
        Assert.Contains("Aantal stemmen: 1.", await poll.InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>A new initiative of Zuid, moved by its director to the reciprocity talk (where the deal is written).</summary>
    private async Task<Guid> ToReciprocityTalkAsync(string title)
    {
        var id = await platform.SubmitInitiativeAsync(title, "Bewoners willen het samen doen.", 800m);
        using var director = await platform.SignedInAsync(Demo.Director);
        foreach (var stage in new[] { "internal-check", "reciprocity-talk" })
        {
            var moved = await director.PostAsJsonAsync($"{Api}/{id}/status-changes", new { status = stage });
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }
        return id;
    }

    private async Task<Guid> CommentAsync(Guid id, string text)
    {
        using var resident = await platform.SignedInAsync(Demo.ResidentOost);
        using var response = await resident.PostAsJsonAsync($"{Api}/{id}/comments", new { text });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static async Task ProposeAsync(IPage page)
    {
        await page.Locator("form:has(#amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("document.activeElement.id");

    /// <summary>Types a date into the focused date field as the browser's (en-US) field takes it: month, day, year.</summary>
    private static Task TypeDateAsync(IPage page, DateOnly date) =>
        page.Keyboard.TypeAsync(date.ToString("MMddyyyy", System.Globalization.CultureInfo.InvariantCulture));
}
