using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Buurt.ServiceDefaults.Health;

/// <summary>
/// <c>/health/live</c>: the process runs (no dependencies, so a broker outage never restarts pods).
/// <c>/health/ready</c>: every check tagged "ready" (database, broker, Redis) passes.
/// Mapped in every environment: Kubernetes probes need them in production.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "live";
    public const string Ready = "ready";

    internal static void AddDefaultHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [Live]);

    internal static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", Options(Live)).DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", Options(Ready)).DisableHttpMetrics();
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteReport,
    };

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
