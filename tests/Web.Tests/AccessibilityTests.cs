using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>Every page in both languages, signed out and signed in, and forms with their errors shown: 0 axe violations (WCAG 2.1 AA).</summary>
[Collection(WebCollection.Name)]
public sealed class AccessibilityTests(WebPlatform platform)
{
    /// <summary>Every public page (the initiative's id is filled in by the test).</summary>
    public static TheoryData<string, string> PublicPages() => InBothLanguages(
        "/", $"/wijken/{Demo.Zuid}", "/initiatieven", $"/initiatieven?wijk={Demo.Zuid}&thema=fysiek", "/initiatieven/{initiative}",
        "/agenda", $"/agenda?wijk={Demo.Zuid}", "/wie", "/wie?onderwerp=groen&postcode=1221", "/toegankelijkheid", "/bestaat-niet", "/inloggen/mislukt", "/offline");

    private static TheoryData<string, string> InBothLanguages(params string[] paths)
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "nl", "en" })
        {
            foreach (var path in paths)
            {
                data.Add(language, path);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_page_signed_out_has_no_violations(string language, string path)
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site()}{Path(path)}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}lang={language}");

        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Every_page_signed_in_and_the_forms_with_their_errors_have_no_violations(string language)
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/?lang={language}");
        foreach (var path in new[] { "/", $"/wijken/{Demo.Zuid}", "/initiatieven", $"/initiatieven/{platform.InitiativeId}", "/initiatieven/nieuw", "/agenda", "/wie", "/toegankelijkheid",
            "/mijn-buurt/meldingen", "/mijn-buurt/instellingen" })
        {
            await page.GotoAsync($"{platform.Site()}{path}");
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await Axe.AssertNoViolationsAsync(page);
        }

        // The initiative form sent empty: the summary takes the focus, every field says what is wrong.
        await page.GotoAsync($"{platform.Site()}/initiatieven/nieuw");
        await page.Locator("form.buurt-form button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#title", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);

        // The postcode search with an error.
        await page.GotoAsync($"{platform.Site()}/?postcode=12");
        Assert.Equal("true", await page.GetAttributeAsync("#postcode", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>The workspace's agenda pages (the occurrence is filled in by the test: the demo cooking's next one).</summary>
    public static TheoryData<string, string> AgendaWorkspacePages() => InBothLanguages(
        $"/werkplek?wijk={Demo.Zuid}", $"/werkplek/agenda?wijk={Demo.Zuid}", $"/werkplek/agenda/activiteiten/{DemoAgenda.Cooking}?wijk={Demo.Zuid}",
        $"/werkplek/agenda/activiteiten/{DemoAgenda.Cooking}/{{cooking}}?wijk={Demo.Zuid}",
        $"/werkplek/agenda/spreekuren/{DemoAgenda.AldermanOfficeHour}?wijk={Demo.Zuid}");

    [Theory]
    [MemberData(nameof(AgendaWorkspacePages))]
    public async Task A_workspace_agenda_page_signed_in_as_the_director_has_no_violations_nor_with_its_form_sent_empty(string language, string path) =>
        await AssertPageAndItsEmptyFormAsync(Demo.Director, language, path.Replace("{cooking}", await NextCookingAsync(), StringComparison.Ordinal));

    /// <summary>The budget controller's pages, this year (the books of the demo) and next year (none yet: the total's form alone).</summary>
    public static TheoryData<string, string> BudgetPages() => InBothLanguages(
        "/werkplek/budget", $"/werkplek/budget?jaar={DateTime.UtcNow.Year + 1}", "/werkplek/budget/betalingen", "/werkplek/budget/wijzigingen",
        "/werkplek/budget/grootboek", $"/werkplek/budget/grootboek?wijk={Demo.Zuid}&soort=allocation");

    [Theory]
    [MemberData(nameof(BudgetPages))]
    public Task A_budget_page_signed_in_as_the_controller_has_no_violations_nor_with_its_form_sent_empty(string language, string path) =>
        AssertPageAndItsEmptyFormAsync(Demo.BudgetController, language, path);

    /// <summary>The page as this user: 200, one h1, no violations; its first form sent empty (where it has one): errors at the fields, still none.</summary>
    private async Task AssertPageAndItsEmptyFormAsync(string user, string language, string path, bool sendForm = true)
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, user, returnUrl: $"/?lang={language}");
        var response = await page.GotoAsync($"{platform.Site()}{path}");
        Assert.Equal(200, response!.Status);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        var form = page.Locator("main form.buurt-form[method=post]").First;
        if (sendForm && await form.CountAsync() == 1)
        {
            foreach (var field in await form.Locator("input[type=text], input[type=date], input[type=time], textarea").AllAsync())
            {
                await field.FillAsync("");
            }
            await form.Locator("button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("#error");
            // The summary takes the focus by script once the page shows: wait for it.
            await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
            await Axe.AssertNoViolationsAsync(page);
        }
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_desk_with_a_recurring_deal_comments_and_polls_and_its_forms_sent_empty_has_no_violations_for_director_and_alderman(string language)
    {
        // An initiative with all the desk shows: a proposed deal with a recurring commitment, a reported and a hidden comment, two polls.
        var id = await platform.SubmitInitiativeAsync($"Toegankelijke balie {Guid.NewGuid():N}"[..28], "Alles op één bureau.", 700m);
        const string api = "/api/initiatives/v1/initiatives";
        using (var director = await platform.SignedInAsync(Demo.Director))
        using (var neighbour = await platform.SignedInAsync(Demo.ResidentOost))
        {
            foreach (var stage in new[] { "internal-check", "reciprocity-talk" })
            {
                (await director.PostAsJsonAsync($"{api}/{id}/status-changes", new { status = stage })).EnsureSuccessStatusCode();
            }
            (await director.PutAsJsonAsync($"{api}/{id}/deal", new
            {
                amount = 700m,
                note = "Afspraken uit het gesprek over wederkerigheid.",
                residentCommitments = new object[] { new { description = "Balie bemensen", owner = "Bewoners", recurrence = new { frequency = "weekly", interval = 2, until = "2027-12-31" } } },
                municipalCommitments = new object[] { new { description = "Balie plaatsen", owner = "Gemeente", dueDate = "2027-02-01" } },
            })).EnsureSuccessStatusCode();
            foreach (var results in new[] { "live", "after-closing" })
            {
                (await director.PostAsJsonAsync($"{api}/{id}/polls",
                    new { question = $"Welke kleur ({results})?", options = new[] { "Rood", "Groen" }, closesAt = DateTimeOffset.UtcNow.AddDays(5), results })).EnsureSuccessStatusCode();
            }
            foreach (var text in new[] { "Dit is reclame.", "Dit is ook reclame." })
            {
                var comment = await (await neighbour.PostAsJsonAsync($"{api}/{id}/comments", new { text })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                (await neighbour.PostAsJsonAsync($"{api}/{id}/comments/{comment.GetProperty("id").GetGuid()}/reports", new { reason = "Reclame" })).EnsureSuccessStatusCode();
                if (text.StartsWith("Dit is ook", StringComparison.Ordinal))
                {
                    (await director.PostAsJsonAsync($"{api}/{id}/comments/{comment.GetProperty("id").GetGuid()}/hide", new { reason = "Reclame" })).EnsureSuccessStatusCode();
                }
            }
        }
        var desk = $"{platform.Site()}/werkplek/initiatieven/{id}?wijk={Demo.Zuid}";

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/?lang={language}");
        await page.GotoAsync(desk);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(2, await page.Locator("#polls ~ .buurt-card").CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        // Each of its forms sent empty: the deal, the poll, hiding a comment; errors at the fields, still no violations.
        foreach (var (form, clear) in new[] { ("form:has(#amount)", "#amount"), ("form:has(#question)", "#question"), ("form:has(input[id^=hide-reason-])", "input[id^=hide-reason-]") })
        {
            await page.GotoAsync(desk);
            await page.Locator(clear).First.FillAsync("");
            await page.Locator($"{form} button[type=submit]").First.ClickAsync();
            await page.WaitForSelectorAsync("#error");
            // The summary takes the focus by script once the page shows: wait for it.
            await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
            await Axe.AssertNoViolationsAsync(page);
        }
        await page.Context.CloseAsync();

        // The alderman's desk: the same, without the director's editors.
        page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Alderman, returnUrl: $"/?lang={language}");
        await page.GotoAsync(desk);
        Assert.Equal(0, await page.Locator("#question").CountAsync());
        Assert.Equal(1, await page.Locator("input[id^=hide-reason-]").CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>The workspace's agenda forms that are not the first of their page: a new office hour, cancelling a whole activity (its reason is required), changing an office hour.</summary>
    public static TheoryData<string, string> LaterAgendaForms()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "nl", "en" })
        {
            data.Add(language, $"/werkplek/agenda?wijk={Demo.Zuid}#office-hour");
            data.Add(language, $"/werkplek/agenda/activiteiten/{DemoAgenda.Cooking}?wijk={Demo.Zuid}#cancel-all");
            data.Add(language, $"/werkplek/agenda/spreekuren/{DemoAgenda.AldermanOfficeHour}?wijk={Demo.Zuid}#change-office-hour");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LaterAgendaForms))]
    public async Task A_later_workspace_agenda_form_sent_empty_has_its_errors_at_the_fields_and_no_violations(string language, string pathAndForm)
    {
        var (path, form) = (pathAndForm.Split('#')[0], pathAndForm.Split('#')[1]);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/?lang={language}");
        await page.GotoAsync($"{platform.Site()}{path}");
        // The form by its Blazor form name (the hidden _handler field).
        var sent = page.Locator($"main form:has(input[name=_handler][value={form}])");
        foreach (var field in await sent.Locator("input[type=text], input[type=date], input[type=time], textarea").AllAsync())
        {
            await field.FillAsync("");
        }
        await sent.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        Assert.True(await page.Locator("[aria-invalid=true]").CountAsync() > 0);
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>The workspace's network, priorities, sorted board (as the director) and settings (as the functional administrator).</summary>
    public static TheoryData<string, string> NetworkAndSettingsPages() => InBothLanguages(
        $"/werkplek/netwerk?wijk={Demo.Zuid}", $"/werkplek/prioriteiten?wijk={Demo.Zuid}",
        $"/werkplek/bord?wijk={Demo.Zuid}&sortering=answer-due", "/werkplek/instellingen",
        "/werkplek/instellingen/gebieden", "/werkplek/instellingen/onderwerpen", "/werkplek/instellingen/medewerkers",
        "/werkplek/instellingen/huisstijl");

    [Theory]
    [MemberData(nameof(NetworkAndSettingsPages))]
    public Task A_workspace_network_priorities_or_settings_page_has_no_violations_nor_with_its_first_form_sent_empty(string language, string path) =>
        // Not the board's form: a row's move has its stage chosen.
        AssertPageAndItsEmptyFormAsync(path.StartsWith("/werkplek/instellingen", StringComparison.Ordinal) ? Demo.Admin : Demo.Director, language, path,
            sendForm: !path.StartsWith("/werkplek/bord", StringComparison.Ordinal));

    /// <summary>The demo cooking's next occurrence, named by its original start as the workspace names it.</summary>
    private async Task<string> NextCookingAsync()
    {
        using var client = platform.Client();
        var occurrences = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/api/calendar/v1/activities/{DemoAgenda.Cooking}/occurrences?from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}&pageSize=1");
        return occurrences.GetProperty("items")[0].GetProperty("occurrenceStart").GetString()!;
    }

    [Fact]
    public async Task The_axe_check_finds_a_violation_when_there_is_one()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site()}/agenda");
        await page.EvaluateAsync("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"nameless\">')");

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.AssertNoViolationsAsync(page));

        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_an_enhanced_navigation_the_title_changes_and_the_focus_is_on_the_h1()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site()}/");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Agenda" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.title.startsWith('Agenda')");

        Assert.Equal("Agenda – Buurt", await page.TitleAsync());
        Assert.Equal("H1", await page.EvaluateAsync<string>("document.activeElement.tagName"));
        Assert.Equal("Agenda", (await page.InnerTextAsync("h1")).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_leads_to_the_main_content()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync($"{platform.Site()}/initiatieven");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Naar de inhoud", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");

        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>The network's listing pages (the demo's Gemeente Hilversum and wijkagent filled in by the test).</summary>
    public static TheoryData<string, string> NetworkDirectoryPages() => InBothLanguages(
        $"/werkplek/netwerk/organisaties?wijk={Demo.Zuid}", $"/werkplek/netwerk/organisaties/{{gemeente}}?wijk={Demo.Zuid}", $"/werkplek/netwerk/personen?wijk={Demo.Zuid}",
        $"/werkplek/netwerk/personen/{{agent}}?wijk={Demo.Zuid}", $"/werkplek/netwerk/controleren?wijk={Demo.Zuid}");

    [Theory]
    [MemberData(nameof(NetworkDirectoryPages))]
    public async Task A_network_listing_page_signed_in_as_the_director_has_no_violations_nor_the_new_organisation_sent_empty(string language, string path)
    {
        path = await DemoListingPathAsync(path);
        // Only the organisations' first form makes something new; elsewhere the first one confirms a listing or removes a point (the class's own tests send those).
        await AssertPageAndItsEmptyFormAsync(Demo.Director, language, path, sendForm: path.StartsWith("/werkplek/netwerk/organisaties?", StringComparison.Ordinal));
    }

    private string Path(string path) => path.Replace("{initiative}", platform.InitiativeId.ToString(), StringComparison.Ordinal);

    /// <summary>The figures (as the director: one wijk; as the administrator: the whole municipality and one wijk) and the budget year's closing confirmation (read only: its form is not sent).</summary>
    public static TheoryData<string, string> FiguresAndClosingPages() => InBothLanguages(
        "director:/werkplek/cijfers", $"director:/werkplek/cijfers?jaar={DateTime.UtcNow.Year - 1}", "admin:/werkplek/cijfers",
        $"admin:/werkplek/cijfers?wijk={Demo.Zuid}", "budget:/werkplek/budget?afsluiten=ja");

    [Theory]
    [MemberData(nameof(FiguresAndClosingPages))]
    public Task A_figures_page_or_the_closing_confirmation_has_no_violations(string language, string userAndPath)
    {
        var (user, path) = (userAndPath.Split(':', 2)[0], userAndPath.Split(':', 2)[1]);
        return AssertPageAndItsEmptyFormAsync(user switch { "admin" => Demo.Admin, "budget" => Demo.BudgetController, _ => Demo.Director }, language, path, sendForm: false);
    }

    /// <summary>The network's listing pages as the functional administrator: an organisation's correction link and ending, a person's GDPR section (the demo's Gemeente Hilversum and wijkagent hold functions: the pages name them instead of the confirmations).</summary>
    public static TheoryData<string, string> AdminNetworkListingPages() => InBothLanguages(
        $"/werkplek/netwerk/organisaties/{{gemeente}}?wijk={Demo.Zuid}&beeindigen=ja", $"/werkplek/netwerk/personen/{{agent}}?wijk={Demo.Zuid}&wissen=ja");

    [Theory]
    [MemberData(nameof(AdminNetworkListingPages))]
    public async Task A_network_listing_page_signed_in_as_the_administrator_has_no_violations(string language, string path)
    {
        path = await DemoListingPathAsync(path);
        await AssertPageAndItsEmptyFormAsync(Demo.Admin, language, path, sendForm: false);
    }

    /// <summary>The path with the demo's Gemeente Hilversum (<c>{gemeente}</c>) and wijkagent (<c>{agent}</c>) filled in.</summary>
    private async Task<string> DemoListingPathAsync(string path)
    {
        using var director = await platform.SignedInAsync(Demo.Director);
        var gemeente = await director.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/contacts/v1/organisations?q=Gemeente Hilversum");
        var agent = await director.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/contacts/v1/people?q=Dennis Kok");
        return path.Replace("{gemeente}", gemeente.GetProperty("items")[0].GetProperty("id").GetString(), StringComparison.Ordinal)
            .Replace("{agent}", agent.GetProperty("items")[0].GetProperty("id").GetString(), StringComparison.Ordinal);
    }
}
