using Buurt.Contracts;
using Buurt.ServiceDefaults.Tenancy;
using MassTransit;

namespace Buurt.Messaging;

/// <summary>Sets the consumer's tenant context from the message, so tenant filters apply as in a request.</summary>
internal sealed class TenantFilter<TMessage>(TenantContext tenant) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var header = context.Headers.Get<string>(BuurtMessageHeaders.Tenant);
        var fromEvent = (context.Message as IIntegrationEvent)?.TenantId;
        if (header is not null && fromEvent is not null && header != fromEvent)
        {
            throw new InvalidOperationException($"Message {context.MessageId} says tenant '{fromEvent}' but its header says '{header}'.");
        }
        if ((fromEvent ?? header) is { } tenantId)
        {
            tenant.Set(tenantId);
        }
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenant");
}
