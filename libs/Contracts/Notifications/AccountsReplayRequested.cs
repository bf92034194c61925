namespace Buurt.Contracts.Notifications;

/// <summary>
/// The notifications service's copy of a municipality's accounts is new: identity answers with an
/// <c>AccountChanged</c> for every account of <c>TenantId</c>, so that accounts made before the
/// copy's queues existed reach it too. Asked once per municipality.
/// </summary>
public sealed record AccountsReplayRequested(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
