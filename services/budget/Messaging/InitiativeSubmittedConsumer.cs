using Buurt.Budget.UseCases;
using Buurt.Contracts.Initiatives;
using MassTransit;

namespace Buurt.Budget.Messaging;

/// <summary>A submitted initiative's requested amount enters its wijk's pipeline (once: the inbox sees to that).</summary>
public sealed class InitiativeSubmittedConsumer(DealFunding funding) : IConsumer<InitiativeSubmitted>
{
    public Task Consume(ConsumeContext<InitiativeSubmitted> context) => funding.EnterPipelineAsync(context.Message, context.CancellationToken);
}
