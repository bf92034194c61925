using System.Text.Json.Nodes;

namespace Buurt.Deploy.Tests;

public sealed class DashboardTests
{
    public static TheoryData<string> Dashboards =>
        [.. Directory.EnumerateFiles(Monitoring.Dashboards, "*.json").Order().Select(f => Path.GetFileName(f))];

    [Fact]
    public void There_are_an_overview_a_service_and_a_business_dashboard()
    {
        Assert.Equal(["buurt-business.json", "buurt-overview.json", "buurt-service.json"], Dashboards.Select(d => (string)d.Data).Order());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void A_dashboard_is_grafana_json_with_a_prometheus_datasource_and_queries_in_every_panel(string file)
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(Monitoring.Dashboards, file)))!.AsObject();

        Assert.Equal(Path.GetFileNameWithoutExtension(file), dashboard["uid"]?.GetValue<string>());
        Assert.StartsWith("Buurt / ", dashboard["title"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(dashboard["schemaVersion"]?.GetValue<int>() >= 36);
        var variables = dashboard["templating"]!["list"]!.AsArray();
        Assert.Contains(variables, v => v!["type"]!.GetValue<string>() == "datasource" && v["query"]!.GetValue<string>() == "prometheus");
        var panels = dashboard["panels"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal(panels.Count, panels.Select(p => p["id"]!.GetValue<int>()).Distinct().Count());
        foreach (var panel in panels.Where(p => p["type"]!.GetValue<string>() != "row"))
        {
            var title = panel["title"]!.GetValue<string>();
            Assert.Equal("${datasource}", panel["datasource"]?["uid"]?.GetValue<string>());
            var targets = panel["targets"]?.AsArray() ?? [];
            Assert.True(targets.Count > 0, $"{file}: panel \"{title}\" has no query");
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t!["expr"]?.GetValue<string>()), $"{file}: \"{title}\" has an empty query"));
            var grid = panel["gridPos"]!;
            Assert.InRange(grid["x"]!.GetValue<int>() + grid["w"]!.GetValue<int>(), 1, 24);
        }
    }

    [Fact]
    public void Queries_name_metrics_and_balance_their_brackets()
    {
        foreach (var query in PromQl.DashboardQueries().Concat(PromQl.RuleQueries()))
        {
            Assert.True(PromQl.MetricNames(query.Expression).Any(), $"{query.Source} \"{query.Title}\": no metric in {query.Expression}");
            foreach (var (open, close) in new[] { ('(', ')'), ('{', '}'), ('[', ']') })
            {
                Assert.True(query.Expression.Count(c => c == open) == query.Expression.Count(c => c == close), $"{query.Source} \"{query.Title}\": unbalanced {open}{close}");
            }
        }
    }

    [Fact]
    public void Metric_names_are_read_from_queries_as_prometheus_would()
    {
        Assert.Equal(["http_server_request_duration_seconds_count"], PromQl.MetricNames(
            "sum by (service) (label_replace(rate(http_server_request_duration_seconds_count{job=\"gateway\", http_response_status_code=~\"5..\"}[$__rate_interval]), \"service\", \"$1\", \"http_route\", \"/api/([^/]+)/.*\"))"));
        Assert.Equal(["a_total", "b"], PromQl.MetricNames("sum without (x) (rate(a_total[5m] offset 1d)) / on (job) group_left b > 0.5 and 1e3"));
        Assert.Equal(["buurt_initiatives"], PromQl.MetricNames("label_values(buurt_initiatives{tenant=\"x\"}, tenant)"));
    }
}
