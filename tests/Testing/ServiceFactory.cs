using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurt.Testing;

/// <summary>
/// Hosts one real service (its own Program) with settings of the test's choosing. With
/// <paramref name="kestrel"/> it listens on a real port, so a gateway or another process can call it.
/// </summary>
/// <typeparam name="TMarker">Any public type of the service's assembly (its entry point is found from it).</typeparam>
public sealed class ServiceFactory<TMarker>(IReadOnlyDictionary<string, string?> settings, bool kestrel = false, int port = 0)
    : WebApplicationFactory<TMarker>
    where TMarker : class
{
    private bool _started;

    /// <summary>The public address Kestrel listens on (only with kestrel: true), not the management port.</summary>
    public Uri Address
    {
        get
        {
            EnsureStarted();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return addresses.Addresses.Select(a => new Uri(a)).First(a => a.Port != ManagementPort);
        }
    }

    /// <summary>
    /// Where /health and /metrics answer: the management port when the service has one
    /// (<c>Management:Port</c>, the gateway), else <see cref="Address"/>.
    /// </summary>
    public Uri ManagementAddress => ManagementPort is { } port ? new Uri($"http://127.0.0.1:{port}/") : Address;

    private int? ManagementPort =>
        Buurt.ServiceDefaults.Health.ManagementPort.Configured(Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());

    public void EnsureStarted()
    {
        if (_started)
        {
            return;
        }
        _started = true;
        if (kestrel)
        {
            // The port goes in as the host's URLs (ConfigureWebHost), not UseKestrel(port): that one
            // sets the server's addresses after the app's Program has built its host, racing the
            // Program's own start ("Addresses cannot be modified after the server has started",
            // seen once in a loaded CI run).
            UseKestrel();
            StartServer();
            // Clients call the public address, never a management port beside it (the factory takes the last one).
            ClientOptions.BaseAddress = Address;
        }
        else
        {
            _ = Server;
        }
    }

    /// <summary>
    /// A free port below Linux's ephemeral range (32768-60999): a port the system hands out for
    /// port 0 is also what the next outgoing connection of any test may take before we bind it.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // taken: try another
            }
        }
        using var fallback = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        fallback.Start();
        return ((System.Net.IPEndPoint)fallback.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (kestrel)
        {
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            builder.UseSetting(WebHostDefaults.PreferHostingUrlsKey, "true");
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
