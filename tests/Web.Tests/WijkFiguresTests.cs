using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The workspace's figures (/werkplek/cijfers) through the gateway: the charts' tables are the
/// initiatives API's public figures (both read in the test) of the user's wijken — a director's
/// own, the whole municipality for the administrator and the budget controller — per stage, per
/// theme and the answers on time; another wijk is a 403.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WijkFiguresTests(WebPlatform platform)
{
    private const string Statistics = "/api/initiatives/v1/statistics";

    private static int ThisYear => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).Year;

    private static string Count(int value) => value.ToString("#,##0", CultureInfo.GetCultureInfo("nl-NL"));

    [Fact]
    public async Task The_director_sees_the_years_initiatives_of_their_wijk_per_stage_and_theme_and_its_answers_on_time_as_the_api_counts_them()
    {
        await platform.SubmitInitiativeAsync($"Cijfers {Guid.NewGuid():N}"[..20], "Een initiatief om te tellen, in Zuid.", 800m);
        // Signed in, as the page reads them: an anonymous read may be the gateway's shared copy of up to a minute ago.
        using var client = await platform.SignedInAsync(Demo.Director);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek?wijk={Demo.Zuid}");
        await page.Locator("#nav-figures").ClickAsync();
        await page.WaitForURLAsync("**/werkplek/cijfers");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Cijfers {ThisYear}");
        Assert.Equal("page", await page.GetAttributeAsync("#nav-figures", "aria-current"));
        // One wijk: nothing to choose.
        Assert.Equal(0, await page.Locator("#scope").CountAsync());

        await ScreenIsApiAsync(page, client, ThisYear, [Demo.Zuid]);
        Assert.True(await StagesAsync(page) is [> 0, ..], "the new initiative is counted as submitted");

        // The chart is an image with a title and a description; a bar per stage (and the legend's square).
        Assert.Equal("img", await page.GetAttributeAsync("#stage-chart svg", "role"));
        Assert.Equal($"Initiatieven uit {ThisYear} per fase: Zuid", await page.TextContentAsync("#stage-chart-title"));
        Assert.Equal(11, await page.Locator("#stage-chart svg rect").CountAsync());
        Assert.Equal(["Sociaal", "Fysiek", "Veilig"], (await page.Locator("#theme-chart tbody th").AllInnerTextsAsync()).Select(t => t.Trim()));
        await Axe.AssertNoViolationsAsync(page);

        // Last year: the link keeps the page.
        await page.Locator("#years").GetByRole(AriaRole.Link, new() { Name = (ThisYear - 1).ToString(CultureInfo.InvariantCulture) }).ClickAsync();
        await page.WaitForURLAsync($"**jaar={ThisYear - 1}");
        await ScreenIsApiAsync(page, client, ThisYear - 1, [Demo.Zuid]);

        // Another wijk is not theirs: 403, and no figures.
        var other = await page.GotoAsync($"{platform.Site()}/werkplek/cijfers?wijk={Demo.Centrum}");
        Assert.Equal((int)HttpStatusCode.Forbidden, other!.Status);
        Assert.Equal(0, await page.Locator("#stage-chart").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_sees_the_whole_municipality_and_one_wijk_and_the_budget_controller_reaches_the_figures_from_the_budget()
    {
        // Signed in, as the page reads them: an anonymous read may be the gateway's shared copy of up to a minute ago.
        using var client = await platform.SignedInAsync(Demo.Director);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: "/werkplek/cijfers");
        // Every wijk of the municipality, row by row.
        await ScreenIsApiAsync(page, client, ThisYear, wijken: null);
        Assert.Equal($"Initiatieven uit {ThisYear} per fase: Alle wijken", await page.TextContentAsync("#stage-chart-title"));

        // One wijk of the municipality.
        await page.Locator("#scope").GetByRole(AriaRole.Link, new() { Name = "Zuid", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**wijk={Demo.Zuid}");
        await ScreenIsApiAsync(page, client, ThisYear, [Demo.Zuid]);
        Assert.Equal("page", await page.Locator("#scope").GetByRole(AriaRole.Link, new() { Name = "Zuid", Exact = true }).GetAttributeAsync("aria-current"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();

        var controller = await platform.NewPageAsync();
        await platform.SignInAsync(controller, Demo.BudgetController, returnUrl: "/werkplek/budget");
        await controller.Locator("#nav-figures").ClickAsync();
        await controller.WaitForURLAsync("**/werkplek/cijfers");
        await ScreenIsApiAsync(controller, client, ThisYear, wijken: null);
        // Back to the budget from the workspace's navigation.
        await controller.Locator("#nav-werkplek-budget").ClickAsync();
        await controller.WaitForURLAsync("**/werkplek/budget");
        await controller.Context.CloseAsync();

        // A resident has no figures page.
        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: "/");
        Assert.Equal((int)HttpStatusCode.Forbidden, (await resident.GotoAsync($"{platform.Site()}/werkplek/cijfers"))!.Status);
        await resident.Context.CloseAsync();
    }

    /// <summary>
    /// The charts' tables are the API's figures of these wijken (null: every wijk it names): per stage and per theme summed, the
    /// answers per wijk. Initiatives of other tests may arrive meanwhile, and a wijk another test just made
    /// is in the API at once but on the page only when the web app reads the municipality's wijken again
    /// (it keeps them a minute): read both until they agree, for up to 90 seconds.
    /// </summary>
    private static async Task ScreenIsApiAsync(IPage page, HttpClient client, int year, IReadOnlyList<Guid>? wijken)
    {
        var (screen, expected) = ("", "");
        for (var attempt = 0; attempt < 90; attempt++)
        {
            await page.ReloadAsync();
            var initiatives = (await client.GetAsync($"{Statistics}/initiatives?year={year}").OkAsync()).EnumerateArray().Where(w => wijken?.Contains(w.GetProperty("areaId").GetGuid()) ?? true).ToList();
            var answers = (await client.GetAsync($"{Statistics}/answers?year={year}").OkAsync()).EnumerateArray().Where(w => wijken?.Contains(w.GetProperty("areaId").GetGuid()) ?? true).ToList();
            int[] Sum(string list) => [.. initiatives.SelectMany(w => w.GetProperty(list).EnumerateArray().Select((e, i) => (Index: i, Count: e.GetProperty("count").GetInt32())))
                .GroupBy(e => e.Index).OrderBy(g => g.Key).Select(g => g.Sum(e => e.Count))];
            expected = string.Join(" | ", Sum("stages").Select(Count)) + " / " + string.Join(" | ", Sum("themes").Select(Count)) + " / "
                + string.Join(" | ", answers.Select(a => $"{a.GetProperty("wijk").GetString()} {Count(a.GetProperty("answers").GetInt32())} {Count(a.GetProperty("answeredOnTime").GetInt32())}"));
            var rows = new List<string>();
            foreach (var row in await page.Locator("#answers-chart tbody tr").AllAsync())
            {
                rows.Add(string.Join(" ", (await row.Locator("th, td").AllInnerTextsAsync()).Select(c => c.Trim())));
            }
            screen = string.Join(" | ", (await page.Locator("#stage-chart tbody td").AllInnerTextsAsync()).Select(c => c.Trim())) + " / "
                + string.Join(" | ", (await page.Locator("#theme-chart tbody td").AllInnerTextsAsync()).Select(c => c.Trim())) + " / " + string.Join(" | ", rows);
            if (screen == expected)
            {
                return;
            }
            await Task.Delay(1000);
        }
        Assert.Equal(expected, screen);
    }

    private static async Task<int[]> StagesAsync(IPage page) =>
        [.. (await page.Locator("#stage-chart tbody td").AllInnerTextsAsync()).Select(c => int.Parse(c.Trim(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("nl-NL")))];
}
