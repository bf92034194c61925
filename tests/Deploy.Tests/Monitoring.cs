namespace Buurt.Deploy.Tests;

/// <summary>Where the deploy files are in the repository.</summary>
public static class Monitoring
{
    /// <summary>
    /// RabbitMQ's per-queue metrics (rabbitmq_detailed_*): what the dashboards' queue panels and the
    /// stuck-consumer alert read. Scraped this way by ./platform up --monitoring and the charts' docs.
    /// </summary>
    public const string RabbitMqDetailedPath = "/metrics/detailed?family=queue_coarse_metrics&family=queue_consumer_count";

    public static string Root => Repository.Root;

    public static string Helm => Repository.Helm;

    public static string Dashboards => Path.Combine(Root, "deploy", "monitoring", "dashboards");

    public static string Rules => Path.Combine(Root, "deploy", "monitoring", "rules");

    /// <summary>The C# files below a folder, build output (obj/, bin/) left out.</summary>
    public static IEnumerable<string> CodeFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order();
}
