using Buurt.Messaging.Outbox;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurt.Messaging.Tests;

/// <summary>
/// One replica of a service: our messaging over a real database and a real broker (virtual host),
/// with a dispatcher and, optionally, the consumer.
/// </summary>
internal sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public OutboxDispatcher<TestDbContext> Dispatcher =>
        _host.Services.GetServices<IHostedService>().OfType<OutboxDispatcher<TestDbContext>>().Single();

    public static async Task<MessagingHost> StartAsync(
        TestDatabase database, Uri broker, bool consumer = true, bool grouped = false, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = broker.ToString(),
            ["Database:MigrateOnStart"] = "false",
            ["Auth:Issuer"] = "http://127.0.0.1:9/",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:MinBackoff"] = "00:00:00.100",
            ["Outbox:MaxBackoff"] = "00:00:01",
            ["Messaging:Retry:Limit"] = "3",
            ["Messaging:Retry:MinInterval"] = "00:00:00.050",
            ["Messaging:Retry:MaxInterval"] = "00:00:00.200",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults("test");
        builder.AddServiceDatabase<TestDbContext>();
        builder.AddMessaging<TestDbContext>(bus =>
        {
            if (consumer && grouped)
            {
                bus.AddGroupConsumer<GroupedEffectConsumer, SomethingHappened>(limit: 20);
            }
            else if (consumer)
            {
                bus.AddConsumer<EffectConsumer>();
            }
        });
        builder.Services.AddSingleton<FailureSwitch>();
        services?.Invoke(builder.Services);

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }
        await host.StartAsync();
        // Queues exist once the bus is up; a message published before that has nowhere to go.
        await BusReadiness.ConnectedAsync(host.Services);
        return new MessagingHost(host);
    }

    /// <summary>Writes events in one committed transaction, as a service's change would.</summary>
    public async Task WriteAsync(params SomethingHappened[] events)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        foreach (var e in events)
        {
            db.AddIntegrationEvent(e);
        }
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<TestDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public Task<List<Effect>> EffectsAsync() => QueryAsync(db => db.Effects.AsNoTracking().ToListAsync());

    public Task<List<OutboxMessage>> OutboxAsync() => QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Counts the inbox's skipped duplicates, to prove a message really arrived twice.</summary>
public sealed class DuplicateCounter : IDisposable
{
    private const string Duplicates = "buurt.inbox.duplicates";
    private readonly MeasurementRecorder _recorder = new(MessagingMetrics.Name, Duplicates);

    public long Count => (long)_recorder.Values(Duplicates).Sum();

    public void Dispose() => _recorder.Dispose();
}
