using System.Text.RegularExpressions;

namespace Buurt.Deploy.Tests;

/// <summary>Reads the Prometheus text exposition format: the names of the samples in it.</summary>
public static partial class PrometheusText
{
    public static IEnumerable<string> MetricNames(string exposition) =>
        exposition.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => SampleName().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Value)
            .Distinct();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
