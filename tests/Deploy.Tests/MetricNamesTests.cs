namespace Buurt.Deploy.Tests;

/// <summary>
/// Every metric a dashboard or an alert reads is one the platform really emits: the names are read
/// from the /metrics of the services, the gateway and RabbitMQ after real traffic (RunningPlatform).
/// </summary>
public sealed class MetricNamesTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    /// <summary>Series Prometheus makes itself for every target.</summary>
    private static readonly HashSet<string> s_fromPrometheus = ["up"];

    /// <summary>The business view's metrics and the service that emits each.</summary>
    private static readonly Dictionary<string, string> s_business = new()
    {
        ["buurt_initiatives"] = "initiatives",
        ["buurt_initiatives_answers_overdue"] = "initiatives",
        ["buurt_budget_allocated"] = "budget",
        ["buurt_budget_reserved"] = "budget",
        ["buurt_budget_committed"] = "budget",
        ["buurt_budget_paid"] = "budget",
        ["buurt_budget_available"] = "budget",
        ["buurt_calendar_upcoming"] = "calendar",
        ["buurt_contacts_holders"] = "contacts",
        ["buurt_contacts_consents"] = "contacts",
        ["buurt_contacts_unverified_listings"] = "contacts",
        ["buurt_contacts_open_reports"] = "contacts",
    };

    private static IEnumerable<(string Metric, PromQl.Query Query)> Used =>
        PromQl.DashboardQueries().Concat(PromQl.RuleQueries())
            .SelectMany(q => PromQl.MetricNames(q.Expression).Select(m => (m, q)));

    [Fact]
    public void Every_metric_the_dashboards_and_alerts_read_is_emitted()
    {
        var missing = Used
            .Where(u => !s_fromPrometheus.Contains(u.Metric) && !platform.Emitted.ContainsKey(u.Metric))
            .GroupBy(u => u.Metric)
            .Select(g => $"{g.Key} (in {string.Join(", ", g.Select(u => $"{u.Query.Source} \"{u.Query.Title}\"").Distinct())})")
            .ToList();

        Assert.True(missing.Count == 0,
            "Not on any /metrics after the test traffic:\n" + string.Join("\n", missing) +
            "\nEither the query names a metric wrongly (look at the real names: OpenTelemetry adds _seconds, _total...), " +
            "or the metric has no series yet: let RunningPlatform's traffic create one.");
    }

    [Fact]
    public void The_business_view_reads_metrics_its_services_emit()
    {
        Assert.All(s_business.Keys, m => Assert.Contains(m, Used.Select(u => u.Metric)));
        // In one test process every host's exporter sees every "Buurt.*" meter, so which part showed it first says little.
        Assert.All(s_business, b => Assert.True(platform.Emitted.ContainsKey(b.Key), $"{b.Key} ({b.Value}) is on no /metrics"));
    }

    [Fact]
    public void Every_gauge_the_code_declares_is_emitted_under_the_name_the_checks_derive()
    {
        var missing = Gauges.Declared.Where(g => !platform.Emitted.ContainsKey(g.Metric)).Select(g => $"{g.Metric} ({g.Where})").ToList();

        Assert.NotEmpty(Gauges.Declared);
        Assert.True(missing.Count == 0,
            "Gauges the code declares but no /metrics shows under the derived name (GaugeAggregationTests would miss them):\n" +
            string.Join("\n", missing) + "\nFix Gauges.PrometheusName, or let RunningPlatform's traffic give the gauge a series.");
    }

    [Fact]
    public void The_gateway_counts_requests_per_tenant()
    {
        Assert.Contains("buurt_tenant=\"hilversum\"", platform.Expositions["gateway"], StringComparison.Ordinal);
    }
}
