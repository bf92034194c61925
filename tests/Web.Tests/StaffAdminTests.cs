using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The functional administrator's settings in the workspace (/werkplek/instellingen) through the
/// gateway, and Voorbeeldstad's director and administrator at work on their own host, seeing nothing
/// of Hilversum. The settings changed are set back afterwards: the other tests count on the demo's.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StaffAdminTests(WebPlatform platform)
{
    [Fact]
    public async Task The_administrator_changes_the_mandates_the_promises_and_the_carry_over_with_errors_at_the_fields()
    {
        // A fresh token for every call: on a busy machine the test outlives an access token (70 seconds here).
        async Task<JsonElement> ReadAsync(string path)
        {
            using var api = await platform.SignedInAsync(Demo.Admin);
            return await api.GetFromJsonAsync<JsonElement>(path);
        }
        var settings = await ReadAsync("/api/initiatives/v1/settings");
        var page = await platform.NewPageAsync();
        try
        {
            await platform.SignInAsync(page, Demo.Admin, returnUrl: "/");
            // The header leads the administrator to the settings, the page the workspace's first for them.
            Assert.Equal("/werkplek/instellingen", await page.GetAttributeAsync("#nav-werkplek", "href"));
            await page.Locator("#nav-werkplek").ClickAsync();
            await page.WaitForURLAsync("**/werkplek/instellingen");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Instellingen");
            Assert.Equal("5000,00", await page.InputValueAsync("#mandate-director"));
            await Axe.AssertNoViolationsAsync(page);

            // The mandates: not an amount, then the director's above the alderman's: said at the field, nothing sent.
            await page.Locator("#mandate-director").FillAsync("veel");
            await page.Locator("form:has(#mandate-director) button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("#error");
            Assert.Contains("vul een bedrag in", await page.InnerTextAsync("#mandate-director-error"), StringComparison.Ordinal);
            await page.Locator("#mandate-director").FillAsync("30.000");
            await page.Locator("form:has(#mandate-director) button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("#mandate-director-error");
            Assert.Contains("niet hoger dan dat van de wijkwethouder", await page.InnerTextAsync("#mandate-director-error"), StringComparison.Ordinal);
            Assert.Equal("30.000", await page.InputValueAsync("#mandate-director"));
            await Axe.AssertNoViolationsAsync(page);
            // Both raised above the alderman's old one: sent in the order that keeps the rule.
            await page.Locator("#mandate-director").FillAsync("26.000");
            await page.Locator("#mandate-alderman").FillAsync("€ 40.000,00");
            await page.Locator("form:has(#mandate-director) button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**gelukt=mandaten*");
            Assert.Contains("De mandaten zijn opgeslagen.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
            var mandates = await ReadAsync("/api/budget/v1/mandates");
            Assert.Equal([26_000m, 40_000m], mandates.EnumerateArray().Select(m => m.GetProperty("maxAmount").GetDecimal()).ToArray());

            // The promises: the API's range at the field; a malformed holiday the page's own; then saved.
            await page.Locator("#ratingPeriodDays").FillAsync("0");
            await page.Locator("form:has(#ratingPeriodDays) button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("#error");
            Assert.StartsWith("Dagen om te beoordelen:", (await page.InnerTextAsync("#ratingPeriodDays-error")).Trim(), StringComparison.Ordinal);
            await Axe.AssertNoViolationsAsync(page);
            await page.Locator("#ratingPeriodDays").FillAsync("45");
            await page.Locator("#holidays").FillAsync("2027-04-27\n27-04-2027");
            await page.Locator("form:has(#ratingPeriodDays) button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("#error");
            Assert.Contains("'27-04-2027' is geen datum", await page.InnerTextAsync("#holidays-error"), StringComparison.Ordinal);
            await page.Locator("#holidays").FillAsync("2027-04-27");
            await page.Locator("form:has(#ratingPeriodDays) button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**gelukt=cyclus*");
            var changed = await ReadAsync("/api/initiatives/v1/settings");
            Assert.Equal(45, changed.GetProperty("ratingPeriodDays").GetInt32());
            Assert.Contains("2027-04-27", changed.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
            Assert.Equal(settings.GetProperty("responseDays").ToString(), changed.GetProperty("responseDays").ToString());

            // The carry-over.
            await page.Locator("#carryOver-1").CheckAsync();
            await page.Locator("form:has(#carryOver) button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**gelukt=overhevelen*");
            Assert.Equal("available", (await ReadAsync("/api/budget/v1/settings")).GetProperty("carryOver").GetString());
            Assert.True(await page.IsCheckedAsync("#carryOver-1"));
            await Axe.AssertNoViolationsAsync(page);

            // The same page in English.
            await page.GotoAsync($"{platform.Site()}/werkplek/instellingen?lang=en");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Settings");
            await Axe.AssertNoViolationsAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
            using var admin = await platform.SignedInAsync(Demo.Admin);
            Assert.True((await admin.PutAsJsonAsync("/api/budget/v1/mandates/director", new { maxAmount = 5_000m })).IsSuccessStatusCode);
            Assert.True((await admin.PutAsJsonAsync("/api/budget/v1/mandates/alderman", new { maxAmount = 25_000m })).IsSuccessStatusCode);
            Assert.True((await admin.PutAsJsonAsync("/api/budget/v1/settings", new { carryOver = "none" })).IsSuccessStatusCode);
            Assert.True((await admin.PutAsync("/api/initiatives/v1/settings", JsonContent.Create(settings))).IsSuccessStatusCode);
        }
    }

    [Fact]
    public async Task A_director_gets_403_for_the_settings_and_the_administrator_none_for_the_wijk_pages_they_may_not_use()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: "/");
        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{platform.Site()}/werkplek/instellingen"))!.Status);
        Assert.Equal(0, await page.Locator("#nav-settings").CountAsync());
        await page.Context.CloseAsync();

        // The administrator works municipality-wide: the network of any wijk, but not the wijk staff's today or board.
        var admin = await platform.NewPageAsync();
        await platform.SignInAsync(admin, Demo.Admin, returnUrl: $"/werkplek/netwerk?wijk={Demo.Oost1221}");
        Assert.Equal("Netwerk van de wijk: Oost 1221", (await admin.InnerTextAsync("h1")).Trim());
        Assert.Contains("Jeroen van Dijk", await admin.InnerTextAsync("section:has(#holders) table"), StringComparison.Ordinal);
        Assert.Equal(0, await admin.GetByRole(AriaRole.Link, new() { Name = "Het bord" }).CountAsync());
        Assert.Equal((int)HttpStatusCode.Forbidden, (await admin.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}"))!.Status);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Voorbeeldstads_director_and_administrator_do_their_work_on_their_own_host_and_see_nothing_of_Hilversum()
    {
        const string tenant = Demo.Voorbeeldstad;
        var site = platform.Site(tenant);
        var marker = $"Vbs{Guid.NewGuid():N}"[..11];

        // The director: a priority of the wijkplan of Noord.
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.VoorbeeldstadDirector, returnUrl: "/werkplek/prioriteiten", tenant: tenant);
        var heading = (await page.InnerTextAsync("h1")).Trim();
        Assert.StartsWith("Prioriteiten van het wijkplan: ", heading, StringComparison.Ordinal);
        await page.Locator("#title").FillAsync($"{marker} ontmoeting");
        await page.Locator("#goal").FillAsync("Een plek om elkaar te zien.");
        await page.SelectOptionAsync("#theme", "sociaal");
        await page.Locator("#from").FillAsync("2026-01-01");
        await page.Locator("#until").FillAsync("2026-12-31");
        await page.Locator("form:has(#title) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=toegevoegd*");
        Assert.Contains(marker, await page.InnerTextAsync("main table"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        // Its network: Voorbeeldstad's own municipality, nobody of Hilversum's; Hilversum's wijk is no wijk of theirs.
        await page.GotoAsync($"{site}/werkplek/netwerk?wijk={Demo.VoorbeeldstadNoord}");
        var network = await page.InnerTextAsync("main");
        Assert.Contains("Gemeente Voorbeeldstad", network, StringComparison.Ordinal);
        Assert.DoesNotContain("Hilversum", network, StringComparison.Ordinal);
        Assert.DoesNotContain("Dennis Kok", network, StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"{site}/werkplek/prioriteiten?wijk={Demo.Zuid}"))!.Status);
        await page.Context.CloseAsync();
        using (var hilversum = platform.Client())
        {
            Assert.DoesNotContain(marker, await hilversum.GetStringAsync($"/api/initiatives/v1/priorities?areaId={Demo.VoorbeeldstadNoord}"), StringComparison.Ordinal);
        }

        // The administrator: Voorbeeldstad's director's mandate; Hilversum's stays.
        var admin = await platform.NewPageAsync();
        await platform.SignInAsync(admin, Demo.VoorbeeldstadAdmin, returnUrl: "/werkplek/instellingen", tenant: tenant);
        await admin.Locator("#mandate-director").FillAsync("4.500");
        await admin.Locator("form:has(#mandate-director) button[type=submit]").ClickAsync();
        await admin.WaitForURLAsync("**gelukt=mandaten*");
        await Axe.AssertNoViolationsAsync(admin);
        try
        {
            using var voorbeeldstad = await platform.SignedInAsync(Demo.VoorbeeldstadAdmin, tenant);
            using var hilversumAdmin = await platform.SignedInAsync(Demo.Admin);
            var theirs = await voorbeeldstad.GetFromJsonAsync<JsonElement>("/api/budget/v1/mandates");
            Assert.Equal(4_500m, theirs.EnumerateArray().Single(m => m.GetProperty("role").GetString() == "director").GetProperty("maxAmount").GetDecimal());
            var hilversums = await hilversumAdmin.GetFromJsonAsync<JsonElement>("/api/budget/v1/mandates");
            Assert.Equal(5_000m, hilversums.EnumerateArray().Single(m => m.GetProperty("role").GetString() == "director").GetProperty("maxAmount").GetDecimal());
            // Its wijk switch names Voorbeeldstad's wijken only (it has a Zuid of its own); Hilversum's Zuid is refused.
            await admin.GotoAsync($"{site}/werkplek/netwerk");
            var wijken = await admin.InnerTextAsync("#wijk-switch");
            Assert.Contains("Noord", wijken, StringComparison.Ordinal);
            Assert.DoesNotContain("Oost 1221", wijken, StringComparison.Ordinal);
            Assert.DoesNotContain("Centrum", wijken, StringComparison.Ordinal);
            Assert.Equal((int)HttpStatusCode.Forbidden, (await admin.GotoAsync($"{site}/werkplek/netwerk?wijk={Demo.Zuid}"))!.Status);
        }
        finally
        {
            await admin.Context.CloseAsync();
            using var voorbeeldstad = await platform.SignedInAsync(Demo.VoorbeeldstadAdmin, tenant);
            Assert.True((await voorbeeldstad.PutAsJsonAsync("/api/budget/v1/mandates/director", new { maxAmount = 5_000m })).IsSuccessStatusCode);
        }
    }
}
