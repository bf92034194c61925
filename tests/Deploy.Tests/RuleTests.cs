using System.Diagnostics;

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
        var start = new ProcessStartInfo(promtool) { WorkingDirectory = Monitoring.Rules, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
