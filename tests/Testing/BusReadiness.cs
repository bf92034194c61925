using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Testing;

/// <summary>
/// A service's queues exist once its bus has connected; a message published before that has
/// nowhere to go. Tests that publish wait for this first.
/// </summary>
public static class BusReadiness
{
    public static Task ConnectedAsync(IServiceProvider services, string what = "the bus to connect")
    {
        var bus = services.GetRequiredService<IBusControl>();
        return Eventually.TrueAsync(() => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy), what: what);
    }
}
