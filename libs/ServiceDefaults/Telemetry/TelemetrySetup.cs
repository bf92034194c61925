using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Buurt.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry traces (when exported), metrics and logs; OTLP when configured, Prometheus always.</summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>Our own activity sources and meters are all named "Buurt.*".</summary>
    public const string BuurtSources = "Buurt.*";

    /// <summary>Spans on or off; default: on exactly when an OTLP endpoint is configured.</summary>
    public const string TracingKey = "Telemetry:Tracing";

    private static readonly string[] s_meters =
    [
        BuurtSources,
        "MassTransit",
        "Npgsql",
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "Yarp.ReverseProxy",
    ];

    internal static void AddTelemetry(this IHostApplicationBuilder builder, ServiceInfo service)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: $"buurt-{service.Name}",
                serviceNamespace: "buurt",
                serviceVersion: service.Version))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(s_meters)
                .OnlyThisHostsMeters()
                .AddPrometheusExporter());
        // Spans are built, tagged and propagated on every request (some 30 µs of the gateway's CPU
        // per signed-in request): only when they go somewhere, unless Telemetry:Tracing says so (a
        // test that reads spans in-process). Trace ids still reach logs, problems and the outbox.
        if (builder.Configuration.GetValue(TracingKey, otlp))
        {
            otel.WithTracing(tracing => tracing
                .AddSource(BuurtSources, "MassTransit", "Yarp.ReverseProxy")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsInfrastructure(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        }

        if (otlp)
        {
            otel.UseOtlpExporter();
        }
    }

    /// <summary>
    /// OpenTelemetry's provider listens process-wide by meter name, so with two hosts in one process
    /// (tests, replicas in a test) one host's instruments fed the other's metric of the same name:
    /// a gauge showed the other host's value, and when that host was disposed, its completed
    /// instruments retired the shared metric and the gauge vanished from this host's /metrics for
    /// good. Meters made by another container's <see cref="IMeterFactory"/> (ours and ASP.NET
    /// Core's) are dropped; meters without a factory (MassTransit's, Npgsql's) stay process-wide.
    /// </summary>
    private static MeterProviderBuilder OnlyThisHostsMeters(this MeterProviderBuilder metrics)
    {
        ((IDeferredMeterProviderBuilder)metrics).Configure((services, provider) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            provider.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && factory != own ? MetricStreamConfiguration.Drop : null);
        });
        return metrics;
    }

    /// <summary>Probes and scrapes would drown the traces; they are not traced.</summary>
    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
