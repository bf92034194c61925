using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>The initiator accepts the buurtdeal the director proposed, on the initiative's page; then the municipality does.</summary>
[Collection(WebCollection.Name)]
public sealed class DealAcceptanceTests(WebPlatform platform)
{
    [Fact]
    public async Task The_initiator_accepts_the_proposed_deal_and_sees_it_closed_once_the_municipality_accepts()
    {
        using var resident = await platform.SignedInAsync(Demo.Resident);
        using var director = await platform.SignedInAsync(Demo.Director);
        var id = await ProposedDealAsync(resident, director);

        // Someone else (signed out) sees the deal, but no button.
        var visitor = await platform.NewPageAsync();
        await visitor.GotoAsync($"{platform.Site()}/initiatieven/{id}");
        Assert.Contains("Banken onderhouden", await visitor.InnerTextAsync("#deal ~ .buurt-grid"), StringComparison.Ordinal);
        Assert.Equal(0, await visitor.GetByRole(AriaRole.Button, new() { Name = "Buurtdeal accepteren" }).CountAsync());
        await visitor.Context.CloseAsync();

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/initiatieven/{id}");
        Assert.Contains("U bent initiatiefnemer", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Buurtdeal accepteren" }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/initiatieven/{id}#deal");
        Assert.Contains("De initiatiefnemers accepteerden de buurtdeal op", await page.InnerTextAsync("#deal-accepted-by-initiators"), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Buurtdeal accepteren" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        var accepted = await resident.GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/initiatives/{id}");
        Assert.Equal(JsonValueKind.String, accepted.GetProperty("deal").GetProperty("acceptances").GetProperty("initiators").ValueKind);

        // The municipality accepts too: the deal is closed, on the page in both languages.
        using var both = await director.PostAsync($"/api/initiatives/v1/initiatives/{id}/deal/acceptances", null);
        Assert.True(both.IsSuccessStatusCode, await both.Content.ReadAsStringAsync());
        await page.GotoAsync($"{platform.Site()}/initiatieven/{id}");
        Assert.Contains("Afgesloten op", await page.InnerTextAsync("#deal ~ p"), StringComparison.Ordinal);
        Assert.Contains("Buurtdeal gesloten", await page.InnerTextAsync(".buurt-status"), StringComparison.Ordinal);
        await page.GotoAsync($"{platform.Site()}/initiatieven/{id}?lang=en");
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>A new initiative of the resident in Zuid, taken by the director to a proposed deal whose money the budget reserved.</summary>
    internal static async Task<Guid> ProposedDealAsync(HttpClient resident, HttpClient director, string title = "Twee banken aan de Vaartweg")
    {
        using var submitted = await resident.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title,
            description = "Bewoners willen kunnen uitrusten langs het water.",
            areaId = Demo.Zuid,
            theme = "fysiek",
            requestedAmount = 600m,
        });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var url = $"/api/initiatives/v1/initiatives/{id}";
        foreach (var status in new[] { "internal-check", "reciprocity-talk" })
        {
            using var moved = await director.PostAsJsonAsync($"{url}/status-changes", new { status });
            Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        }
        using var proposed = await director.PutAsJsonAsync($"{url}/deal", new
        {
            amount = 600m,
            residentCommitments = new object[] { new { description = "Banken onderhouden", owner = "Bewoners Vaartweg" } },
            municipalCommitments = new object[] { new { description = "Twee banken plaatsen", owner = "Gemeente Hilversum", dueDate = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd") } },
        });
        Assert.True(proposed.IsSuccessStatusCode, await proposed.Content.ReadAsStringAsync());
        // Budget answers the proposal over the bus: wait until the money is reserved.
        for (var i = 0; i < 60; i++)
        {
            var initiative = await resident.GetFromJsonAsync<JsonElement>(url);
            if (initiative.GetProperty("deal").GetProperty("fundingStatus").GetString() != "pending")
            {
                return id;
            }
            await Task.Delay(500);
        }
        Assert.Fail("The budget never answered the proposed deal.");
        return id;
    }
}
