namespace Buurt.Deploy.Tests;

/// <summary>
/// Every replica exports the same whole-table gauges (Gauges.WholeTable: counts and sums of the
/// service's database), so a dashboard or alert that adds them up across replicas shows twice the
/// figure with two pods and fires at half its threshold. Such a gauge must first be collapsed over
/// the replicas (max without (instance, pod)); only then may a query sum over tenants or wijken.
/// </summary>
public sealed class GaugeAggregationTests
{
    private static readonly HashSet<string> s_collapsing = ["max", "min", "avg"];

    [Fact]
    public void Dashboards_and_alerts_collapse_the_replicas_of_a_whole_table_gauge_before_adding_up()
    {
        var queries = PromQl.DashboardQueries().Concat(PromQl.RuleQueries()).ToList();
        var problems = queries
            .SelectMany(q => PromQl.Selectors(q.Expression).Select(s => (Query: q, Problem: Problem(s))))
            .Where(p => p.Problem is not null)
            .Select(p => $"{p.Query.Source} \"{p.Query.Title}\": {p.Problem}")
            .ToList();

        // The check has something to check: the business view and the outbox alerts read these gauges.
        Assert.Contains(queries, q => PromQl.Selectors(q.Expression).Any(s => Gauges.WholeTable.Contains(s.Metric)));
        Assert.True(problems.Count == 0,
            string.Join("\n", problems) + "\nEvery replica exports the same figure: write max without (instance, pod) (...) " +
            "around the gauge, then sum by (...) over the business labels where the panel needs a total.");
    }

    [Theory]
    [InlineData("sum by (tenant) (max without (instance, pod) (g))", null)]
    [InlineData("max by (job) (g) > 0", null)]
    [InlineData("sum(min(g) by (job))", null)]
    [InlineData("sum by (job) (max without (instance, pod) (delta(g[15m]))) > 0", null)]
    [InlineData("sum by (tenant) (g)", "sum")]
    [InlineData("sum(delta(g{job=\"x\"}[1d]))", "sum")]
    [InlineData("sum by (wijk) (max without (instance, pod) (g)) / sum by (wijk) (g)", "sum")]
    [InlineData("count(g)", "count")]
    [InlineData("max by (instance) (g)", "keeps")]
    [InlineData("max without (pod) (g)", "keeps")]
    [InlineData("sum_over_time(g[1h])", "not aggregated")]
    [InlineData("g > 3", "not aggregated")]
    public void The_check_tells_collapsed_replicas_from_added_ones(string query, string? problem)
    {
        var found = PromQl.Selectors(query).Select(s => Problem(s, new HashSet<string> { "g" })).FirstOrDefault(p => p is not null);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Selectors_are_read_with_their_first_aggregation_as_prometheus_nests_them()
    {
        var selectors = PromQl.Selectors(
            "sum by (tenant) (max without (instance, pod) (rate(a_total{x=\"(\"}[5m]))) / on (job) group_left count(b) by (job) + c").ToList();

        Assert.Equal(["a_total", "b", "c"], selectors.Select(s => s.Metric));
        Assert.Equal("max without (instance, pod)", selectors[0].FirstAggregation?.ToString());
        Assert.Equal("count by (job)", selectors[1].FirstAggregation?.ToString());
        Assert.Null(selectors[2].FirstAggregation);
        Assert.Empty(PromQl.Selectors("label_values(buurt_initiatives, tenant)"));
    }

    [Fact]
    public void The_whole_table_gauges_are_the_ones_the_code_declares()
    {
        // Each meter file that declares observable gauges yields them, under Prometheus's names.
        var files = new[] { "services", "libs" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Monitoring.Root, d), "*Metrics.cs", SearchOption.AllDirectories))
            .Where(f => File.ReadAllText(f).Contains("CreateObservableGauge", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Monitoring.Root, f))
            .ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains(Gauges.Declared, g => g.Where.StartsWith(f + ":", StringComparison.Ordinal)));
        Assert.All(Gauges.Declared, g => Assert.Matches("^[a-z_:][a-z0-9_:]*$", g.Metric));
        Assert.All(Gauges.PerReplica, p => Assert.Contains(p.Key, Gauges.Declared.Select(g => g.Metric)));
    }

    [Fact]
    public void Gauge_names_are_derived_from_literals_helpers_and_units()
    {
        var code = """
            public Metrics(IMeterFactory meters)
            {
                _meter = meters.Create("M");
                Euros("allocated", r => r.A);
                Euros("paid", r => r.P);
                _meter.CreateObservableGauge("m.queue.oldest_age", () => Math.Max(1, 2), "s", "Age, in seconds.");
                _meter.CreateObservableGauge("m.items", () => _items.Select(i => new Measurement<long>(i.N, new("tenant", i.T))), unit: "{item}");
            }

            private void Euros(string bucket, Func<Row, decimal> value) =>
                _meter.CreateObservableGauge($"m.budget.{bucket}", () => value(_row), "{euro}", "Euros.");
            """;

        Assert.Equal(
            ["m_budget_allocated", "m_budget_paid", "m_items", "m_queue_oldest_age_seconds"],
            Gauges.In(code, "M.cs").Select(g => g.Metric).Order(StringComparer.Ordinal));
    }

    /// <summary>What is wrong with how a query reads a whole-table gauge, or null.</summary>
    private static string? Problem(PromQl.Selector selector) => Problem(selector, Gauges.WholeTable);

    private static string? Problem(PromQl.Selector selector, IReadOnlySet<string> wholeTable)
    {
        if (!wholeTable.Contains(selector.Metric))
        {
            return null;
        }
        var aggregation = selector.FirstAggregation;
        var labels = aggregation?.Labels ?? [];
        return aggregation is null ? $"{selector.Metric} is not aggregated: one series per replica"
            : !s_collapsing.Contains(aggregation.Operator) ? $"{selector.Metric} goes into {aggregation.Operator}, which adds up the replicas"
            : aggregation.Grouping == "by" && (labels.Contains("instance") || labels.Contains("pod"))
                || aggregation.Grouping == "without" && !(labels.Contains("instance") && labels.Contains("pod"))
                ? $"{selector.Metric}: {aggregation} keeps the replicas apart"
            : null;
    }
}
