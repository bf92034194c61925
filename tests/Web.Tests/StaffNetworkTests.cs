using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The wijk's network and wijkplan in the workspace through the gateway: the director of Zuid records
/// a hand-over, which the residents' wijk page and "Wie helpt mij?" show the same day; the last day of
/// an assignment; where a topic goes; the functions' own points for the wijk; the wijkplan's priorities; the board sorted and filtered by priority.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StaffNetworkTests(WebPlatform platform)
{
    [Fact]
    public async Task The_director_records_a_hand_over_and_the_wijk_page_and_who_page_name_the_successor_the_same_day()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (predecessor, successor) = ($"Ans Oud{marker}", $"Bas Nieuw{marker}");
        // A woonconsulent of Zuid since last year (the demo has none, so the other tests' contacts stay as they are).
        using var director = await platform.SignedInAsync(Demo.Director);
        var gemeente = await GemeenteAsync(director);
        var person = await director.PostAsJsonAsync("/api/contacts/v1/people", new { name = predecessor });
        Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        var personId = (await person.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var assigned = await director.PostAsJsonAsync("/api/contacts/v1/assignments",
            new { personId, organisationId = gemeente, function = "woonconsulent", areaIds = new[] { Demo.Zuid }, from = "2025-01-01" });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/netwerk?wijk={Demo.Zuid}");
        Assert.Equal("Netwerk van de wijk: Zuid", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("page", await page.GetAttributeAsync("#nav-network", "aria-current"));
        Assert.Contains("Woonconsulent", await page.Locator("table tr", new() { HasText = predecessor }).InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The row's link chooses the function and the holder's organisation; without a successor it says so at the field.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overdragen Woonconsulent" }).ClickAsync();
        // An enhanced navigation: the address changes first, the page is patched in after.
        await Assertions.Expect(page.Locator("#function")).ToHaveValueAsync("woonconsulent");
        await Assertions.Expect(page.Locator("#organisationId")).ToHaveValueAsync(gemeente.ToString());
        await page.Locator("form:has(#personName) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Contains("Kies de opvolger", await page.InnerTextAsync("#personName-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // A new person from today (the date offered): the predecessor ends yesterday.
        await page.Locator("#personName").FillAsync(successor);
        await page.Locator("form:has(#personName) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=overdracht*");
        Assert.Contains("De overdracht is vastgelegd.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var holders = await page.InnerTextAsync("section:has(#holders) table");
        Assert.Contains(successor, holders, StringComparison.Ordinal);
        Assert.DoesNotContain(predecessor, holders, StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // Questions about energie in Zuid go to the woonconsulent.
        await page.SelectOptionAsync("#topic", "energie");
        await page.SelectOptionAsync("#routeFunction", "woonconsulent");
        await page.Locator("form:has(#routeFunction) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=route*");
        var rule = await page.InnerTextAsync("#r-energie");
        Assert.Contains("Woonconsulent", rule, StringComparison.Ordinal);
        Assert.Contains("deze wijk", rule, StringComparison.Ordinal);

        // The residents' side, signed out, the same day: the wijk page's contacts and "Wie helpt mij?".
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/wijken/{Demo.Zuid}");
        var wijkPage = await resident.InnerTextAsync("main");
        Assert.Contains(successor, wijkPage, StringComparison.Ordinal);
        Assert.DoesNotContain(predecessor, wijkPage, StringComparison.Ordinal);
        await resident.GotoAsync($"{platform.Site()}/wie?onderwerp=energie&postcode=1216");
        var who = await resident.InnerTextAsync("main");
        Assert.Contains(successor, who, StringComparison.Ordinal);
        Assert.Contains("Woonconsulent", who, StringComparison.Ordinal);
        await resident.Context.CloseAsync();

        // The successor's last day: before the first is refused at the row's field, a later one is recorded.
        var row = page.Locator("tr", new() { HasText = successor });
        var until = row.Locator("input[type=date]");
        var untilId = await until.GetAttributeAsync("id");
        await until.FillAsync("2020-01-01");
        await row.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync($"[id='{untilId}']", "aria-invalid"));
        Assert.StartsWith("Laatste dag:", (await page.InnerTextAsync($"[id='{untilId}-error']")).Trim(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator($"[id='{untilId}']").FillAsync("2030-12-31");
        await page.Locator("tr", new() { HasText = successor }).Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=beeindigd*");
        Assert.Contains("31 december 2030", await page.Locator("tr", new() { HasText = successor }).InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_alderman_sees_the_network_and_the_priorities_without_forms_and_a_resident_gets_403()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Alderman, returnUrl: $"/werkplek/netwerk?wijk={Demo.Zuid}");
        Assert.Contains("Wijkregisseur", await page.InnerTextAsync("section:has(#holders) table"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main form[method=post]").CountAsync());
        await page.GotoAsync($"{platform.Site()}/werkplek/prioriteiten?wijk={Demo.Zuid}");
        Assert.Equal(0, await page.Locator("main form[method=post]").CountAsync());
        await page.Context.CloseAsync();

        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: "/");
        foreach (var path in new[] { "/werkplek/netwerk", "/werkplek/prioriteiten", "/werkplek/instellingen" })
        {
            Assert.Equal((int)HttpStatusCode.Forbidden, (await resident.GotoAsync($"{platform.Site()}{path}"))!.Status);
            Assert.Equal("Geen toegang", (await resident.InnerTextAsync("h1")).Trim());
        }
        await resident.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_adds_and_changes_a_priority_and_the_board_filters_by_it_and_sorts_by_amount_and_answer_date()
    {
        var marker = $"Prio{Guid.NewGuid():N}"[..12];
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/prioriteiten?wijk={Demo.Zuid}");
        Assert.Equal("Prioriteiten van het wijkplan: Zuid", (await page.InnerTextAsync("h1")).Trim());

        // Empty: every required field says so; a period that ends before it starts is the API's error at the field.
        await page.Locator("form:has(#title) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#title", "aria-invalid"));
        Assert.Equal("true", await page.GetAttributeAsync("#theme", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#title").FillAsync($"{marker} groen");
        await page.Locator("#goal").FillAsync("Meer bomen in de straten.");
        await page.SelectOptionAsync("#theme", "fysiek");
        await page.Locator("#from").FillAsync("2026-01-01");
        await page.Locator("#until").FillAsync("2025-01-01");
        await page.Locator("form:has(#title) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.StartsWith("Geldt tot en met:", (await page.InnerTextAsync("#until-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal($"{marker} groen", await page.InputValueAsync("#title"));
        await page.Locator("#until").FillAsync("2027-12-31");
        await page.Locator("form:has(#title) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=toegevoegd*");
        Assert.Contains("Meer bomen", await page.Locator("tr", new() { HasText = marker }).InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // Changed: its form comes filled in.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Wijzigen {marker} groen" }).ClickAsync();
        // An enhanced navigation: the address changes first, the page is patched in after.
        await Assertions.Expect(page.Locator("#goal")).ToHaveValueAsync("Meer bomen in de straten.");
        await page.Locator("#goal").FillAsync("Twintig nieuwe bomen.");
        await page.Locator("form:has(#title) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=gewijzigd*");
        Assert.Contains("Twintig nieuwe bomen.", await page.Locator("tr", new() { HasText = marker }).InnerTextAsync(), StringComparison.Ordinal);

        // Three initiatives, two under the priority: a small one awaiting an answer, then a large one declined (no answer awaited).
        using var client = await platform.SignedInAsync(Demo.Director);
        var priorities = await client.GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/priorities?areaId={Demo.Zuid}");
        var priority = priorities.EnumerateArray().Single(p => p.GetProperty("title").GetString() == $"{marker} groen").GetProperty("id").GetGuid();
        var small = await SubmitAsync($"{marker} klein", 100m, priority);
        var large = await SubmitAsync($"{marker} groot", 900m, priority);
        await SubmitAsync($"{marker} zonder", 500m, null);
        foreach (var (status, reason) in new[] { ("internal-check", (string?)null), ("declined", "Past niet in het budget.") })
        {
            var moved = await client.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{large}/status-changes", new { status, reason });
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }

        await page.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}&q={marker}");
        Assert.Equal(3, await page.Locator(".buurt-board-item").CountAsync());
        Assert.Contains($"{marker} groen", await page.InnerTextAsync("#prioriteit"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#prioriteit", priority.ToString());
        await page.SelectOptionAsync("#sortering", "amount");
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**sortering=amount*");
        Assert.Equal([$"i-{large:N}", $"i-{small:N}"], await BoardOrderAsync(page));
        await Axe.AssertNoViolationsAsync(page);
        await page.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}&q={marker}&prioriteit={priority}&sortering=answer-due");
        Assert.Equal([$"i-{small:N}", $"i-{large:N}"], await BoardOrderAsync(page));
        Assert.Equal("answer-due", await page.InputValueAsync("#sortering"));
        await page.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}&q={marker}&prioriteit={priority}&sortering=oldest");
        Assert.Equal([$"i-{small:N}", $"i-{large:N}"], await BoardOrderAsync(page));
        await page.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}&q={marker}&prioriteit={priority}&sortering=newest");
        Assert.Equal([$"i-{large:N}", $"i-{small:N}"], await BoardOrderAsync(page));
        await page.Context.CloseAsync();
    }

    private static async Task<string[]> BoardOrderAsync(IPage page) =>
        [.. await Task.WhenAll((await page.Locator(".buurt-board-item").AllAsync()).Select(async item => (await item.GetAttributeAsync("id"))!))];

    private async Task<Guid> SubmitAsync(string title, decimal amount, Guid? priorityId)
    {
        using var resident = await platform.SignedInAsync(Demo.Resident);
        var response = await resident.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title, description = "Voor het wijkplan.", areaId = Demo.Zuid, theme = "fysiek", requestedAmount = amount, priorityId,
        });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, created.ToString());
        return created.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_director_keeps_the_wijks_function_points_and_every_wijks_are_shown_without_removal()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (function, ours, everyWijk) = ($"w-{marker}", $"{marker}-zuid@hilversum.example", $"{marker}-alle@hilversum.example");
        const string Contacts = "/api/contacts/v1";
        // A function of its own (the other tests' contacts stay as they are) with a point for every wijk (the administrator's) and a holder in Zuid.
        using var admin = await platform.SignedInAsync(Demo.Admin);
        (await admin.PutAsJsonAsync($"{Contacts}/functions/{function}", new { name = $"Wijkfunctie {marker}" })).EnsureSuccessStatusCode();
        var adminPoint = await admin.PostAsJsonAsync($"{Contacts}/functions/{function}/contact-points", new { kind = "email", value = everyWijk, visibility = "public" });
        Assert.Equal(HttpStatusCode.Created, adminPoint.StatusCode);
        var adminPointId = (await adminPoint.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var director = await platform.SignedInAsync(Demo.Director);
        var person = await director.PostAsJsonAsync($"{Contacts}/people", new { name = $"Cor Houder{marker}" });
        var personId = (await person.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var assigned = await director.PostAsJsonAsync($"{Contacts}/assignments",
            new { personId, organisationId = await GemeenteAsync(director), function, areaIds = new[] { Demo.Zuid }, from = "2025-01-01" });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/netwerk?wijk={Demo.Zuid}");
        var section = page.Locator("section:has(#function-points)");
        Assert.Equal("Contactpunten van functies in deze wijk", (await page.InnerTextAsync("#function-points")).Trim());
        // Every wijk's point is shown, said to be the administrator's, with nothing to remove.
        var adminRow = section.Locator("tr", new() { HasText = everyWijk });
        Assert.Contains("Alle wijken", await adminRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("alleen de functioneel beheerder", await adminRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await adminRow.Locator("form, button").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // A phone number that is none: contacts' error at the field in Dutch, what was chosen kept, nothing added.
        await page.SelectOptionAsync("#pointFunction", function);
        await ContactPointForm.SendPhoneThatIsNoneAsync(page);
        Assert.Equal(function, await page.InputValueAsync("#pointFunction"));
        Assert.Equal(0, await page.Locator("#pointWijk").CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        Assert.Single((await director.GetFromJsonAsync<JsonElement>($"{Contacts}/functions/{function}/contact-points")).EnumerateArray());

        // A good one: for Zuid, in the list with a removal, and on the residents' wijk page beside the holder.
        await page.SelectOptionAsync("#pointKind", "email");
        await page.Locator("#pointValue").FillAsync(ours);
        await page.Locator("#pointLabel").FillAsync("Mailbox Zuid");
        await page.Locator("form:has(#pointValue) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=contactpunt#*");
        Assert.Contains("Het contactgegeven is toegevoegd.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var ourRow = section.Locator("tr", new() { HasText = ours });
        Assert.Contains("Zuid", await ourRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"Wijkfunctie {marker}", await ourRow.InnerTextAsync(), StringComparison.Ordinal);
        var saved = (await director.GetFromJsonAsync<JsonElement>($"{Contacts}/functions/{function}/contact-points"))
            .EnumerateArray().Single(p => p.GetProperty("value").GetString() == ours);
        Assert.Equal(Demo.Zuid, saved.GetProperty("areaId").GetGuid());
        Assert.Equal("Mailbox Zuid", saved.GetProperty("label").GetString());
        await Axe.AssertNoViolationsAsync(page);
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/wijken/{Demo.Zuid}");
        Assert.Contains(ours, await resident.InnerTextAsync("main"), StringComparison.Ordinal);
        await resident.Context.CloseAsync();

        // Removed: gone from the page and from contacts; every wijk's stays.
        await ourRow.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=contactpunt-verwijderd*");
        Assert.Equal(0, await section.Locator("tr", new() { HasText = ours }).CountAsync());
        var left = await director.GetFromJsonAsync<JsonElement>($"{Contacts}/functions/{function}/contact-points");
        Assert.Equal(everyWijk, Assert.Single(left.EnumerateArray()).GetProperty("value").GetString());

        // Another wijk's network page is not the director's, nor is a point for it.
        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}/werkplek/netwerk?wijk={Demo.Oost1221}"))!.Status);
        var elsewhere = await director.PostAsJsonAsync($"{Contacts}/functions/{function}/contact-points", new { kind = "email", value = ours, areaId = Demo.Oost1221 });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        await page.Context.CloseAsync();
        (await admin.DeleteAsync($"{Contacts}/functions/{function}/contact-points/{adminPointId}")).EnsureSuccessStatusCode();
    }

    private static async Task<Guid> GemeenteAsync(HttpClient client)
    {
        var organisations = await client.GetFromJsonAsync<JsonElement>("/api/contacts/v1/organisations?pageSize=100");
        return organisations.GetProperty("items").EnumerateArray()
            .Single(o => o.GetProperty("name").GetString() == "Gemeente Hilversum").GetProperty("id").GetGuid();
    }
}
