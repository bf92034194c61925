using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contacts.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The network's listings in the workspace through the gateway: the director creates an organisation
/// with a contact point (a bad one said at its field first) and the residents' wijk page shows it with
/// its holder; records a person's consent (a bad phone number first), sees it in the history and
/// withdraws it, each reflected in what anyone sees of the person; verifies a listing nobody confirmed
/// in time and resolves a resident's report; the administrator moves an assignment to another wijk;
/// residents, another wijk's director and another municipality are refused.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StaffNetworkDirectoryTests(WebPlatform platform)
{
    [Fact]
    public async Task The_director_creates_an_organisation_with_a_contact_point_and_the_wijk_page_shows_it_with_its_holder()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (organisation, holder, function) = ($"Aanloophuis {marker}", $"Cor Buurt{marker}", $"coach{marker}");
        // A function of its own (the demo's stay as they are for the other tests).
        using (var admin = await platform.SignedInAsync(Demo.Admin))
        {
            (await admin.PutAsJsonAsync($"/api/contacts/v1/functions/{function}", new { name = $"Buurtcoach {marker}" })).EnsureSuccessStatusCode();
        }
        using var director = await platform.SignedInAsync(Demo.Director);

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/netwerk/organisaties?wijk={Demo.Zuid}");
        Assert.Equal("Organisaties", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("page", await page.GetAttributeAsync("#nav-network", "aria-current"));
        Assert.Equal("page", await page.GetAttributeAsync("#nav-organisations", "aria-current"));

        // Empty: the name and the kind say so; a phone number that is none is the API's error at its field, and nothing is written.
        var register = page.Locator("form:has(#pointValue)");
        await register.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#name", "aria-invalid"));
        Assert.Equal("true", await page.GetAttributeAsync("#kind", "aria-invalid"));
        await page.Locator("#name").FillAsync(organisation);
        await page.SelectOptionAsync("#kind", "social-work");
        await ContactPointForm.SendPhoneThatIsNoneAsync(page);
        Assert.Equal(organisation, await page.InputValueAsync("#name"));
        await Axe.AssertNoViolationsAsync(page);
        Assert.Equal(0, (await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations?q={marker}")).GetProperty("total").GetInt64());

        await page.Locator("#pointValue").FillAsync("035 629 1234");
        await page.Locator("#pointLabel").FillAsync("Inloopspreekuur");
        await page.Locator("form:has(#pointValue) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=aangemaakt*");
        Assert.Equal(organisation, (await page.InnerTextAsync("h1")).Trim());
        Assert.Contains("De organisatie is toegevoegd", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Contains("035 629 1234", await page.InnerTextAsync("section:has(#points) table"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        var organisationId = Guid.Parse(page.Url.Split('?')[0].Split('/')[^1]);

        // A second point: a malformed e-mail address at its field (nothing added), then a good one, in the history of changes.
        await page.SelectOptionAsync("#kind", "email");
        await page.Locator("#value").FillAsync("info-at-aanloophuis");
        await page.Locator("form:has(#value) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#value", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);
        Assert.Single((await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations/{organisationId}")).GetProperty("contactPoints").EnumerateArray());
        await page.Locator("#value").FillAsync($"info-{marker}@aanloophuis.example");
        await page.Locator("form:has(#value) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=toegevoegd*");
        Assert.Contains($"info-{marker}@aanloophuis.example", await page.InnerTextAsync("section:has(#changes) table"), StringComparison.Ordinal);
        Assert.Equal(2, (await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations/{organisationId}")).GetProperty("contactPoints").GetArrayLength());

        // The phone changes: its row's link fills the form in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Wijzigen Inloopspreekuur: 035 629 1234" }).ClickAsync();
        // An enhanced navigation: the address changes first, the page is patched in after.
        await Assertions.Expect(page.Locator("#value")).ToHaveValueAsync("035 629 1234");
        Assert.Equal("phone", await page.InputValueAsync("#kind"));
        await page.Locator("#value").FillAsync("035 629 9999");
        await page.Locator("form:has(#value) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=gewijzigd*");
        var points = await page.InnerTextAsync("section:has(#points) table");
        Assert.Contains("035 629 9999", points, StringComparison.Ordinal);
        Assert.DoesNotContain("035 629 1234", points, StringComparison.Ordinal);

        // Someone of the new organisation takes the new function in Zuid today (the network page's hand-over form).
        await page.GotoAsync($"{platform.Site()}/werkplek/netwerk?wijk={Demo.Zuid}&functie={function}");
        await page.Locator("#personName").FillAsync(holder);
        await page.SelectOptionAsync("#organisationId", organisationId.ToString());
        await page.Locator("form:has(#personName) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=overdracht*");
        Assert.Contains(organisation, await page.Locator("tr", new() { HasText = holder }).InnerTextAsync(), StringComparison.Ordinal);

        // The residents' wijk page, signed out: the holder, the organisation and its public phone.
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/wijken/{Demo.Zuid}");
        var contact = await resident.Locator("li.buurt-card", new() { HasText = holder }).InnerTextAsync();
        Assert.Contains(organisation, contact, StringComparison.Ordinal);
        Assert.Contains("035 629 9999", contact, StringComparison.Ordinal);
        Assert.Contains($"info-{marker}@aanloophuis.example", contact, StringComparison.Ordinal);
        await resident.Context.CloseAsync();

        // The e-mail point removed: gone from the listing, recorded in its history.
        await page.GotoAsync($"{platform.Site()}/werkplek/netwerk/organisaties/{organisationId}?wijk={Demo.Zuid}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwijderen" }).Last.ClickAsync();
        await page.WaitForURLAsync("**gelukt=verwijderd*");
        var listing = await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations/{organisationId}");
        Assert.Equal(["phone"], listing.GetProperty("contactPoints").EnumerateArray().Select(p => p.GetProperty("kind").GetString()));
        // Newest first: the removal (the address before, nothing after).
        var removal = await page.Locator("section:has(#changes) tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.Contains($"info-{marker}@aanloophuis.example", removal[2], StringComparison.Ordinal);
        Assert.Equal("—", removal[3].Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_records_a_consent_sees_it_in_the_history_and_withdraws_it_and_what_anyone_sees_follows()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var director = await platform.SignedInAsync(Demo.Director);
        var created = await director.PostAsJsonAsync("/api/contacts/v1/people", new { name = $"Dirk Toestemming{marker}" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/netwerk/personen?wijk={Demo.Zuid}&q=Toestemming{marker}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Dirk Toestemming{marker}" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Dirk Toestemming{marker}");

        // A phone number that is none: the API's error at the field, nothing added.
        await ContactPointForm.SendPhoneThatIsNoneAsync(page, kind: "kind", value: "value");
        await Axe.AssertNoViolationsAsync(page);
        Assert.Empty((await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/people/{person}")).GetProperty("contactPoints").EnumerateArray());
        await page.Locator("#value").FillAsync("06 1234 5678");
        await page.SelectOptionAsync("#visibility", "public");
        await page.Locator("form:has(#value) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=toegevoegd*");
        // Meant for everyone, shown to the municipality only: no consent yet.
        Assert.Contains("Alleen de gemeente", await page.InnerTextAsync("section:has(#points) table"), StringComparison.Ordinal);
        using var anyone = platform.Client();
        Assert.Empty((await anyone.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/people/{person}")).GetProperty("contactPoints").EnumerateArray());

        // The consent form sent empty: every choice says so.
        await page.Locator("#textVersion").FillAsync("");
        await page.Locator("form:has(#textVersion) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#textVersion", "aria-invalid"));
        Assert.Contains("Kies ten minste één contactgegeven", await page.InnerTextAsync("#contactPointIds-error"), StringComparison.Ordinal);
        Assert.Contains("Kies voor wie", await page.InnerTextAsync("#consentVisibility-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#contactPointIds").CheckAsync();
        await page.Locator("#consentVisibility").CheckAsync();
        await page.Locator("#textVersion").FillAsync("2026-01");
        await page.Locator("form:has(#textVersion) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=toestemming*");
        var history = await page.InnerTextAsync("section:has(#consents) table");
        Assert.Contains("Iedereen", history, StringComparison.Ordinal);
        Assert.Contains("persoonlijk doorgegeven", history, StringComparison.Ordinal);
        Assert.Contains("2026-01", history, StringComparison.Ordinal);
        Assert.Contains("Geldt", history, StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        var shown = (await anyone.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/people/{person}")).GetProperty("contactPoints");
        Assert.Equal("06 1234 5678", Assert.Single(shown.EnumerateArray()).GetProperty("value").GetString());

        // Withdrawn: the history keeps it with its day, and anyone sees nothing from this answer on.
        await page.Locator("section:has(#consents) table button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=ingetrokken*");
        history = await page.InnerTextAsync("section:has(#consents) table");
        Assert.Contains("Ingetrokken op", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Geldt", history, StringComparison.Ordinal);
        Assert.Empty((await anyone.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/people/{person}")).GetProperty("contactPoints").EnumerateArray());
        var records = await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/people/{person}/consents");
        Assert.Equal(["given", "withdrawn"], records.EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Order());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_listing_nobody_confirmed_in_time_is_verified_and_leaves_the_list_and_a_residents_report_is_resolved()
    {
        Platform.SkipWhenRunning("the contacts database (a listing confirmed long ago)");
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var director = await platform.SignedInAsync(Demo.Director);
        var created = await director.PostAsJsonAsync("/api/contacts/v1/organisations", new { name = $"Verouderd {marker}", kind = "resident-group" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisation = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Confirmed long ago (as if registered years back): the longest overdue of the list.
        await using (var scope = platform.Contacts.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Demo.Hilversum);
            await scope.ServiceProvider.GetRequiredService<ContactsDbContext>().Database
                .ExecuteSqlAsync($"UPDATE organisations SET last_verified_at = now() - interval '4000 days' WHERE id = {organisation}");
        }
        using var resident = await platform.SignedInAsync(Demo.Resident);
        (await resident.PostAsJsonAsync("/api/contacts/v1/listing-reports", new { organisationId = organisation, note = $"Opgeheven {marker}" })).EnsureSuccessStatusCode();

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/netwerk/controleren?wijk={Demo.Zuid}");
        Assert.Equal("Te controleren", (await page.InnerTextAsync("h1")).Trim());
        var row = page.Locator($"#l-{organisation:N}");
        Assert.Contains($"Verouderd {marker}", await row.InnerTextAsync(), StringComparison.Ordinal);
        // The longest ago first.
        var confirmed = await page.Locator("section:has(#unverified) tbody tr td:nth-child(3) time").EvaluateAllAsync<string[]>("times => times.map(t => t.getAttribute('datetime'))");
        Assert.Equal(confirmed.Order(StringComparer.Ordinal), confirmed);
        await Axe.AssertNoViolationsAsync(page);

        await row.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=gecontroleerd*");
        Assert.Equal(0, await page.Locator($"#l-{organisation:N}").CountAsync());
        var listing = await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations/{organisation}");
        Assert.True(DateTimeOffset.UtcNow - listing.GetProperty("lastVerifiedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        var unverified = await director.GetFromJsonAsync<JsonElement>("/api/contacts/v1/listings/unverified?pageSize=100");
        Assert.DoesNotContain(unverified.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetGuid() == organisation);

        // The resident's report: without a note it says so at the row's field, then resolved and gone from the open ones.
        var report = page.Locator("section:has(#reports) tr", new() { HasText = $"Opgeheven {marker}" });
        var note = report.Locator("textarea");
        var noteId = await note.GetAttributeAsync("id");
        await report.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync($"[id='{noteId}']", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator($"[id='{noteId}']").FillAsync("Gebeld: de groep is gestopt.");
        await page.Locator("section:has(#reports) tr", new() { HasText = $"Opgeheven {marker}" }).Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=opgelost*");
        Assert.Equal(0, await page.Locator("section:has(#reports) tr", new() { HasText = $"Opgeheven {marker}" }).CountAsync());
        var resolved = await director.GetFromJsonAsync<JsonElement>("/api/contacts/v1/listing-reports?status=resolved&pageSize=100");
        Assert.Contains(resolved.GetProperty("items").EnumerateArray(),
            r => r.GetProperty("listingId").GetGuid() == organisation && r.GetProperty("resolution").GetString() == "Gebeld: de groep is gestopt.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_moves_an_assignment_to_another_wijk_and_the_other_wijks_network_shows_it()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (function, name) = ($"verhuis{marker}", $"Vera Verhuis{marker}");
        using var admin = await platform.SignedInAsync(Demo.Admin);
        (await admin.PutAsJsonAsync($"/api/contacts/v1/functions/{function}", new { name = $"Verhuisfunctie {marker}" })).EnsureSuccessStatusCode();
        var person = (await (await admin.PostAsJsonAsync("/api/contacts/v1/people", new { name })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var organisations = await admin.GetFromJsonAsync<JsonElement>("/api/contacts/v1/organisations?q=Gemeente Hilversum");
        var gemeente = organisations.GetProperty("items")[0].GetProperty("id").GetGuid();
        var assigned = await admin.PostAsJsonAsync("/api/contacts/v1/assignments",
            new { personId = person, organisationId = gemeente, function, areaIds = new[] { Demo.Zuid }, from = "2025-01-01" });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var assignment = (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: $"/werkplek/netwerk?wijk={Demo.Zuid}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Wijken wijzigen Verhuisfunctie {marker} {name}" }).ClickAsync();
        // An enhanced navigation: the address changes first, the page is patched in after.
        await Assertions.Expect(page.Locator("#areas")).ToContainTextAsync(name);
        Assert.True(await page.Locator($"form:has(#areaIds) input[value='{Demo.Zuid}']").IsCheckedAsync());

        // None chosen: said at the field, nothing changed.
        await page.Locator($"form:has(#areaIds) input[value='{Demo.Zuid}']").UncheckAsync();
        await page.Locator("form:has(#areaIds) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("section:has(#areas) fieldset", "aria-invalid"));
        await Axe.AssertNoViolationsAsync(page);
        Assert.Equal([Demo.Zuid], await AreasAsync(admin, assignment));

        await page.Locator($"form:has(#areaIds) input[value='{Demo.Zuid}']").CheckAsync();
        await page.Locator($"form:has(#areaIds) input[value='{Demo.Centrum}']").CheckAsync();
        await page.Locator("form:has(#areaIds) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=wijken*");
        Assert.Contains("De wijken van de functie zijn gewijzigd.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Equal(new[] { Demo.Zuid, Demo.Centrum }.Order(), (await AreasAsync(admin, assignment)).Order());
        await page.GotoAsync($"{platform.Site()}/werkplek/netwerk?wijk={Demo.Centrum}");
        Assert.Contains(name, await page.InnerTextAsync("section:has(#holders) table"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Residents_another_wijks_director_and_another_municipality_are_refused_and_the_alderman_reads_without_forms()
    {
        using var director = await platform.SignedInAsync(Demo.Director);
        var gemeente = (await director.GetFromJsonAsync<JsonElement>("/api/contacts/v1/organisations?q=Gemeente Hilversum")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var agent = (await director.GetFromJsonAsync<JsonElement>("/api/contacts/v1/people?q=Dennis Kok")).GetProperty("items")[0].GetProperty("id").GetGuid();
        string[] paths = ["/werkplek/netwerk/organisaties", $"/werkplek/netwerk/organisaties/{gemeente}", "/werkplek/netwerk/personen",
            $"/werkplek/netwerk/personen/{agent}", "/werkplek/netwerk/controleren"];

        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: "/");
        foreach (var path in paths)
        {
            Assert.Equal((int)HttpStatusCode.Forbidden, (await resident.GotoAsync($"{platform.Site()}{path}"))!.Status);
            Assert.Equal("Geen toegang", (await resident.InnerTextAsync("h1")).Trim());
        }
        await resident.Context.CloseAsync();

        // The director of Zuid in Oost: not theirs; in Zuid no "Wijken wijzigen" (one wijk: nothing to move to).
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/netwerk?wijk={Demo.Zuid}");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Wijken wijzigen") }).CountAsync());
        foreach (var path in paths)
        {
            Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}{path}?wijk={Demo.Oost1221}"))!.Status);
        }
        await page.Context.CloseAsync();

        // The alderman reads the listings; changes, the history of changes and consents are the keepers'.
        var alderman = await platform.NewPageAsync();
        await platform.SignInAsync(alderman, Demo.Alderman, returnUrl: $"/werkplek/netwerk/organisaties/{gemeente}?wijk={Demo.Zuid}");
        Assert.Equal("Gemeente Hilversum", (await alderman.InnerTextAsync("h1")).Trim());
        Assert.Equal(0, await alderman.Locator("main form[method=post]").CountAsync());
        Assert.Equal(0, await alderman.Locator("#changes").CountAsync());
        await alderman.GotoAsync($"{platform.Site()}/werkplek/netwerk/personen/{agent}?wijk={Demo.Zuid}");
        Assert.Equal("Dennis Kok", (await alderman.InnerTextAsync("h1")).Trim());
        Assert.Equal(0, await alderman.Locator("main form[method=post]").CountAsync());
        Assert.Equal(0, await alderman.Locator("#consents").CountAsync());
        await alderman.GotoAsync($"{platform.Site()}/werkplek/netwerk/controleren?wijk={Demo.Zuid}");
        Assert.Equal(0, await alderman.Locator("main form[method=post]").CountAsync());
        await alderman.Context.CloseAsync();

        // Voorbeeldstad's director finds no such organisation or person (the API's 404), and nothing of Hilversum's.
        var other = await platform.NewPageAsync();
        await platform.SignInAsync(other, Demo.VoorbeeldstadDirector, returnUrl: "/werkplek/netwerk/organisaties", tenant: Demo.Voorbeeldstad);
        Assert.DoesNotContain("Gemeente Hilversum", await other.InnerTextAsync("main"), StringComparison.Ordinal);
        foreach (var path in new[] { $"/werkplek/netwerk/organisaties/{gemeente}", $"/werkplek/netwerk/personen/{agent}" })
        {
            Assert.Equal((int)HttpStatusCode.NotFound, (await other.GotoAsync($"{platform.Site(Demo.Voorbeeldstad)}{path}"))!.Status);
            Assert.Equal("Pagina niet gevonden", (await other.InnerTextAsync("h1")).Trim());
        }
        await other.Context.CloseAsync();
    }

    private static async Task<Guid[]> AreasAsync(HttpClient client, Guid assignment) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/assignments/{assignment}")).GetProperty("areaIds").EnumerateArray().Select(a => a.GetGuid())];

    [Fact]
    public async Task The_director_sends_an_organisation_its_correction_link_and_ends_it_once_nobody_holds_a_function_for_it()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var email = $"eind{marker}@example.org";
        using var director = await platform.SignedInAsync(Demo.Director);
        var (organisation, _, assignment) = await HolderAsync($"eind{marker}", $"Els Eind{marker}",
            new { name = $"Eindhuis {marker}", kind = "resident-group", contactPoints = new[] { new { kind = "email", value = email } } });
        var noMail = await CreatedAsync(director, "/api/contacts/v1/organisations", new { name = $"Zonder post {marker}", kind = "resident-group" });

        // Without an e-mail address no link is offered.
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/netwerk/organisaties/{noMail}?wijk={Demo.Zuid}");
        await Assertions.Expect(page.Locator("#no-email")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("form:has(input[name=_handler][value=link])").CountAsync());

        // The correction link: mailed to the organisation's address, the confirmation says until when it works.
        await page.GotoAsync($"{platform.Site()}/werkplek/netwerk/organisaties/{organisation}?wijk={Demo.Zuid}");
        Assert.Contains(email, await page.InnerTextAsync("section:has(#listing-link)"), StringComparison.Ordinal);
        await page.Locator("form:has(input[name=_handler][value=link]) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=link*");
        var until = DateTime.UtcNow.AddDays(28).ToString("d MMMM yyyy", new System.Globalization.CultureInfo("nl-NL"));
        Assert.Contains($"geldig tot en met {until}", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var mail = (await platform.Mail.WaitForAsync(m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase),
            timeout: TimeSpan.FromSeconds(30), what: "the listing's correction link")).Single();
        Assert.Contains("/verification-links/", mail.TextBody, StringComparison.Ordinal);

        // Someone holds a function for it: the holder is named, no way to end it; the assignment ended yesterday: the confirmation first, then the organisation is history.
        Assert.Contains($"Els Eind{marker}", await page.InnerTextAsync("#end-holders"), StringComparison.Ordinal);
        Assert.Contains($"Functie eind{marker}", await page.InnerTextAsync("#end-holders"), StringComparison.Ordinal);
        await ConfirmationOnceTheFunctionEndedAsync(page, director, assignment, "end");
        Assert.EndsWith("beeindigen=ja#end", page.Url, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations/{organisation}")).GetProperty("endedAt").ValueKind);
        await page.Locator("form:has(input[name=_handler][value=end]) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=beeindigd*");
        Assert.Equal("De organisatie is uit het netwerk gehaald.", (await page.InnerTextAsync("#confirmation")).Trim());
        await Assertions.Expect(page.Locator("#ended")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        Assert.NotEqual(JsonValueKind.Null, (await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations/{organisation}")).GetProperty("endedAt").ValueKind);
        Assert.Equal(0, (await director.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/organisations?q=Eindhuis {marker}")).GetProperty("total").GetInt64());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_downloads_a_persons_data_and_erases_them_after_a_confirmation_once_they_hold_no_function()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = ($"Wim Wis{marker}", $"wis{marker}@example.org");
        using var admin = await platform.SignedInAsync(Demo.Admin);
        var (_, person, assignment) = await HolderAsync($"wis{marker}", name, new { name = $"Wisclub {marker}", kind = "resident-group" });
        (await admin.PostAsJsonAsync($"/api/contacts/v1/people/{person}/contact-points", new { kind = "email", value = email })).EnsureSuccessStatusCode();
        var personPage = $"/werkplek/netwerk/personen/{person}?wijk={Demo.Zuid}";

        // The director keeps the network but answers no GDPR request: no section, the download refused.
        var director = await platform.NewPageAsync();
        await platform.SignInAsync(director, Demo.Director, returnUrl: personPage);
        Assert.Equal(name, (await director.InnerTextAsync("h1")).Trim());
        Assert.Equal(0, await director.Locator("#privacy").CountAsync());
        Assert.Equal((int)HttpStatusCode.Forbidden, (await director.GotoAsync($"{platform.Site()}/werkplek/netwerk/personen/{person}/gegevens.json"))!.Status);
        await director.Context.CloseAsync();

        // The export: a JSON file named after the person's id, not stored, with their details.
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: personPage);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        Assert.Equal($"persoon-{person}.json", download.SuggestedFilename);
        var exported = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)).RootElement.GetRawText();
        Assert.Contains(name, exported, StringComparison.Ordinal);
        Assert.Contains(email, exported, StringComparison.Ordinal);
        // The answer's headers, as the page's own request gets them.
        var answer = await page.EvaluateAsync<string[]>($$"""
            async () => {
              const r = await fetch('/werkplek/netwerk/personen/{{person}}/gegevens.json');
              return [String(r.status), r.headers.get('content-type'), r.headers.get('content-disposition'), r.headers.get('cache-control')];
            }
            """);
        Assert.Equal("200", answer[0]);
        Assert.StartsWith("application/json", answer[1], StringComparison.Ordinal);
        Assert.Contains($"persoon-{person}.json", answer[2], StringComparison.Ordinal);
        Assert.Contains("no-store", answer[3], StringComparison.Ordinal);

        // A function today: no erasure offered; the function ended yesterday: the confirmation first, then the person is gone.
        Assert.Contains(name, await page.InnerTextAsync("#erase-blocked"), StringComparison.Ordinal);
        await ConfirmationOnceTheFunctionEndedAsync(page, admin, assignment, "erase");
        Assert.EndsWith("wissen=ja#privacy", page.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/contacts/v1/people/{person}")).StatusCode);
        await page.Locator("form:has(input[name=_handler][value=erase]) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/werkplek/netwerk/personen?*gelukt=gewist*");
        Assert.StartsWith("De persoon is gewist.", (await page.InnerTextAsync("#confirmation")).Trim(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/contacts/v1/people/{person}")).StatusCode);
        await page.GotoAsync($"{platform.Site()}/werkplek/netwerk/personen?wijk={Demo.Zuid}&q=Wis{marker}");
        Assert.Equal(0, await page.Locator("#people li").CountAsync());
        Assert.Equal((int)HttpStatusCode.NotFound, (await page.GotoAsync($"{platform.Site()}{personPage}"))!.Status);
        await page.Context.CloseAsync();
    }

    /// <summary>A function of the test's own, held in Zuid since ten days ago (no end) by a new person for a new organisation: the organisation, the person, the assignment.</summary>
    private async Task<(Guid Organisation, Guid Person, Guid Assignment)> HolderAsync(string function, string person, object organisation)
    {
        using var admin = await platform.SignedInAsync(Demo.Admin);
        (await admin.PutAsJsonAsync($"/api/contacts/v1/functions/{function}", new { name = $"Functie {function}" })).EnsureSuccessStatusCode();
        var organisationId = await CreatedAsync(admin, "/api/contacts/v1/organisations", organisation);
        var personId = await CreatedAsync(admin, "/api/contacts/v1/people", new { name = person });
        var assignment = await CreatedAsync(admin, "/api/contacts/v1/assignments",
            new { personId, organisationId, function, areaIds = new[] { Demo.Zuid }, from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10) });
        return (organisationId, personId, assignment);
    }

    /// <summary>
    /// While the assignment runs the page offers nothing to start (<c>#{what}-start</c>); once it ended
    /// yesterday, the start leads to the confirmation, which says it cannot be undone. No violations in either.
    /// </summary>
    private static async Task ConfirmationOnceTheFunctionEndedAsync(IPage page, HttpClient keeper, Guid assignment, string what)
    {
        Assert.Equal(0, await page.Locator($"#{what}-start").CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        (await keeper.PostAsJsonAsync($"/api/contacts/v1/assignments/{assignment}/end", new { until = yesterday })).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await page.Locator($"#{what}-start").ClickAsync();
        await page.WaitForSelectorAsync($"#{what}-explained");
        Assert.Contains("niet ongedaan", await page.InnerTextAsync($"#{what}-explained"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
    }

    private static async Task<Guid> CreatedAsync(HttpClient client, string path, object body)
    {
        var created = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
