using MassTransit;
using Microsoft.Extensions.Logging;

namespace Buurt.Messaging.Inbox;

/// <summary>
/// Runs every consumer through the inbox: a redelivered message (same message id) has no second
/// effect. The consumer only changes the DbContext; this filter saves and commits.
/// </summary>
internal sealed partial class InboxFilter<TMessage>(
    IConsumerTransaction transaction,
    MessagingMetrics metrics,
    ILogger<InboxFilter<TMessage>> logger) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var consumer = context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1];
        var tenant = context.Headers.Get<string>(BuurtMessageHeaders.Tenant);

        await using (transaction)
        {
            if (!await transaction.BeginAsync(messageId, consumer, tenant, context.CancellationToken))
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
