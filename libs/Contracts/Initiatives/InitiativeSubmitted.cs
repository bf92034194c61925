namespace Buurt.Contracts.Initiatives;

/// <summary>A resident submitted an initiative; its requested amount enters the wijk's pipeline.</summary>
public sealed record InitiativeSubmitted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Theme Theme,
    decimal RequestedAmount) : IIntegrationEvent;
