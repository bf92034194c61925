using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The functional administrator's wijken, buurten and postcodes (identity) and functions, topics and
/// routing (contacts) in the workspace, through the gateway: each change seen on the residents' side,
/// identity's and contacts' refusals at the fields with nothing changed. Names carry a marker of
/// their own; the postcodes used (1380–1399) lie outside the demo's.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StaffAreasTests(WebPlatform platform)
{
    private const string AreasPage = "/werkplek/instellingen/gebieden";
    private const string TopicsPage = "/werkplek/instellingen/onderwerpen";

    private static string Marker() => Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    /// <summary>Identity's wijken as the administrator (not a shared cached answer).</summary>
    private async Task<List<JsonElement>> WijkenAsync(string tenant = Demo.Hilversum)
    {
        using var admin = await platform.SignedInAsync(tenant == Demo.Hilversum ? Demo.Admin : Demo.VoorbeeldstadAdmin, tenant);
        return [.. (await admin.GetFromJsonAsync<JsonElement>("/api/identity/v1/areas")).GetProperty("items").EnumerateArray()];
    }

    private async Task<List<(int From, int To, Guid AreaId)>> RangesAsync()
    {
        using var admin = await platform.SignedInAsync(Demo.Admin);
        return [.. (await admin.GetFromJsonAsync<JsonElement>("/api/identity/v1/postcodes")).GetProperty("items").EnumerateArray()
            .Select(r => (r.GetProperty("from").GetInt32(), r.GetProperty("to").GetInt32(), r.GetProperty("areaId").GetGuid()))];
    }

    private static async Task SendAsync(IPage page, string field, string? waitFor = null)
    {
        await page.Locator($"form:has(#{field}) button[type=submit]").ClickAsync();
        if (waitFor is null)
        {
            await page.WaitForSelectorAsync("#error");
        }
        else
        {
            await page.WaitForURLAsync(waitFor);
        }
    }

    [Fact]
    public async Task The_administrator_adds_a_wijk_a_buurt_and_postcodes_and_a_resident_finds_the_wijk_by_its_postcode()
    {
        var marker = Marker();
        var wijkName = $"Testwijk {marker}";
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: "/");
        await page.Locator("#nav-werkplek").ClickAsync();
        await page.Locator("#nav-areas").ClickAsync();
        await page.WaitForURLAsync($"**{AreasPage}*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Wijken en buurten");
        Assert.Contains("1216–1217", await page.InnerTextAsync($"#w-{Demo.Zuid:N}"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // A code the municipality has already: identity's conflict at the code, nothing added.
        await page.Locator("#wijkName").FillAsync(wijkName);
        await page.Locator("#wijkCode").FillAsync("hz");
        await SendAsync(page, "wijkCode");
        Assert.Equal("true", await page.GetAttributeAsync("#wijkCode", "aria-invalid"));
        Assert.Contains("HZ", await page.InnerTextAsync("#wijkCode-error"), StringComparison.Ordinal);
        Assert.Equal(wijkName, await page.InputValueAsync("#wijkName"));
        Assert.DoesNotContain(await WijkenAsync(), w => w.GetProperty("name").GetString() == wijkName);
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#wijkCode").FillAsync($"TW{marker}");
        await SendAsync(page, "wijkCode", "**gelukt=wijk*");
        Assert.Contains("De wijk is toegevoegd.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var wijkId = (await WijkenAsync()).Single(w => w.GetProperty("name").GetString() == wijkName).GetProperty("id").GetGuid();
        Assert.Contains($"TW{marker}", await page.InnerTextAsync($"#w-{wijkId:N}"), StringComparison.Ordinal);

        // A buurt in it.
        await page.SelectOptionAsync("#buurtWijk", new SelectOptionValue { Label = wijkName });
        await page.Locator("#buurtName").FillAsync($"Testbuurt {marker}");
        await page.Locator("#buurtCode").FillAsync($"TB{marker}");
        await SendAsync(page, "buurtCode", "**gelukt=buurt*");
        Assert.Contains($"Testbuurt {marker} (TB{marker})", await page.InnerTextAsync($"#w-{wijkId:N}"), StringComparison.Ordinal);

        // A range ending before its start: identity's error at the end, nothing added; one overlapping Zuid's: at the start.
        await page.SelectOptionAsync("#rangeWijk", new SelectOptionValue { Label = wijkName });
        await page.Locator("#rangeFrom").FillAsync("1391");
        await page.Locator("#rangeTo").FillAsync("1390");
        await SendAsync(page, "rangeTo");
        Assert.Equal("true", await page.GetAttributeAsync("#rangeTo", "aria-invalid"));
        Assert.StartsWith("Tot en met postcode:", (await page.InnerTextAsync("#rangeTo-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal("1390", await page.InputValueAsync("#rangeTo"));
        await Axe.AssertNoViolationsAsync(page);
        Assert.DoesNotContain(await RangesAsync(), r => r.AreaId == wijkId);
        await page.Locator("#rangeFrom").FillAsync("1217");
        await page.Locator("#rangeTo").FillAsync("1390");
        await SendAsync(page, "rangeFrom");
        Assert.Contains("overlap", await page.InnerTextAsync("#rangeFrom-error"), StringComparison.Ordinal);
        Assert.DoesNotContain(await RangesAsync(), r => r.AreaId == wijkId);
        await page.Locator("#rangeFrom").FillAsync("1390");
        await page.Locator("#rangeTo").FillAsync("1391");
        await SendAsync(page, "rangeTo", "**gelukt=postcodes*");
        Assert.Contains("1390–1391", await page.InnerTextAsync($"#w-{wijkId:N}"), StringComparison.Ordinal);
        Assert.Contains((1390, 1391, wijkId), await RangesAsync());

        // One more postcode, then removed again: it finds no wijk on the residents' side.
        await page.SelectOptionAsync("#rangeWijk", new SelectOptionValue { Label = wijkName });
        await page.Locator("#rangeFrom").FillAsync("1392");
        await SendAsync(page, "rangeFrom", "**gelukt=postcodes*");
        Assert.Contains((1392, 1392, wijkId), await RangesAsync());
        await page.Locator("#p-1392 button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=verwijderd*");
        Assert.Equal(0, await page.Locator("#p-1392").CountAsync());
        Assert.DoesNotContain(await RangesAsync(), r => r.From == 1392);
        await Axe.AssertNoViolationsAsync(page);
        var lookup = await platform.NewPageAsync();
        await lookup.GotoAsync($"{platform.Site()}/?postcode=1392");
        Assert.Equal("true", await lookup.GetAttributeAsync("#postcode", "aria-invalid"));
        await lookup.Context.CloseAsync();

        // The buurt renamed from its row's link (the form filled in).
        await page.Locator($"#w-{wijkId:N} li a").ClickAsync();
        await page.WaitForURLAsync("**wijzig=*");
        // An enhanced navigation: the form is filled in once the page is merged.
        await Assertions.Expect(page.Locator("#changeName")).ToHaveValueAsync($"Testbuurt {marker}");
        await Assertions.Expect(page.Locator("#changeCode")).ToHaveValueAsync($"TB{marker}");
        await page.Locator("#changeName").FillAsync($"Andere buurt {marker}");
        await SendAsync(page, "changeName", "**gelukt=gewijzigd*");
        Assert.DoesNotContain("wijzig=", page.Url, StringComparison.Ordinal);
        Assert.Contains($"Andere buurt {marker}", await page.InnerTextAsync($"#w-{wijkId:N}"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();

        // The residents' side: the postcode leads to the new wijk.
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/?postcode=1391");
        await resident.WaitForURLAsync($"**/wijken/{wijkId}");
        await resident.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_imports_a_file_of_areas_and_a_wrong_one_is_refused_at_the_file_with_nothing_changed()
    {
        var marker = Marker();
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: AreasPage);

        // A buurt whose wijk exists nowhere: the row and column named at the file, nothing imported.
        await page.Locator("#importFile").SetInputFilesAsync(new FilePayload
        {
            Name = "gebieden.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"kind,code,name,parent,postcodes\nwijk,TI{marker},Importwijk {marker},,1385\nbuurt,TJ{marker},Importbuurt {marker},ONBEKEND,\n"),
        });
        await SendAsync(page, "importFile");
        Assert.Contains("rows[2].parent", await page.InnerTextAsync("#importFile-error"), StringComparison.Ordinal);
        Assert.DoesNotContain(await WijkenAsync(), w => w.GetProperty("code").GetString() == $"TI{marker}");
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#importFile").SetInputFilesAsync(new FilePayload
        {
            Name = "gebieden.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"kind,code,name,parent,postcodes\nwijk,TI{marker},Importwijk {marker},,1385-1386\nbuurt,TJ{marker},Importbuurt {marker},TI{marker},\n"),
        });
        await SendAsync(page, "importFile", "**gelukt=import*");
        Assert.Contains("2 nieuw, 0 gewijzigd, 0 ongewijzigd, 1 postcodereeksen toegevoegd", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var wijk = (await WijkenAsync()).Single(w => w.GetProperty("code").GetString() == $"TI{marker}");
        Assert.Equal($"Importbuurt {marker}", wijk.GetProperty("buurten")[0].GetProperty("name").GetString());
        Assert.Contains("1385–1386", await page.InnerTextAsync($"#w-{wijk.GetProperty("id").GetGuid():N}"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_defines_a_topic_and_a_function_routes_the_topic_and_residents_ask_about_it_on_the_who_page()
    {
        var marker = Marker().ToLowerInvariant();
        var topicName = $"Onderwerp {marker}";
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: TopicsPage);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Functies en onderwerpen");
        Assert.Contains("Wijkregisseur", await page.InnerTextAsync("#f-wijkregisseur"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // A key contacts does not take, then no theme: its errors at the fields, no topic made.
        await page.Locator("#topicKey").FillAsync("Geen sleutel!");
        await page.Locator("#topicName").FillAsync(topicName);
        await page.SelectOptionAsync("#topicTheme", "sociaal");
        await SendAsync(page, "topicKey");
        Assert.StartsWith("Sleutel van het onderwerp:", (await page.InnerTextAsync("#topicKey-error")).Trim(), StringComparison.Ordinal);
        await page.Locator("#topicKey").FillAsync($"t-{marker}");
        await page.SelectOptionAsync("#topicTheme", "");
        await SendAsync(page, "topicTheme");
        Assert.Equal("true", await page.GetAttributeAsync("#topicTheme", "aria-invalid"));
        Assert.Equal(topicName, await page.InputValueAsync("#topicName"));
        await Axe.AssertNoViolationsAsync(page);
        using (var anyone = platform.Client())
        {
            Assert.DoesNotContain($"t-{marker}", await anyone.GetStringAsync("/api/contacts/v1/topics"), StringComparison.Ordinal);
        }
        await page.SelectOptionAsync("#topicTheme", "sociaal");
        await SendAsync(page, "topicKey", "**gelukt=onderwerp*");
        Assert.Contains(topicName, await page.InnerTextAsync($"#t-t-{marker}"), StringComparison.Ordinal);

        // A function, then renamed from its row.
        await page.Locator("#functionKey").FillAsync($"f-{marker}");
        await page.Locator("#functionName").FillAsync($"Functie {marker}");
        await SendAsync(page, "functionKey", "**gelukt=functie*");
        await page.Locator($"#f-f-{marker} a").ClickAsync();
        await page.WaitForURLAsync("**functie=*");
        await Assertions.Expect(page.Locator("#functionName")).ToHaveValueAsync($"Functie {marker}");
        await page.Locator("#functionName").FillAsync($"Buurtfunctie {marker}");
        await SendAsync(page, "functionKey", "**gelukt=functie*");
        Assert.Contains($"Buurtfunctie {marker}", await page.InnerTextAsync($"#f-f-{marker}"), StringComparison.Ordinal);

        // The topic goes to the wijkregisseur in every wijk.
        await page.SelectOptionAsync("#routeTopic", $"t-{marker}");
        await page.SelectOptionAsync("#routeFunction", "wijkregisseur");
        await SendAsync(page, "routeFunction", "**gelukt=route*");
        var rule = page.Locator("section:has(#routing) tr", new() { HasText = topicName });
        Assert.Contains("Alle wijken", await rule.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Wijkregisseur", await rule.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The residents' "Wie helpt mij?" offers the topic and answers it.
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync($"{platform.Site()}/wie");
        Assert.Equal(1, await resident.Locator($"#onderwerp option[value='t-{marker}']").CountAsync());
        await resident.GotoAsync($"{platform.Site()}/wie?onderwerp=t-{marker}&postcode=1216");
        Assert.Contains($"Over {topicName} in Zuid", await resident.InnerTextAsync("#answer"), StringComparison.Ordinal);
        Assert.Contains("Wijkregisseur", await resident.InnerTextAsync("main"), StringComparison.Ordinal);
        await resident.Context.CloseAsync();

        // The rule removed.
        await rule.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=verwijderd*");
        Assert.Equal(0, await page.Locator("section:has(#routing) tr", new() { HasText = topicName }).CountAsync());
        using (var anyone = platform.Client())
        {
            Assert.DoesNotContain($"t-{marker}", await anyone.GetStringAsync("/api/contacts/v1/routing-rules"), StringComparison.Ordinal);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_director_gets_403_for_the_areas_and_topics_and_no_links_to_them()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek?wijk={Demo.Zuid}");
        Assert.Equal(0, await page.Locator("#nav-areas, #nav-topics").CountAsync());
        foreach (var path in new[] { AreasPage, TopicsPage })
        {
            Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}{path}"))!.Status);
            Assert.Equal(0, await page.Locator("#wijkName, #topicKey").CountAsync());
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Voorbeeldstads_administrator_sees_only_Voorbeeldstads_areas()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.VoorbeeldstadAdmin, returnUrl: AreasPage, tenant: Demo.Voorbeeldstad);
        var table = await page.InnerTextAsync("section:has(#areas) table");
        Assert.Contains("Midden", table, StringComparison.Ordinal);
        Assert.Contains("9991–9993", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Centrum", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Hilversumse Meent", table, StringComparison.Ordinal);
        Assert.DoesNotContain("1216", table, StringComparison.Ordinal);
        Assert.Equal((await WijkenAsync(Demo.Voorbeeldstad)).Count, await page.Locator("section:has(#areas) tbody > tr").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_routes_a_topic_to_an_organisation_and_a_rule_without_a_target_is_refused_at_the_field()
    {
        var marker = Marker().ToLowerInvariant();
        using (var admin = await platform.SignedInAsync(Demo.Admin))
        {
            (await admin.PutAsJsonAsync($"/api/contacts/v1/topics/o-{marker}", new { name = $"Orgonderwerp {marker}", theme = "sociaal" })).EnsureSuccessStatusCode();
        }
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: TopicsPage);

        // Nothing chosen to go to: said at the field, no rule made.
        await page.SelectOptionAsync("#routeTopic", $"o-{marker}");
        await SendAsync(page, "routeFunction");
        Assert.Equal("Kies een functie of een organisatie.", (await page.InnerTextAsync("#routeFunction-error")).Trim());
        Assert.Equal($"o-{marker}", await page.InputValueAsync("#routeTopic"));

        // An organisation of the network, for every wijk.
        var option = page.Locator("#routeFunction option[value^='organisatie:']").First;
        var organisationId = Guid.Parse((await option.GetAttributeAsync("value"))!["organisatie:".Length..]);
        var organisationName = (await option.InnerTextAsync()).Replace("Organisatie: ", "", StringComparison.Ordinal).Trim();
        await page.SelectOptionAsync("#routeFunction", $"organisatie:{organisationId}");
        await SendAsync(page, "routeFunction", "**gelukt=route*");
        var rule = page.Locator("section:has(#routing) tr", new() { HasText = $"Orgonderwerp {marker}" });
        Assert.Contains(organisationName, await rule.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Alle wijken", await rule.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        using (var anyone = platform.Client())
        {
            var rules = await anyone.GetFromJsonAsync<JsonElement>("/api/contacts/v1/routing-rules");
            var saved = rules.EnumerateArray().Single(r => r.GetProperty("topic").GetString() == $"o-{marker}");
            Assert.Equal(organisationId, saved.GetProperty("organisationId").GetGuid());
            Assert.Equal(JsonValueKind.Null, saved.GetProperty("function").ValueKind);
        }
        await rule.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=verwijderd*");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_adds_a_functions_own_contact_point_for_a_wijk_a_missing_value_said_at_the_field_and_removes_it()
    {
        var marker = Marker().ToLowerInvariant();
        using var admin = await platform.SignedInAsync(Demo.Admin);
        (await admin.PutAsJsonAsync($"/api/contacts/v1/functions/c-{marker}", new { name = $"Contactfunctie {marker}" })).EnsureSuccessStatusCode();
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: TopicsPage);

        // No value: said at the field, what was chosen kept, nothing added.
        await page.SelectOptionAsync("#pointFunction", $"c-{marker}");
        await page.SelectOptionAsync("#pointWijk", Demo.Zuid.ToString());
        await page.SelectOptionAsync("#pointKind", "email");
        await SendAsync(page, "pointValue");
        Assert.Equal("true", await page.GetAttributeAsync("#pointValue", "aria-invalid"));
        Assert.Equal($"c-{marker}", await page.InputValueAsync("#pointFunction"));
        await Axe.AssertNoViolationsAsync(page);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/functions/c-{marker}/contact-points")).GetArrayLength());

        await page.Locator("#pointValue").FillAsync($"{marker}@hilversum.example");
        await page.Locator("#pointLabel").FillAsync("Mailbox");
        await SendAsync(page, "pointValue", "**gelukt=contactgegeven*");
        var row = page.Locator("section:has(#function-points) tr", new() { HasText = $"{marker}@hilversum.example" });
        Assert.Contains($"Contactfunctie {marker}", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Zuid", await row.InnerTextAsync(), StringComparison.Ordinal);
        var saved = (await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/functions/c-{marker}/contact-points"))[0];
        Assert.Equal(Demo.Zuid, saved.GetProperty("areaId").GetGuid());
        Assert.Equal("Mailbox", saved.GetProperty("label").GetString());
        await Axe.AssertNoViolationsAsync(page);

        await row.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=contactgegeven-verwijderd*");
        Assert.Equal(0, await page.Locator("section:has(#function-points) tr", new() { HasText = $"{marker}@hilversum.example" }).CountAsync());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/functions/c-{marker}/contact-points")).GetArrayLength());
        await page.Context.CloseAsync();
    }
}
