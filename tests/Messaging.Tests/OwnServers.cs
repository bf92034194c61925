using Buurt.Testing;

namespace Buurt.Messaging.Tests;

/// <summary>A database and a virtual host of a test class's own, made before its tests and dropped after.</summary>
public abstract class OwnServers(string name) : IAsyncLifetime
{
    protected TestDatabase Database { get; } = new(name);

    protected TestBroker Broker { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Broker = await TestBroker.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
