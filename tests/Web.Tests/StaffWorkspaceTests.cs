using System.Net;
using System.Net.Http.Json;
using Buurt.Initiatives.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The district team's workspace (/werkplek) through the gateway: the wijkregisseur of Zuid takes an
/// initiative from submitted to evaluated in the browser (the board, the desk, the buurtdeal, the
/// resident's acceptance in the residents' app), with axe on every page and its answers; who may
/// not come in; switching wijk; moving with the keyboard only.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StaffWorkspaceTests(WebPlatform platform)
{
    [Fact]
    public async Task The_director_takes_an_initiative_from_submitted_to_evaluated_and_the_resident_accepts_the_deal()
    {
        var marker = $"Bankje{Guid.NewGuid():N}"[..16];
        var id = await platform.SubmitInitiativeAsync($"{marker} bij de vijver", "Een bankje om uit te rusten.", 850m);
        // Its answer was due yesterday: "today" puts it first, late.
        await SqlAsync($"UPDATE initiatives SET answer_due_by = current_date - 1 WHERE id = {id}");
        var zuid = Demo.Zuid;
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: "/werkplek");

        // Mijn wijk vandaag: the new initiative, its late answer.
        Assert.Equal("Mijn wijk vandaag: Zuid", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("page", await page.GetAttributeAsync("#nav-werkplek", "aria-current"));
        var answers = page.Locator("#answers ~ div table tr", new() { HasText = marker });
        Assert.Contains("te laat", await answers.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#new ~ div table tr", new() { HasText = marker }).CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // The board, filtered to it: a move the cycle does not allow names the allowed stages at the field.
        await page.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={zuid}&q={marker}");
        Assert.Contains("Ingediend (", await page.InnerTextAsync("nav[aria-label='Fasen van de buurtcyclus']"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        var row = $"{id:N}";
        await page.SelectOptionAsync($"#status-{row}", "in-execution");
        await page.Locator($"#i-{row} button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        var refused = await page.InnerTextAsync($"#status-{row}-error");
        Assert.Contains("Dit kan nu niet. Mogelijk is:", refused, StringComparison.Ordinal);
        Assert.Contains("Interne toets", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("In uitvoering", refused, StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync($"#status-{row}", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);

        // The next stage (offered first) with a note: confirmed, and the timeline has the note.
        await page.SelectOptionAsync($"#status-{row}", "internal-check");
        await page.Locator($"#note-{row}").FillAsync("Wijkteam kijkt mee");
        await page.Locator($"#i-{row} button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/werkplek/bord?*verplaatst={id}*");
        Assert.Contains("Het initiatief staat nu in de fase Interne toets.", await page.InnerTextAsync("#moved"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The desk: on to the reciprocity talk, then the buurtdeal.
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk het initiatief" }).ClickAsync();
        await page.WaitForURLAsync($"**/werkplek/initiatieven/{id}?wijk={zuid}");
        Assert.Contains("Wijkteam kijkt mee", await page.InnerTextAsync("ol.buurt-timeline"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.SelectOptionAsync("#status", "reciprocity-talk");
        await page.Locator("form:has(#status) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=verplaatst*");
        Assert.Equal("Gesprek over wederkerigheid", (await page.InnerTextAsync("#stage")).Trim());

        // A deal without the residents' part: named at the field, what was typed kept.
        await page.Locator("#amount").FillAsync("");
        await page.Locator("#mc-0-description").FillAsync("Bankje plaatsen");
        await page.Locator("form:has(#amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Contains("bedrag uit het wijkbudget", await page.InnerTextAsync("#amount-error"), StringComparison.Ordinal);
        Assert.Contains("wie (eigenaar)", await page.InnerTextAsync("[id='mc-0-owner-error']"), StringComparison.Ordinal);
        Assert.Contains("wederkerigheid", await page.InnerTextAsync("[id='rc-0-description-error']"), StringComparison.Ordinal);
        Assert.Equal("Bankje plaatsen", await page.InputValueAsync("#mc-0-description"));
        await Axe.AssertNoViolationsAsync(page);

        // Written and proposed: the budget reserves the money (over the bus), the director accepts for the municipality.
        await page.Locator("#amount").FillAsync("800");
        await page.Locator("#rc-0-description").FillAsync("Onderhoud en zwerfafval rond het bankje");
        await page.Locator("#rc-0-owner").FillAsync("Bewoners Vijverlaan");
        await page.Locator("#rc-0-due").FillAsync("2027-06-01");
        await page.Locator("#mc-0-owner").FillAsync("Gemeente, team openbare ruimte");
        await page.Locator("#mc-0-due").FillAsync("2027-03-01");
        await page.Locator("form:has(#amount) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=deal*");
        Assert.Contains("De buurtdeal is voorgesteld.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return (await page.InnerTextAsync("#funding")).Contains("gereserveerd", StringComparison.Ordinal);
        }, what: "the budget to reserve the deal's money");
        Assert.Contains("binnen het mandaat van de wijkregisseur", await page.InnerTextAsync("#funding"), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Akkoord namens de gemeente (wijkregisseur)" }).ClickAsync();
        await page.WaitForURLAsync("**gelukt=geaccepteerd*");
        Assert.Contains("Wijkregisseur", await page.InnerTextAsync("#deal-state"), StringComparison.Ordinal);

        // The resident accepts in the residents' app: the deal is closed.
        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: $"/initiatieven/{id}");
        await resident.GetByRole(AriaRole.Button, new() { Name = "Buurtdeal accepteren" }).ClickAsync();
        await resident.WaitForURLAsync(url => url.EndsWith($"/initiatieven/{id}#deal", StringComparison.Ordinal));
        await resident.Context.CloseAsync();
        await page.ReloadAsync();
        Assert.Equal("Buurtdeal gesloten", (await page.InnerTextAsync("#stage")).Trim());
        Assert.Contains("gesloten", await page.InnerTextAsync("#deal-state"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // A commitment past its date shows on "today"; marked done on the desk, it is gone from there.
        await SqlAsync($"UPDATE commitments SET next_due = current_date - 2 WHERE initiative_id = {id} AND description = 'Bankje plaatsen'");
        await page.GotoAsync($"{platform.Site()}/werkplek?wijk={zuid}");
        Assert.Equal(1, await page.Locator("#commitments ~ div table tr", new() { HasText = "Bankje plaatsen" }).CountAsync());
        await page.Locator("#commitments ~ div table tr", new() { HasText = "Bankje plaatsen" }).GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gedaan: Bankje plaatsen" }).ClickAsync();
        await page.WaitForURLAsync("**gelukt=gedaan*");
        Assert.Contains("De afspraak staat op gedaan.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Gedaan: Bankje plaatsen" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        await page.GotoAsync($"{platform.Site()}/werkplek?wijk={zuid}");
        Assert.Equal(0, await page.Locator("#commitments ~ div table tr", new() { HasText = "Bankje plaatsen" }).CountAsync());

        // Executed and completed (with the final cost), evaluated, and on to the last stage.
        await page.GotoAsync($"{platform.Site()}/werkplek/initiatieven/{id}?wijk={zuid}");
        await MoveOnDeskAsync(page, "in-execution");
        await MoveOnDeskAsync(page, "completed", finalCost: "780,00");
        Assert.Equal("Uitgevoerd", (await page.InnerTextAsync("#stage")).Trim());
        await page.Locator("#story").FillAsync("Het bankje staat er en wordt goed gebruikt.");
        foreach (var select in await page.Locator("select[id^=review-]").AllAsync())
        {
            await select.SelectOptionAsync("kept");
        }
        await page.Locator("form:has(#story) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=evaluatie*");
        Assert.Contains("Het bankje staat er", await page.InnerTextAsync("#evaluation-story"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await MoveOnDeskAsync(page, "evaluated");
        Assert.Equal("Geëvalueerd", (await page.InnerTextAsync("#stage")).Trim());
        await Axe.AssertNoViolationsAsync(page);

        // The same desk in English.
        await page.GotoAsync($"{platform.Site()}/werkplek/initiatieven/{id}?wijk={zuid}&lang=en");
        Assert.Equal("Evaluated", (await page.InnerTextAsync("#stage")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_alderman_sees_a_deal_above_the_directors_mandate_waiting_for_them_and_accepts_it_on_the_desk()
    {
        var marker = $"Plein{Guid.NewGuid():N}"[..14];
        var id = await platform.SubmitInitiativeAsync($"{marker} opknappen", "Het plein krijgt bankjes en groen.", 6_000m);
        using var director = await platform.SignedInAsync(Demo.Director);
        foreach (var stage in new[] { "internal-check", "reciprocity-talk" })
        {
            var moved = await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{id}/status-changes", new { status = stage });
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }
        // €6.000: above the director's mandate (€5.000), within the alderman's.
        var proposed = await director.PutAsJsonAsync($"/api/initiatives/v1/initiatives/{id}/deal", new
        {
            amount = 6_000m,
            residentCommitments = new[] { new { description = "Plein schoonhouden", owner = "Bewoners" } },
            municipalCommitments = new[] { new { description = "Bankjes plaatsen", owner = "Gemeente" } },
        });
        Assert.True(proposed.IsSuccessStatusCode, await proposed.Content.ReadAsStringAsync());

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Alderman, returnUrl: "/werkplek");
        Assert.Equal(1, await page.Locator("#nav-werkplek").CountAsync());
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            var waiting = page.Locator("#deals ~ ul li", new() { HasText = marker });
            return await waiting.CountAsync() == 1 && !(await waiting.InnerTextAsync()).Contains("reservering", StringComparison.Ordinal);
        }, what: "the budget to reserve the deal's money");
        Assert.Contains("Wijkwethouder", await page.Locator("#deals ~ ul li", new() { HasText = marker }).InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The board shows it, but no moves: those are the director's.
        await page.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}&q={marker}");
        Assert.Equal(1, await page.Locator(".buurt-board-item").CountAsync());
        Assert.Equal(0, await page.Locator(".buurt-board-item form").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        await page.GotoAsync($"{platform.Site()}/werkplek/initiatieven/{id}?wijk={Demo.Zuid}");
        Assert.Contains("binnen het mandaat van de wijkwethouder", await page.InnerTextAsync("#funding"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#amount").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Akkoord namens de gemeente (wijkwethouder)" }).ClickAsync();
        await page.WaitForURLAsync("**gelukt=geaccepteerd*");
        Assert.Contains("U bent akkoord met de buurtdeal.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.DoesNotContain("nog niet akkoord", await page.Locator("#deal-state div:has(> dt:text-is('Wijkwethouder'))").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Akkoord namens de gemeente (wijkwethouder)" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_the_desk_the_APIs_field_error_lands_at_the_field_and_declining_needs_a_reason_the_residents_then_see()
    {
        var marker = $"Afwijzen{Guid.NewGuid():N}"[..16];
        var id = await platform.SubmitInitiativeAsync($"{marker} parkeerplaats", "Een extra parkeerplaats.", 500m);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/initiatieven/{id}?wijk={Demo.Zuid}");
        await MoveOnDeskAsync(page, "internal-check");

        // €0 passes the page's own check; the API refuses it (400, amount): its words at the amount field.
        await page.Locator("#amount").FillAsync("0");
        await page.Locator("#rc-0-description").FillAsync("Zelf de stoep vegen");
        await page.Locator("#rc-0-owner").FillAsync("Bewoners");
        await page.Locator("form:has(#amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.StartsWith("Bedrag uit het wijkbudget: The amount is more than zero", (await page.InnerTextAsync("#amount-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal("Zelf de stoep vegen", await page.InputValueAsync("#rc-0-description"));
        await Axe.AssertNoViolationsAsync(page);

        // Declining without a reason: named at the reason field; with one, the residents' page shows it.
        await page.SelectOptionAsync("#status", "declined");
        await page.Locator("form:has(#status) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Contains("Geef de reden van afwijzen", await page.InnerTextAsync("#reason-error"), StringComparison.Ordinal);
        Assert.Equal("declined", await page.InputValueAsync("#status"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#reason").FillAsync("Parkeren valt buiten het wijkbudget.");
        await page.Locator("form:has(#status) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=verplaatst*");
        Assert.Equal("Afgewezen", (await page.InnerTextAsync("#stage")).Trim());
        Assert.Equal(0, await page.Locator("#status").CountAsync());
        await page.GotoAsync($"{platform.Site()}/initiatieven/{id}");
        Assert.Contains("Parkeren valt buiten het wijkbudget.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_has_no_werkplek_link_and_gets_403_an_anonymous_visitor_is_sent_to_sign_in()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Resident, returnUrl: "/");
        Assert.Equal(0, await page.Locator("#nav-werkplek").CountAsync());
        foreach (var path in new[]
        {
            "/werkplek", "/werkplek/bord", $"/werkplek/initiatieven/{platform.InitiativeId}", "/werkplek/agenda",
            $"/werkplek/agenda/activiteiten/{DemoAgenda.Cooking}", $"/werkplek/agenda/spreekuren/{DemoAgenda.AldermanOfficeHour}",
        })
        {
            var response = await page.GotoAsync($"{platform.Site()}{path}");
            Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
            Assert.Equal("Geen toegang", (await page.InnerTextAsync("h1")).Trim());
            await Axe.AssertNoViolationsAsync(page);
        }
        await page.Context.CloseAsync();

        using var anonymous = platform.SiteClient();
        var signIn = await anonymous.GetAsync("/werkplek/bord");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/connect/authorize", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_director_of_Zuid_gets_403_for_another_wijk_and_its_initiatives()
    {
        var oost = await platform.SubmitInitiativeAsync("Geveltuinen Oost", "Groen aan de gevels.", 300m, resident: Demo.ResidentOost, wijk: Demo.Oost1221);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: "/werkplek");

        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}/werkplek?wijk={Demo.Oost1221}"))!.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}/werkplek/initiatieven/{oost}"))!.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}/werkplek/agenda?wijk={Demo.Oost1221}"))!.Status);
        Assert.Equal("Geen toegang", (await page.InnerTextAsync("h1")).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_director_of_two_wijken_switches_wijk_in_one_click_and_the_wijk_is_in_the_url()
    {
        var email = $"regisseur.{Guid.NewGuid():N}@hilversum.example";
        using var admin = await platform.SignedInAsync(Demo.Admin);
        var created = await admin.PostAsJsonAsync("/api/identity/v1/users",
            new { email, displayName = "Twee Wijken", role = "director", wijken = new[] { Demo.Zuid, Demo.Centrum } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = await platform.Identity.CodeMailedToAsync(email);
        var confirmed = await platform.Client().PostAsJsonAsync("/api/identity/v1/password-resets/confirm", new { email, token = code, password = Demo.Password });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, email, returnUrl: "/werkplek/bord");
        // It starts in one of the two; the other is one link away.
        var first = (await page.InnerTextAsync("h1")).Trim();
        Assert.Contains(first, new[] { "Het bord: Zuid", "Het bord: Centrum" });
        var (other, otherId) = first.EndsWith("Zuid", StringComparison.Ordinal) ? ("Centrum", Demo.Centrum) : ("Zuid", Demo.Zuid);
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#wijk-switch").GetByRole(AriaRole.Link, new() { Name = other }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/werkplek/bord?wijk={otherId}");
        // An enhanced navigation: the address changes first, the page is patched in after.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Het bord: {other}");
        Assert.Equal("page", await page.Locator("#wijk-switch").GetByRole(AriaRole.Link, new() { Name = other }).GetAttributeAsync("aria-current"));
        await page.GotoAsync($"{platform.Site()}/werkplek?wijk={otherId}");
        Assert.Equal($"Mijn wijk vandaag: {other}", (await page.InnerTextAsync("h1")).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_moves_an_initiative_on_the_board_with_the_keyboard_only()
    {
        var marker = $"Toets{Guid.NewGuid():N}"[..14];
        var id = await platform.SubmitInitiativeAsync($"{marker} plantenbakken", "Vier bakken met bloemen.", 400m);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/bord?wijk={Demo.Zuid}&q={marker}");

        // The row's stage field (the next stage is offered first), a note, Enter on its button.
        await Keys.TabToAsync(page, "", id: $"status-{id:N}");
        Assert.Equal("internal-check", await page.InputValueAsync($"#status-{id:N}"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Past in het wijkplan");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Verplaatsen", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync($"**verplaatst={id}*");
        Assert.Contains("Interne toets", await page.InnerTextAsync("#moved"), StringComparison.Ordinal);
        // The confirmation's link to the initiative is reachable by Tab too.
        await Keys.TabToAsync(page, "Bekijk het initiatief");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/werkplek/initiatieven/{id}?*");
        Assert.Contains("Past in het wijkplan", await page.InnerTextAsync("ol.buurt-timeline"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static async Task MoveOnDeskAsync(IPage page, string status, string? finalCost = null)
    {
        await page.SelectOptionAsync("#status", status);
        if (finalCost is not null)
        {
            await page.Locator("#finalCost").FillAsync(finalCost);
        }
        await page.Locator("form:has(#status) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=verplaatst*");
    }

    private async Task SqlAsync(FormattableString sql)
    {
        await using var scope = platform.Initiatives.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Demo.Hilversum);
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<InitiativesDbContext>().Database.ExecuteSqlAsync(sql));
    }
}
