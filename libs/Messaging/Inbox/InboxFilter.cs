using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurt.Messaging.Inbox;

/// <summary>
/// Runs every consumer through the inbox: a redelivered message (same message id) has no second
/// effect. The consumer only changes the DbContext; this filter saves and commits.
/// </summary>
internal sealed partial class InboxFilter<TMessage>(
    IServiceProvider services,
    IEnumerable<GroupedMessageType> grouped,
    MessagingMetrics metrics,
    ILogger<InboxFilter<TMessage>> logger) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    private static readonly GroupedMessageType s_self = new(typeof(TMessage));

    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        if (grouped.Contains(s_self))
        {
            // Its group records it in the group's transaction.
            await next.Send(context);
            return;
        }
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var consumer = InboxRecord.ConsumerOf(context);
        var tenant = context.Headers.Get<string>(BuurtMessageHeaders.Tenant);

        // Resolved here, not injected: a grouped message needs no DbContext of its own.
        await using (var transaction = services.GetRequiredService<IConsumerTransaction>())
        {
            if ((await transaction.BeginAsync([messageId], consumer, tenant, context.CancellationToken)).Count == 0)
            {
                metrics.DuplicateSkipped(consumer);
                LogDuplicate(logger, messageId, consumer);
                return;
            }
            await next.Send(context);
            await transaction.CommitAsync(context.CancellationToken);
            metrics.Applied(consumer);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} was already applied by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
