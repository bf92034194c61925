using System.Globalization;

namespace Buurt.Notifications.Tests;

/// <summary>Reads gauges from a service's /metrics (Prometheus text).</summary>
public static class Gauges
{
    /// <summary>A gauge's highest value (its name as Prometheus shows it, with any unit suffix); -1 when it has no series.</summary>
    public static double Gauge(string metrics, string name) => GaugeValues(metrics, name).DefaultIfEmpty(-1).Max();

    /// <summary>A gauge's values: one per series.</summary>
    public static List<double> GaugeValues(string metrics, string name) =>
        [.. metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{' or '_'))
            .Select(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture))];
}
