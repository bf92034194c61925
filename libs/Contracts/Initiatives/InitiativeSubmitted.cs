namespace Buurt.Contracts.Initiatives;

/// <summary>
/// A resident submitted an initiative; its requested amount enters the wijk's pipeline.
/// <c>InitiatorId</c> and <c>Title</c> came later (null in events published before them): the
/// notifications service tells the wijk's staff by title and the initiator what happens next.
/// </summary>
public sealed record InitiativeSubmitted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Theme Theme,
    decimal RequestedAmount,
    Guid? InitiatorId = null,
    string? Title = null) : IIntegrationEvent;
