using Buurt.Budget.Data;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging.Inbox;
using MassTransit;

namespace Buurt.Budget.Messaging;

// The deal's money. Each consumer runs in the inbox's transaction: its bookings, ledger entries and
// answers commit together with the message's inbox record, or not at all.

/// <summary>
/// Proposed (or revised) deals: reserve, or reject with the reason. Applied in groups: deals on
/// one wijk queue on its row lock, so one lock and one commit serve every deal that arrived meanwhile.
/// </summary>
public sealed class DealProposedConsumer(Books books) : IGroupConsumer<DealProposed>
{
    public Task ConsumeAsync(IReadOnlyList<DealProposed> messages, CancellationToken cancellationToken) =>
        books.ProposeAsync(messages, cancellationToken);
}

/// <summary>An accepted deal: its reservation becomes a commitment.</summary>
public sealed class DealAcceptedConsumer(Books books) : IConsumer<DealAccepted>
{
    public Task Consume(ConsumeContext<DealAccepted> context) => books.AcceptAsync(context.Message, context.CancellationToken);
}

/// <summary>A withdrawn initiative gives back what it held.</summary>
public sealed class InitiativeWithdrawnConsumer(Books books) : IConsumer<InitiativeWithdrawn>
{
    public Task Consume(ConsumeContext<InitiativeWithdrawn> context) =>
        books.ReleaseAsync(context.Message.InitiativeId, "Initiative withdrawn", context.Message.EventId, context.CancellationToken);
}

/// <summary>A declined initiative gives back what it held.</summary>
public sealed class InitiativeDeclinedConsumer(Books books) : IConsumer<InitiativeDeclined>
{
    public Task Consume(ConsumeContext<InitiativeDeclined> context) =>
        books.ReleaseAsync(context.Message.InitiativeId, "Initiative declined", context.Message.EventId, context.CancellationToken);
}

/// <summary>A completed initiative: its final cost stays committed, the rest is released.</summary>
public sealed class InitiativeCompletedConsumer(Books books) : IConsumer<InitiativeCompleted>
{
    public Task Consume(ConsumeContext<InitiativeCompleted> context) => books.CompleteAsync(context.Message, context.CancellationToken);
}
