using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Tenancy;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurt.Messaging.Inbox;

/// <summary>
/// A consumer whose messages are applied in groups: what arrived while the previous group was
/// committing goes into the next one, as ONE transaction with the inbox records of all of them.
/// For a hot path where messages queue on one row lock, that is one lock and one commit per group
/// instead of per message, without waiting for a group to fill. Register with
/// <see cref="MessagingSetup.AddGroupConsumer{TConsumer, TMessage}"/>.
/// </summary>
public interface IGroupConsumer<in TMessage>
    where TMessage : class, IIntegrationEvent
{
    /// <summary>
    /// Applies one tenant's messages this consumer has not applied before, in the order they
    /// arrived. The inbox saves and commits afterwards; a throw rolls the whole group back.
    /// </summary>
    Task ConsumeAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken);
}

/// <summary>The message types of this service that are applied in groups (their inbox is the group's).</summary>
internal sealed record GroupedMessageType(Type Type);

/// <summary>
/// The MassTransit consumer of a grouped message: hands it to the group and returns when the group
/// that took it has committed. Each message keeps its own acknowledgement, retries and error queue.
/// </summary>
internal sealed class GroupedConsumer<TMessage>(GroupCommit<TMessage> group) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    public Task Consume(ConsumeContext<TMessage> context) => group.ApplyAsync(context);
}

/// <summary>
/// One writer per replica for a grouped message type: takes what is waiting (up to the limit),
/// applies it per tenant in one transaction, and tells each message's consumer how it went. When a
/// group fails on something a message may have caused, its messages are tried one by one, so one
/// bad message fails alone; when the database itself failed (a transient error), the whole group
/// fails at once and each message's retry policy takes over, instead of a hundred lone attempts
/// against a database that is not there.
/// </summary>
internal sealed partial class GroupCommit<TMessage> : IAsyncDisposable
    where TMessage : class, IIntegrationEvent
{
    private sealed record Waiting(TMessage Message, Guid MessageId, string Consumer, long Arrived, TaskCompletionSource Done);

    private readonly IServiceScopeFactory _scopes;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _limit;
    private readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;

    // A singleton, first resolved by the first message: the writer starts with it.
    public GroupCommit(IServiceScopeFactory scopes, MessagingMetrics metrics, ILogger<GroupCommit<TMessage>> logger, int limit)
    {
        (_scopes, _metrics, _logger, _limit) = (scopes, metrics, logger, limit);
        _writer = Task.Run(() => WriteAsync(_stopping.Token));
    }

    public Task ApplyAsync(ConsumeContext<TMessage> context)
    {
        var waiting = new Waiting(
            context.Message,
            context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id."),
            InboxRecord.ConsumerOf(context),
            Stopwatch.GetTimestamp(),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiting.Writer.TryWrite(waiting);
        // Stopping does not undo a commit: a message given up here and redelivered meets its inbox record.
        return waiting.Done.Task.WaitAsync(context.CancellationToken);
    }

    private async Task WriteAsync(CancellationToken stopping)
    {
        var group = new List<Waiting>(_limit);
        while (await _waiting.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            while (group.Count < _limit && _waiting.Reader.TryRead(out var next))
            {
                group.Add(next);
            }
            foreach (var part in group.GroupBy(w => (w.Message.TenantId, w.Consumer)))
            {
                await CommitAsync(part.ToList(), stopping).ConfigureAwait(false);
            }
            group.Clear();
        }
    }

    private async Task CommitAsync(List<Waiting> group, CancellationToken stopping)
    {
        try
        {
            await ApplyAsync(group, stopping);
            _metrics.GroupCommitted(group[0].Consumer, group.Count);
            foreach (var waiting in group)
            {
                _metrics.GroupWaited(waiting.Consumer, Stopwatch.GetElapsedTime(waiting.Arrived));
                waiting.Done.TrySetResult();
            }
        }
        catch (Exception ex) when (group.Count > 1 && !IsTransient(ex))
        {
            LogGroupSplit(_logger, ex, group[0].Consumer, group.Count);
            foreach (var one in group)
            {
                await CommitAsync([one], stopping);
            }
        }
        catch (Exception ex)
        {
            LogGroupFailed(_logger, ex, group[0].Consumer, group.Count);
            foreach (var waiting in group)
            {
                waiting.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The database or the connection failed, not a message: trying the messages alone would fail the same way.</summary>
    private static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} {Consumer} messages failed; trying them one by one")]
    private static partial void LogGroupSplit(ILogger logger, Exception exception, string consumer, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Consumer} message(s) failed; their retries take over")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, string consumer, int count);

    private async Task ApplyAsync(List<Waiting> group, CancellationToken stopping)
    {
        var (tenantId, consumer) = (group[0].Message.TenantId, group[0].Consumer);
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await using var transaction = scope.ServiceProvider.GetRequiredService<IConsumerTransaction>();
        var fresh = await transaction.BeginAsync([.. group.Select(w => w.MessageId)], consumer, tenantId, stopping);
        // Removed as taken: a message redelivered into the same group is applied once.
        var messages = group.Where(w => fresh.Remove(w.MessageId)).Select(w => w.Message).ToList();
        if (messages.Count > 0)
        {
            await scope.ServiceProvider.GetRequiredService<IGroupConsumer<TMessage>>().ConsumeAsync(messages, stopping);
        }
        await transaction.CommitAsync(stopping);
        _metrics.Applied(consumer, messages.Count);
        _metrics.DuplicateSkipped(consumer, group.Count - messages.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _waiting.Writer.TryComplete();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }
}
