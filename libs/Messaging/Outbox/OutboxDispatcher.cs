using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurt.Messaging.Outbox;

/// <summary>
/// Publishes outbox messages and marks them sent. Each batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> inside one transaction, so replicas never take the same row; if the
/// process dies after publishing but before the commit, the rows are published again and the
/// consumers' inbox absorbs the duplicate.
/// </summary>
internal sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IBusControl bus,
    OutboxSignal signal,
    MessagingMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly ConcurrentDictionary<string, Type?> s_types = new();
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _nextHousekeeping;

    /// <summary>Test seam: runs after a batch was published and before it is marked sent.</summary>
    internal Func<IReadOnlyList<OutboxMessage>, Task>? AfterPublish { get; set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.Loops)).Select(loop => Task.Run(() => LoopAsync(loop == 0, stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(bool housekeeper, CancellationToken stoppingToken)
    {
        var idleRounds = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (housekeeper)
                {
                    await HousekeepIfDueAsync(stoppingToken);
                }
                if (bus.CheckHealth().Status != BusHealthStatus.Healthy)
                {
                    // The broker is away: wait without spending the messages' attempts.
                    idleRounds++;
                    await signal.WaitAsync(_options.Backoff(idleRounds), stoppingToken);
                    continue;
                }
                idleRounds = 0;
                var (claimed, failed) = await DispatchBatchAsync(stoppingToken);
                if (claimed == _options.BatchSize && !failed)
                {
                    continue;
                }
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                idleRounds++;
                LogDispatchFailed(logger, ex);
                await Task.Delay(_options.Backoff(idleRounds), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Claims, publishes and marks one batch; returns how many were claimed and whether a publish failed.</summary>
    internal async Task<(int Claimed, bool Failed)> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var batch = await db.Set<OutboxMessage>()
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
                ORDER BY sequence
                LIMIT {_options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return (0, false);
        }

        // Published side by side, each with its own confirm: one round trip for the batch instead
        // of one per message. Order across messages is not promised (each consumer reads its own
        // queue, so it never was); a failed one is retried on its own.
        var publishing = new List<(OutboxMessage Message, Type Type, Task Publish)>(batch.Count);
        foreach (var message in batch)
        {
            if (TryRead(message, out var body, out var type))
            {
                publishing.Add((message, type, PublishAsync(message, body, type, cancellationToken)));
            }
            else
            {
                message.DeadLetter($"Cannot read a {message.Type}: unknown type or unreadable payload.", now);
                metrics.DeadLettered();
            }
        }
        var published = new List<OutboxMessage>(publishing.Count);
        var secrets = new HashSet<OutboxMessage>();
        var failed = false;
        foreach (var (message, type, publish) in publishing)
        {
            try
            {
                await publish;
                published.Add(message);
                if (type.IsAssignableTo(typeof(Contracts.ICarriesSecret)))
                {
                    secrets.Add(message);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failed = true;
                message.RecordFailure(ex.Message, now, _options);
                metrics.PublishFailed();
                if (message.DeadLetteredAt is not null)
                {
                    metrics.DeadLettered();
                }
                LogPublishFailed(logger, ex, message.Id, message.Attempts);
            }
        }

        if (AfterPublish is { } afterPublish)
        {
            await afterPublish(published);
        }
        foreach (var message in published)
        {
            message.MarkSent(now, secrets.Contains(message));
            metrics.Published();
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (batch.Count, failed);
    }

    private async Task PublishAsync(OutboxMessage message, object body, Type type, CancellationToken cancellationToken)
    {
        // Continue the trace of the change that wrote the event; MassTransit carries it on.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = MessagingMetrics.s_activities.StartActivity(
            $"outbox publish {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.Id);
        activity?.SetTag("buurt.tenant", message.TenantId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        await bus.Publish(body, type, context =>
        {
            context.MessageId = message.Id;
            context.Headers.Set(BuurtMessageHeaders.Tenant, message.TenantId);
        }, timeout.Token);
    }

    private static bool TryRead(OutboxMessage message, out object body, out Type type)
    {
        body = null!;
        type = s_types.GetOrAdd(message.Type, name => Type.GetType(name, throwOnError: false))!;
        if (type is null)
        {
            return false;
        }
        try
        {
            body = JsonSerializer.Deserialize(message.Payload, type, OutboxMessage.s_json)!;
            return body is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Refreshes the backlog metrics and deletes sent messages and inbox records past retention.</summary>
    private async Task HousekeepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextHousekeeping)
        {
            return;
        }
        _nextHousekeeping = now + _options.HousekeepingInterval;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var outbox = db.Set<OutboxMessage>();
        var pending = outbox.Where(m => m.SentAt == null && m.DeadLetteredAt == null);
        var oldest = await pending.MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        metrics.Observe(new OutboxBacklog(
            await pending.LongCountAsync(cancellationToken),
            oldest is null ? TimeSpan.Zero : now - oldest.Value,
            await outbox.LongCountAsync(m => m.DeadLetteredAt != null, cancellationToken)));

        await outbox.Where(m => m.SentAt < now - _options.SentRetention).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Inbox.InboxMessage>().Where(m => m.ProcessedAt < now - _options.InboxRetention).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch round failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} failed (attempt {Attempts})")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid messageId, int attempts);
}
