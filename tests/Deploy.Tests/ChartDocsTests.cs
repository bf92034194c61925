namespace Buurt.Deploy.Tests;

/// <summary>What an operator reads before and after installing a chart.</summary>
public sealed class ChartDocsTests
{
    public static TheoryData<string> Charts => [.. Chart.All.Where(c => !c.IsLibrary).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Charts))]
    public void A_chart_names_its_Kubernetes_and_says_what_to_do_after_installing(string name)
    {
        var chart = Chart.Named(name);

        // The preStop hook's sleep action needs Kubernetes 1.30.
        Assert.Equal(">=1.30.0-0", chart.Meta["kubeVersion"]?.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(chart.Directory, "templates", "NOTES.txt")), $"{name} has no templates/NOTES.txt");
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void A_charts_README_is_made_from_its_values(string name)
    {
        var chart = Chart.Named(name);
        var made = ChartReadme.For(chart);
        if (Environment.GetEnvironmentVariable("BUURT_WRITE_CHART_READMES") == "1")
        {
            File.WriteAllText(ChartReadme.PathOf(chart), made);
        }

        var path = ChartReadme.PathOf(chart);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == made, $"{path} is stale: run ./platform chart-readmes");
    }

    [Fact]
    public void The_README_takes_each_values_comment()
    {
        var made = ChartReadme.For(Chart.Named("budget"));

        Assert.Contains("| `replicaCount` | number | `2` |", made, StringComparison.Ordinal);
        Assert.Contains("| `global.imageRegistry` | string | `\"\"` | Registry the images are pulled from", made, StringComparison.Ordinal);
        Assert.Contains("| `podSecurityContext.runAsUser` | number | `1654` |", made, StringComparison.Ordinal);
        // List items are the default of their key, not keys of their own.
        Assert.Contains("| `global.networkPolicy.dns` | list |", made, StringComparison.Ordinal);
        Assert.DoesNotContain("namespaceSelector.matchLabels", made, StringComparison.Ordinal);
    }
}
