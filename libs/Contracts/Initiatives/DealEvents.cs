namespace Buurt.Contracts.Initiatives;

/// <summary>
/// A buurtdeal was proposed, or a proposed deal revised: the budget service is asked to reserve
/// <c>Amount</c> (euros, two decimals) from the wijk's budget. A later version of the same
/// initiative's deal replaces the earlier one: its reservation is the one that counts.
/// The budget answers with <c>FundsReserved</c> or <c>FundsReservationRejected</c> for this version.
/// <c>InitiatorId</c> and <c>Title</c> came later (null in events published before them): the
/// initiators are asked to accept the deal.
/// </summary>
public sealed record DealProposed(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Theme Theme,
    int DealVersion,
    decimal Amount,
    Guid? InitiatorId = null,
    string? Title = null) : IIntegrationEvent;

/// <summary>Every party accepted the deal, with its money reserved: the reservation becomes a commitment.</summary>
public sealed record DealAccepted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    int DealVersion,
    decimal Amount) : IIntegrationEvent;

/// <summary>A commitment of a buurtdeal passed its due date without being marked done; published once per commitment and due date.</summary>
public sealed record CommitmentOverdue(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Guid CommitmentId,
    string Side,
    string Owner,
    DateOnly DueDate) : IIntegrationEvent;
