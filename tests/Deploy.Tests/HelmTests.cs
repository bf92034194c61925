namespace Buurt.Deploy.Tests;

/// <summary>
/// Where helm is on PATH (not on our machines by default; .github/workflows/deploy.yml installs it):
/// lint every chart strictly and render the umbrella with each example. Skipped without helm.
/// </summary>
public sealed class HelmTests
{
    private static readonly string? s_helm = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, "helm"))
        .FirstOrDefault(File.Exists);

    [Fact]
    public async Task Helm_lints_every_chart_and_renders_the_umbrella_with_each_example()
    {
        if (s_helm is null)
        {
            Assert.Skip("helm is not on PATH; .github/workflows/deploy.yml runs these checks where it is.");
        }
        // A copy, so that the charts/ folders helm builds stay out of the work tree.
        var copy = Directory.CreateTempSubdirectory("buurt-helm-");
        try
        {
            await RunAsync("cp", "-r", Path.Combine(Monitoring.Root, "deploy"), copy.FullName);
            var helm = Path.Combine(copy.FullName, "deploy", "helm");
            string[] charts = ["identity", "initiatives", "budget", "calendar", "contacts", "notifications", "web", "gateway", "monitoring", "buurt"];
            foreach (var chart in charts)
            {
                await RunAsync(s_helm, "dependency", "build", Path.Combine(helm, chart));
            }
            foreach (var chart in charts)
            {
                await RunAsync(s_helm, "lint", "--strict", Path.Combine(helm, chart));
            }
            foreach (var example in Chart.Examples)
            {
                await RunAsync(s_helm, "lint", "--strict", Path.Combine(helm, "buurt"), "-f", example);
                var rendered = await RunAsync(s_helm, "template", "buurt", Path.Combine(helm, "buurt"), "--namespace", "buurt", "-f", example);
                foreach (var kind in new[] { "Deployment", "Service", "NetworkPolicy", "PodDisruptionBudget", "Job", "Ingress", "ServiceMonitor", "PrometheusRule", "ConfigMap" })
                {
                    Assert.Contains($"kind: {kind}\n", rendered, StringComparison.Ordinal);
                }
                Assert.Contains("helm.sh/hook: test", rendered, StringComparison.Ordinal);
            }
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var (exit, output) = await Processes.RunAsync(file, arguments);
        Assert.True(exit == 0, $"{file} {string.Join(' ', arguments)}:\n{output}");
        return output;
    }
}
