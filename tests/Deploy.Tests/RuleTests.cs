namespace Buurt.Deploy.Tests;

/// <summary>The alert rules, checked and unit-tested by Prometheus's own promtool (Debian's prometheus package).</summary>
public sealed class RuleTests
{
    [Fact]
    public async Task Promtool_check_rules_passes()
    {
        var (exit, output) = await PromtoolAsync("check", "rules", "buurt.rules.yaml");

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_test_rules_fires_each_tested_alert_on_its_series()
    {
        var (exit, output) = await PromtoolAsync("test", "rules", "buurt.rules.test.yaml");

        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_and_a_section_in_the_operations_guide()
    {
        var rules = Yaml.Load(Path.Combine(Monitoring.Rules, "buurt.rules.yaml"))!;
        var guide = File.ReadAllText(Path.Combine(Monitoring.Root, "docs", "operations.md"));
        var alerts = rules["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Where(r => r!["alert"] is not null).ToList();

        Assert.True(alerts.Count >= 6);
        foreach (var alert in alerts)
        {
            var name = alert!["alert"]!.GetValue<string>();
            Assert.Contains(alert["labels"]?["severity"]?.GetValue<string>(), new[] { "info", "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace(alert["annotations"]?["summary"]?.GetValue<string>()), name);
            Assert.Equal($"docs/operations.md#{name.ToLowerInvariant()}", alert["annotations"]?["runbook_url"]?.GetValue<string>());
            Assert.Contains($"### {name}", guide, StringComparison.Ordinal);
        }
    }

    private static async Task<(int Exit, string Output)> PromtoolAsync(params string[] arguments)
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool is missing: apt-get install prometheus (./platform test and .ci/run install it).");
        return await Processes.RunAsync(promtool, arguments, Monitoring.Rules, timeoutSeconds: 60);
    }
}
