using System.Globalization;
using Buurt.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.ServiceDefaults.Health;

/// <summary>
/// With <c>Management:Port</c> set, <c>/health/*</c> and <c>/metrics</c> are answered only on that
/// port, a second listener beside the public one(s), and every other path only on the public ones:
/// the ingress sends the public port, so probes and scrapes are never reachable from outside. The
/// port is the one the connection came in on, never the Host header (a client chooses that).
/// Without the setting (the services, which are not public) everything shares one listener.
/// </summary>
public static class ManagementPort
{
    public const string Key = "Management:Port";

    public static int? Configured(IConfiguration configuration) =>
        int.TryParse(configuration[Key], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 ? port : null;

    /// <summary>Probes and scrapes: answered on the management port only, when there is one.</summary>
    public static bool IsManagementPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(TelemetrySetup.MetricsPath);

    internal static void AddManagementListener(this IServiceCollection services, IConfiguration configuration)
    {
        if (Configured(configuration) is { } port)
        {
            services.AddSingleton<IStartupFilter>(sp => new ListenerFilter(sp.GetRequiredService<IServer>(), port));
        }
    }

    /// <summary>Management paths on the public port and other paths on the management port: 404.</summary>
    internal static void UseManagementPort(this WebApplication app)
    {
        if (Configured(app.Configuration) is not { } port)
        {
            return;
        }
        app.Use((context, next) =>
        {
            if (IsManagementPath(context.Request.Path) == (context.Connection.LocalPort == port))
            {
                return next(context);
            }
            // Answered here: nothing behind (the web app's catch-all route included) sees it.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Adds the management address once the host has put the public ones (ASPNETCORE_URLS or
    /// _HTTP_PORTS, or a test's) into the server's address list, before the server binds: adding it
    /// earlier would make the host skip its own. It binds where the first public address does.
    /// </summary>
    private sealed class ListenerFilter(IServer server, int port) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (server.Features.Get<IServerAddressesFeature>() is { Addresses.IsReadOnly: false } feature)
            {
                var addresses = feature.Addresses;
                if (addresses.Count == 0)
                {
                    // Kestrel's own default, which it would drop once any address is listed.
                    addresses.Add("http://localhost:5000");
                }
                var host = BindingAddress.Parse(addresses.First()).Host;
                addresses.Add($"http://{host}:{port}");
            }
            next(app);
        };
    }
}
