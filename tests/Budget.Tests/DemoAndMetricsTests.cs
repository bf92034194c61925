using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Budget.Domain;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Budget.Tests.BudgetService;

namespace Buurt.Budget.Tests;

/// <summary>The demo books and the gauges the ops dashboards read.</summary>
[Collection(BudgetCollection.Name)]
public sealed class DemoAndMetricsTests(BudgetService service)
{
    private const string Api = "/api/budget/v1";

    [Fact]
    public async Task Hilversum_has_450000_a_year_over_its_wijken_and_amendment_A21_182_in_2022()
    {
        var director = await service.AsAsync(Director);
        var current = BudgetYearRule.YearOf(DateTimeOffset.UtcNow);

        foreach (var year in new[] { 2021, 2022, current })
        {
            var budget = await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}");
            Assert.Equal(450_000m, budget.GetProperty("total").GetDecimal());
            Assert.Equal(year < current, budget.GetProperty("closed").GetBoolean());
            var areas = (await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}/areas")).GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(9, areas.Count);
            Assert.All(areas, a => Assert.True(a.GetProperty("allocated").GetDecimal() > 0));
            Assert.Equal(450_000m, areas.Sum(a => a.GetProperty("allocated").GetDecimal()));
        }
        var oost = await service.SummaryAsync(2022, Oost1223);
        Assert.Equal(50_000m, oost.GetProperty("allocated").GetDecimal());
        Assert.Equal(50_000m, oost.GetProperty("amended").GetDecimal());
        var amendment = (await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/2022/amendments")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("A21-182", amendment.GetProperty("reference").GetString());
        Assert.Equal("sociaal", amendment.GetProperty("theme").GetString());
        var voorbeeldstad = await service.SummaryAsync(current, VoorbeeldstadNoord, "voorbeeldstad");
        Assert.True(voorbeeldstad.GetProperty("allocated").GetDecimal() > 0);
    }

    [Fact]
    public async Task The_budget_gauges_are_on_metrics_per_tenant_wijk_and_year()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 10_000m, 1_234.50m);
        var client = service.Client(tenant: null);
        var scope = service.Factory.Services.GetRequiredService<IMeterFactory>();

        // This service's own gauges (other hosts in the test process have meters of the same name).
        var points = await Eventually.ValueAsync(() => Task.FromResult(Observe(scope, "buurt.budget.available")),
            p => p.Any(x => x.Year == year), what: "the gauges to show the new year");
        var metrics = await client.GetStringAsync("/metrics");

        Assert.Contains(points, p => p is { Tenant: "hilversum", Wijk: "HZ", Value: 1_234.5 } && p.Year == year);
        foreach (var name in new[] { "buurt_budget_allocated", "buurt_budget_reserved", "buurt_budget_committed", "buurt_budget_paid", "buurt_budget_available" })
        {
            Assert.Contains($"# TYPE {name} gauge", metrics, StringComparison.Ordinal);
        }
        var line = metrics.Split('\n').First(l => l.StartsWith("buurt_budget_available{", StringComparison.Ordinal));
        Assert.Matches("tenant=\"[a-z-]+\"", line);
        Assert.Matches("wijk=\"[^\"]+\"", line);
        Assert.Matches("year=\"[0-9]{4}\"", line);
    }

    private static List<(string Tenant, string Wijk, int Year, double Value)> Observe(IMeterFactory scope, string instrument)
    {
        var points = new List<(string, string, int, double)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Name == instrument && i.Meter.Scope == scope)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => x.Value);
            points.Add(((string)t["tenant"]!, (string)t["wijk"]!, (int)t["year"]!, value));
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return points;
    }
}
