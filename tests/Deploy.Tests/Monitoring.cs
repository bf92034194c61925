namespace Buurt.Deploy.Tests;

/// <summary>Where the deploy files are in the repository.</summary>
public static class Monitoring
{
    /// <summary>
    /// RabbitMQ's per-queue metrics (rabbitmq_detailed_*): what the dashboards' queue panels and the
    /// stuck-consumer alert read. Scraped this way by ./platform up --monitoring and the charts' docs.
    /// </summary>
    public const string RabbitMqDetailedPath = "/metrics/detailed?family=queue_coarse_metrics&family=queue_consumer_count";

    public static string Root { get; } = FindRoot();

    public static string Helm => Path.Combine(Root, "deploy", "helm");

    public static string Dashboards => Path.Combine(Root, "deploy", "monitoring", "dashboards");

    public static string Rules => Path.Combine(Root, "deploy", "monitoring", "rules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Buurt.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Buurt.slnx not found above " + AppContext.BaseDirectory);
    }
}
