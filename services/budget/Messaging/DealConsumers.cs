using Buurt.AreaCopy;
using Buurt.Budget.UseCases;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging;
using Buurt.Messaging.Inbox;
using MassTransit;

namespace Buurt.Budget.Messaging;

// The deal's money. Each consumer runs in the inbox's transaction: its bookings, ledger entries and
// answers commit together with the message's inbox record, or not at all.

/// <summary>
/// Proposed (or revised) deals: reserve, or reject with the reason. Applied in groups: deals on
/// one wijk queue on its row lock, so one lock and one commit serve every deal that arrived meanwhile.
/// </summary>
public sealed class DealProposedConsumer(DealFunding funding) : IGroupConsumer<DealProposed>
{
    public Task ConsumeAsync(IReadOnlyList<DealProposed> messages, CancellationToken cancellationToken) =>
        funding.ProposeAsync(messages, cancellationToken);
}

/// <summary>An accepted deal: its reservation becomes a commitment.</summary>
public sealed class DealAcceptedConsumer(DealFunding funding) : IConsumer<DealAccepted>
{
    public Task Consume(ConsumeContext<DealAccepted> context) => funding.AcceptAsync(context.Message, context.CancellationToken);
}

/// <summary>A withdrawn initiative gives back what it held.</summary>
public sealed class InitiativeWithdrawnConsumer(DealFunding funding) : IConsumer<InitiativeWithdrawn>
{
    public Task Consume(ConsumeContext<InitiativeWithdrawn> context) =>
        funding.ReleaseAsync(context.Message.InitiativeId, "Initiative withdrawn", context.Message.EventId, context.CancellationToken);
}

/// <summary>A declined initiative gives back what it held.</summary>
public sealed class InitiativeDeclinedConsumer(DealFunding funding) : IConsumer<InitiativeDeclined>
{
    public Task Consume(ConsumeContext<InitiativeDeclined> context) =>
        funding.ReleaseAsync(context.Message.InitiativeId, "Initiative declined", context.Message.EventId, context.CancellationToken);
}

/// <summary>A completed initiative: its final cost stays committed, the rest is released.</summary>
public sealed class InitiativeCompletedConsumer(DealFunding funding) : IConsumer<InitiativeCompleted>
{
    public Task Consume(ConsumeContext<InitiativeCompleted> context) => funding.CompleteAsync(context.Message, context.CancellationToken);
}

/// <summary>Registers the budget's consumers.</summary>
public static class BudgetConsumers
{
    public static void AddBudgetConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddAreaCopyConsumers();
        bus.AddConsumer<InitiativeSubmittedConsumer>();
        bus.AddGroupConsumer<DealProposedConsumer, DealProposed>();
        bus.AddConsumer<DealAcceptedConsumer>();
        bus.AddConsumer<InitiativeWithdrawnConsumer>();
        bus.AddConsumer<InitiativeDeclinedConsumer>();
        bus.AddConsumer<InitiativeCompletedConsumer>();
    }
}
