using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The budget controller's screens (/werkplek/budget…) through the gateway: the figures on the
/// screen are the budget API's (both read in the test), a payment recorded with the keyboard only,
/// bad input and the books' refusals at the fields, and nobody else gets in.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BudgetControllerTests(WebPlatform platform)
{
    private const string Budget = "/api/budget/v1";
    private static readonly CultureInfo s_dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Money as the screens write it (Dutch: € 1.250,75).</summary>
    private static string Money(decimal amount) => amount.ToString("C", s_dutch);

    private static int ThisYear => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).Year;

    [Fact]
    public async Task The_controllers_figures_of_the_year_per_wijk_and_per_theme_are_the_budget_apis()
    {
        using var controller = await platform.SignedInAsync(Demo.BudgetController);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.BudgetController, returnUrl: "/");

        // The header's "Werkplek" leads the controller to the budget.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Werkplek" }).ClickAsync();
        await page.WaitForURLAsync("**/werkplek/budget");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Begroting {ThisYear}");
        Assert.Equal("page", await page.GetAttributeAsync("#nav-budget", "aria-current"));

        // Deals of other tests may still be settling over the bus: read both until they agree, then compare every figure.
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return await ScreenMatchesApiAsync(page, controller);
        }, what: "the screen's figures to be the API's");
        await AssertScreenIsApiAsync(page, controller);

        // The chart is an image with a title and a description, a bar per wijk and state; its table has the figures.
        var wijken = (await controller.GetAsync($"{Budget}/budgets/{ThisYear}/areas?pageSize=100").OkAsync()).GetProperty("items").GetArrayLength();
        Assert.Equal("img", await page.GetAttributeAsync("#wijk-chart svg", "role"));
        Assert.Equal($"Geld per wijk in {ThisYear}, per stand", await page.TextContentAsync("#wijk-chart-title"));
        Assert.Contains("dezelfde bedragen", await page.TextContentAsync("#wijk-chart-desc"), StringComparison.Ordinal);
        Assert.Equal(wijken * 5 + 5, await page.Locator("#wijk-chart svg rect").CountAsync());
        Assert.Equal(wijken, await page.Locator("#wijk-chart tbody tr").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // The ledger: as many lines as the API has, the CSV through the web app with the session.
        await page.GetByRole(AriaRole.Link, new() { Name = "Grootboek" }).ClickAsync();
        await page.WaitForURLAsync("**/werkplek/budget/grootboek?jaar=*");
        var total = (await controller.GetAsync($"{Budget}/budgets/{ThisYear}/ledger?pageSize=1").OkAsync()).GetProperty("total").GetInt64();
        Assert.Equal($"{total} regels", (await page.InnerTextAsync("#ledger-count")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("sequence,recorded_at,year,area_id,kind,amount", csv[0], StringComparison.Ordinal);
        Assert.True(csv.Length - 1 >= total, $"the CSV has {csv.Length - 1} lines, the API {total}");
        await page.Context.CloseAsync();
    }

    private static async Task<bool> ScreenMatchesApiAsync(IPage page, HttpClient controller)
    {
        try
        {
            await AssertScreenIsApiAsync(page, controller);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    /// <summary>The year's figures, every wijk's row and every theme's row on the screen, as the API gives them.</summary>
    private static async Task AssertScreenIsApiAsync(IPage page, HttpClient controller)
    {
        var year = await controller.GetAsync($"{Budget}/budgets/{ThisYear}").OkAsync();
        Assert.Equal(Money(year.GetProperty("total").GetDecimal()), await page.InnerTextAsync("#total"));
        Assert.Equal(Money(year.GetProperty("allocatedToWijken").GetDecimal()), await page.InnerTextAsync("#allocated-to-wijken"));
        Assert.Equal(Money(year.GetProperty("unallocated").GetDecimal()), await page.InnerTextAsync("#unallocated"));
        Assert.Equal(Money(year.GetProperty("poolAmended").GetDecimal()), await page.InnerTextAsync("#pool"));

        var areas = (await controller.GetAsync($"{Budget}/budgets/{ThisYear}/areas?pageSize=100").OkAsync()).GetProperty("items").EnumerateArray().ToList();
        decimal Sum(string bucket) => areas.Sum(a => a.GetProperty(bucket).GetDecimal());
        Assert.Equal(Money(Sum("paid")), await page.InnerTextAsync("#sum-paid"));
        Assert.Equal(Money(Sum("available")), await page.InnerTextAsync("#sum-available"));
        foreach (var area in areas)
        {
            var cells = await page.Locator("#wijk-chart tbody tr", new() { Has = page.Locator($"th:text-is('{area.GetProperty("name").GetString()}')") })
                .Locator("td").AllInnerTextsAsync();
            Assert.Equal(
                new[] { area.GetProperty("allocated").GetDecimal() + area.GetProperty("amended").GetDecimal(), area.GetProperty("reserved").GetDecimal(),
                    area.GetProperty("committed").GetDecimal(), area.GetProperty("paid").GetDecimal(), area.GetProperty("available").GetDecimal() }.Select(Money),
                cells.Select(c => c.Trim()));
        }

        var themes = (await controller.GetAsync($"{Budget}/budgets/{ThisYear}/themes").OkAsync()).EnumerateArray().ToList();
        Assert.Equal(themes.Count, await page.Locator("#theme-chart tbody tr").CountAsync());
        foreach (var (theme, row) in themes.Select((t, i) => (t, i)))
        {
            var cells = await page.Locator("#theme-chart tbody tr").Nth(row).Locator("td").AllInnerTextsAsync();
            Assert.Equal(new[] { "amended", "reserved", "committed", "paid" }.Select(b => Money(theme.GetProperty(b).GetDecimal())), cells.Select(c => c.Trim()));
        }
    }

    [Fact]
    public async Task The_controller_records_a_payment_with_the_keyboard_only_and_more_than_is_left_is_refused_at_the_amount()
    {
        var title = $"Bankjes {Guid.NewGuid():N}"[..18];
        using var resident = await platform.SignedInAsync(Demo.Resident);
        using var director = await platform.SignedInAsync(Demo.Director);
        using var controller = await platform.SignedInAsync(Demo.BudgetController);
        var id = await DealAcceptanceTests.ProposedDealAsync(resident, director, title);
        await resident.PostAsync($"/api/initiatives/v1/initiatives/{id}/deal/acceptances", null).OkAsync();
        await director.PostAsync($"/api/initiatives/v1/initiatives/{id}/deal/acceptances", null).OkAsync();
        await Eventually.ValueAsync(() => controller.GetAsync($"{Budget}/reservations/{id}").OkAsync(),
            r => r.GetProperty("status").GetString() == "committed", what: "the deal's money committed");

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.BudgetController, returnUrl: $"/werkplek/budget/betalingen?jaar={ThisYear}");
        var row = page.Locator($"#payable-{id:N}");
        Assert.Equal([title, "Zuid", Money(600m), Money(0m), Money(600m)], (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()));
        await Axe.AssertNoViolationsAsync(page);

        // From the deal's row to the form with the deal chosen; an amount above what is left: the books refuse it, at the amount.
        await Keys.TabToAsync(page, title);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**initiatief={id}*");
        await Assertions.Expect(page.Locator("#initiativeId")).ToHaveValueAsync(id.ToString());
        await Keys.TabToAsync(page, "", id: "amount");
        await page.Keyboard.TypeAsync("600,01");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("F-2026-0412");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Betaling vastleggen", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#error");
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        Assert.Equal($"Dit is meer dan er nog te betalen is: nog {Money(600m)}.", (await page.InnerTextAsync("#amount-error")).Trim());
        Assert.Equal("true", await page.GetAttributeAsync("#amount", "aria-invalid"));
        Assert.Equal("F-2026-0412", await page.InputValueAsync("#reference"));
        Assert.Equal(0, (await controller.GetAsync($"{Budget}/payments?initiativeId={id}").OkAsync()).GetProperty("total").GetInt64());
        await Axe.AssertNoViolationsAsync(page);

        // Corrected with the keyboard: 250 paid, once.
        await Keys.TabToAsync(page, "", id: "amount");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("250");
        await Keys.TabToAsync(page, "Betaling vastleggen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**gelukt=betaald*");
        Assert.Equal($"De betaling van {Money(250m)} voor {title} is vastgelegd.", (await page.InnerTextAsync("#confirmation")).Trim());
        var payments = await controller.GetAsync($"{Budget}/payments?initiativeId={id}").OkAsync();
        Assert.Equal(1, payments.GetProperty("total").GetInt64());
        Assert.Equal(250m, payments.GetProperty("items")[0].GetProperty("amount").GetDecimal());
        Assert.Equal("F-2026-0412", payments.GetProperty("items")[0].GetProperty("reference").GetString());
        Assert.Equal(Money(350m), (await page.Locator($"#payable-{id:N} td").Last.InnerTextAsync()).Trim());
        var paymentId = payments.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Contains(Money(250m), await page.InnerTextAsync($"#payment-{paymentId:N}"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_a_new_year_the_controller_sets_the_total_allocates_amends_and_corrects_with_bad_input_and_refusals_at_the_fields()
    {
        // A year of its own: nothing else in the run books in it.
        var year = ThisYear + 7;
        using var controller = await platform.SignedInAsync(Demo.BudgetController);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.BudgetController, returnUrl: $"/werkplek/budget?jaar={year}");
        Assert.Contains($"Voor {year} is nog geen begroting", await page.InnerTextAsync("#no-budget"), StringComparison.Ordinal);

        // The total: not a number, then 100.000.
        await page.Locator("#total").FillAsync("honderdduizend");
        await page.Locator("form:has(#total) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#total", "aria-invalid"));
        Assert.Equal("honderdduizend", await page.InputValueAsync("#total"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#total").FillAsync("100.000");
        await page.Locator("form:has(#total) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=totaal*");
        Assert.Equal(Money(100_000m), await page.InnerTextAsync("#total"));
        Assert.Equal(100_000m, (await controller.GetAsync($"{Budget}/budgets/{year}").OkAsync()).GetProperty("total").GetDecimal());

        // Zuid's allocation: more than the year has is the books' refusal at the amount; 40.000 is booked.
        await page.SelectOptionAsync("#areaId", Demo.Zuid.ToString());
        await page.Locator("#amount").FillAsync("150.000");
        await page.Locator("form:has(#amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.StartsWith("De begroting laat dit niet toe.", (await page.InnerTextAsync("#amount-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal(Demo.Zuid.ToString(), await page.InputValueAsync("#areaId"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#amount").FillAsync("40.000");
        await page.Locator("#reason").FillAsync("Wijkplan Zuid");
        await page.Locator("form:has(#amount) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=toekenning*");
        Assert.Equal(Money(60_000m), await page.InnerTextAsync("#unallocated"));

        // An amendment: without a reference at its field; with one, earmarked for Zuid's sociaal; the same reference again is refused.
        await page.GetByRole(AriaRole.Link, new() { Name = "Amendementen en besluiten" }).ClickAsync();
        await page.WaitForURLAsync($"**/werkplek/budget/wijzigingen?jaar={year}");
        await Axe.AssertNoViolationsAsync(page);
        var reference = $"A{Guid.NewGuid():N}"[..9];
        await page.Locator("#a-amount").FillAsync("5.000,00");
        await page.Locator("form:has(#a-amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Contains("kenmerk van het amendement", await page.InnerTextAsync("#a-reference-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#a-reference").FillAsync(reference);
        await page.SelectOptionAsync("#a-theme", "sociaal");
        await page.SelectOptionAsync("#a-areaId", Demo.Zuid.ToString());
        await page.Locator("form:has(#a-amount) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=amendement*");
        Assert.Contains(reference, await page.InnerTextAsync("section:has(#amendments) table"), StringComparison.Ordinal);
        await page.Locator("#a-reference").FillAsync(reference);
        await page.Locator("#a-amount").FillAsync("1");
        await page.Locator("form:has(#a-amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#a-reference-error");
        Assert.Contains("is recorded already", await page.InnerTextAsync("#a-reference-error"), StringComparison.Ordinal);

        // A correction: zero is no correction; below zero is the books' refusal; −1.000 of the allocation is booked.
        await page.SelectOptionAsync("#c-areaId", Demo.Zuid.ToString());
        await page.SelectOptionAsync("#c-bucket", "allocated");
        await page.Locator("#c-amount").FillAsync("0");
        await page.Locator("#c-reason").FillAsync("Dubbel geboekt");
        await page.Locator("form:has(#c-amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#c-amount-error");
        Assert.Contains("niet nul", await page.InnerTextAsync("#c-amount-error"), StringComparison.Ordinal);
        await page.Locator("#c-amount").FillAsync("-50.000");
        await page.Locator("form:has(#c-amount) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#c-amount-error");
        Assert.StartsWith("De begroting laat dit niet toe.", (await page.InnerTextAsync("#c-amount-error")).Trim(), StringComparison.Ordinal);
        await page.Locator("#c-amount").FillAsync("-1.000");
        await page.Locator("form:has(#c-amount) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=correctie*");

        // The executive's decision sent empty: every field says so.
        await page.Locator("form:has(#d-reference) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#d-initiativeId", "aria-invalid"));
        Assert.Equal("true", await page.GetAttributeAsync("#d-reference", "aria-invalid"));
        Assert.Equal("true", await page.GetAttributeAsync("#d-maxAmount", "aria-invalid"));

        // The year on the screen is the API's: Zuid 39.000 allocated + 5.000 amended, the theme earmarked.
        var zuid = (await controller.GetAsync($"{Budget}/budgets/{year}/areas?pageSize=100").OkAsync()).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("areaId").GetGuid() == Demo.Zuid);
        Assert.Equal(39_000m, zuid.GetProperty("allocated").GetDecimal());
        Assert.Equal(5_000m, zuid.GetProperty("amended").GetDecimal());
        await page.GotoAsync($"{platform.Site()}/werkplek/budget?jaar={year}");
        Assert.Equal([Money(44_000m), Money(0m), Money(0m), Money(0m), Money(44_000m)],
            (await page.Locator("#wijk-chart tbody tr", new() { Has = page.Locator("th:text-is('Zuid')") }).Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()));
        Assert.Equal([Money(5_000m), Money(0m), Money(0m), Money(0m)],
            (await page.Locator("#theme-chart tbody tr", new() { Has = page.Locator("th:text-is('Sociaal')") }).Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()));
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Demo.Director)]
    [InlineData(Demo.Alderman)]
    [InlineData(Demo.Resident)]
    public async Task Anyone_but_the_controller_gets_403_on_every_budget_page_and_the_export_and_no_link(string email)
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, email, returnUrl: "/");
        Assert.Equal(0, await page.Locator("a[href^='/werkplek/budget']").CountAsync());
        foreach (var path in new[] { "/werkplek/budget", "/werkplek/budget/betalingen", "/werkplek/budget/wijzigingen", "/werkplek/budget/grootboek",
            $"/werkplek/budget/grootboek.csv?jaar={ThisYear}" })
        {
            var response = await page.GotoAsync($"{platform.Site()}{path}");
            Assert.True(response!.Status == (int)HttpStatusCode.Forbidden, $"{path}: {response.Status}");
            if (!path.Contains(".csv", StringComparison.Ordinal))
            {
                Assert.Equal("Geen toegang", (await page.InnerTextAsync("h1")).Trim());
                Assert.Equal(0, await page.Locator("form[method=post] #amount").CountAsync());
            }
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_controller_gets_403_in_the_wijk_workspace_and_an_anonymous_visitor_is_sent_to_sign_in()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.BudgetController, returnUrl: "/");
        var wijk = await page.GotoAsync($"{platform.Site()}/werkplek?wijk={Demo.Zuid}");
        Assert.Equal((int)HttpStatusCode.Forbidden, wijk!.Status);
        await page.Context.CloseAsync();

        using var anonymous = platform.SiteClient();
        var response = await anonymous.GetAsync("/werkplek/budget/betalingen");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/connect/authorize", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_controller_closes_a_year_after_a_confirmation_with_the_carry_over_and_a_second_close_is_refused()
    {
        // A year of its own (and the next one, which the carry-over opens): Zuid 20.000 of which 2.000 reserved, Centrum 6.000.
        var year = ThisYear + 8;
        using var controller = await platform.SignedInAsync(Demo.BudgetController);
        using var admin = await platform.SignedInAsync(Demo.Admin);
        await controller.PutAsJsonAsync($"{Budget}/budgets/{year}", new { total = 50_000m }).OkAsync();
        await controller.PutAsJsonAsync($"{Budget}/budgets/{year}/allocations/{Demo.Zuid}", new { amount = 20_000m }).OkAsync();
        await controller.PutAsJsonAsync($"{Budget}/budgets/{year}/allocations/{Demo.Centrum}", new { amount = 6_000m }).OkAsync();
        await controller.PostAsJsonAsync($"{Budget}/budgets/{year}/corrections",
            new { areaId = Demo.Zuid, bucket = "reserved", amount = 2_000m, reason = "Een deal van vóór het platform" }).OkAsync();
        await admin.PutAsJsonAsync($"{Budget}/settings", new { carryOver = "available" }).OkAsync();
        try
        {
            var page = await platform.NewPageAsync();
            await platform.SignInAsync(page, Demo.BudgetController, returnUrl: $"/werkplek/budget?jaar={year}");
            await page.Locator("#close-start").ClickAsync();
            await page.WaitForURLAsync("**afsluiten=ja*");

            // The confirmation has the API's figures: what is reserved, and per wijk what it carries over.
            var areas = (await controller.GetAsync($"{Budget}/budgets/{year}/areas?pageSize=100").OkAsync()).GetProperty("items").EnumerateArray().ToList();
            var carried = areas.Where(a => a.GetProperty("available").GetDecimal() > 0).ToList();
            Assert.Equal(24_000m, carried.Sum(a => a.GetProperty("available").GetDecimal()));
            Assert.Contains(Money(areas.Sum(a => a.GetProperty("reserved").GetDecimal())), await page.InnerTextAsync("#close-reserved"), StringComparison.Ordinal);
            Assert.Contains($"{Money(24_000m)} gaat naar {year + 1}", await page.InnerTextAsync("#close-carry-over"), StringComparison.Ordinal);
            foreach (var area in carried)
            {
                var row = page.Locator("#close tbody tr", new() { Has = page.Locator($"th:text-is('{area.GetProperty("name").GetString()}')") });
                Assert.Equal(Money(area.GetProperty("available").GetDecimal()), (await row.Locator("td").InnerTextAsync()).Trim());
            }
            Assert.Equal(carried.Count, await page.Locator("#close tbody tr").CountAsync());
            await Axe.AssertNoViolationsAsync(page);

            // A second tab with the same confirmation, sent after the first closed the year.
            var late = await platform.NewPageAsync();
            await platform.SignInAsync(late, Demo.BudgetController, returnUrl: $"/werkplek/budget?jaar={year}&afsluiten=ja");

            await page.GetByRole(AriaRole.Button, new() { Name = $"Jaar {year} definitief afsluiten" }).ClickAsync();
            await page.WaitForURLAsync("**gelukt=afgesloten*");
            Assert.Contains($"Overgedragen naar {year + 1}: {Money(24_000m)}", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
            Assert.Equal("Afgesloten", await page.InnerTextAsync("#closed"));
            Assert.Equal(0, await page.Locator("#close").CountAsync());
            Assert.True((await controller.GetAsync($"{Budget}/budgets/{year}").OkAsync()).GetProperty("closed").GetBoolean());

            var refused = await late.RunAndWaitForResponseAsync(() => late.GetByRole(AriaRole.Button, new() { Name = $"Jaar {year} definitief afsluiten" }).ClickAsync(),
                r => r.Request.Method == "POST");
            Assert.Equal((int)HttpStatusCode.Conflict, refused!.Status);
            Assert.Contains("De begroting laat dit niet toe.", await late.InnerTextAsync("#refusal"), StringComparison.Ordinal);
            Assert.Equal("Afgesloten", await late.InnerTextAsync("#closed"));
            Assert.Equal(0, await late.Locator("#close form").CountAsync());
            await Axe.AssertNoViolationsAsync(late);
            await late.Context.CloseAsync();

            // The next year has the carry-over, as the API says: in total and in each wijk's money.
            var next = await controller.GetAsync($"{Budget}/budgets/{year + 1}").OkAsync();
            Assert.Equal(24_000m, next.GetProperty("carriedOver").GetDecimal());
            await page.GotoAsync($"{platform.Site()}/werkplek/budget?jaar={year + 1}");
            Assert.Equal(Money(next.GetProperty("carriedOver").GetDecimal()), await page.InnerTextAsync("#carried-over"));
            Assert.Equal(Money(18_000m), (await page.Locator("#wijk-chart tbody tr", new() { Has = page.Locator("th:text-is('Zuid')") }).Locator("td").First.InnerTextAsync()).Trim());
            await page.Context.CloseAsync();
        }
        finally
        {
            await admin.PutAsJsonAsync($"{Budget}/settings", new { carryOver = "none" }).OkAsync();
        }
    }
}
