using Buurt.ServiceDefaults.Health;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Buurt.ServiceDefaults;

/// <summary>
/// What every Buurt process has, the gateway included: telemetry, health endpoints, problem details,
/// JSON conventions and request limits. API services call <see cref="ServiceDefaults"/> instead,
/// which adds the rest.
/// </summary>
public static class HostDefaults
{
    public static TBuilder AddHostDefaults<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddPageHostDefaults(name);
        builder.Services.AddProblemResponses();
        builder.Services.AddJsonConventions();
        return builder;
    }

    /// <summary>
    /// For the web app: telemetry, health and request limits, but no problem details: its errors are
    /// pages (a browser asking for HTML must not get JSON).
    /// </summary>
    public static TBuilder AddPageHostDefaults<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IHostApplicationBuilder
    {
        var service = ServiceInfo.For(name);
        builder.Services.AddSingleton(service);
        builder.AddTelemetry(service);
        builder.Services.AddDefaultHealthChecks();
        builder.Services.AddRequestLimits(builder.Configuration);
        builder.Services.AddManagementListener(builder.Configuration);
        return builder;
    }

    /// <summary>The web app's health and metrics endpoints (on the management port, if one is set); its error pages are its own.</summary>
    public static WebApplication MapPageHostDefaults(this WebApplication app)
    {
        app.UseManagementPort();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(TelemetrySetup.MetricsPath);
        return app;
    }

    public static WebApplication MapHostDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app.MapPageHostDefaults();
    }
}
