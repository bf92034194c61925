namespace Buurt.Benchmarks;

/// <summary>What the load tests share: percentiles, and where a project's content root is when run outside a test host.</summary>
public static class Measurements
{
    /// <summary>The nearest-rank percentile of sorted values (NaN for none).</summary>
    public static double Percentile(List<double> sorted, int percent) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>
    /// Outside a test host WebApplicationFactory looks for the content root beside the solution; tells
    /// it where a project (services/budget, gateway) is, by the variable it reads for that assembly.
    /// </summary>
    public static void UseContentRoot(string assembly, string folder) =>
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_" + assembly.Replace('.', '_').ToUpperInvariant(), Path.Combine(RepositoryRoot(), folder));

    /// <summary>The machine's one-minute load average: on a shared box it says how much of it the run had.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Cores, CPU model and runtime, for the line above a table of figures.</summary>
    public static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({model ?? "?"}), .NET {Environment.Version}";
    }

    /// <summary>The folder of Buurt.slnx above this program.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Buurt.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository.");
    }
}
