namespace Buurt.Contracts.Notifications;

/// <summary>
/// A copy of a municipality's accounts is new (the notifications service's recipients, the calendar's
/// names): identity answers with an <c>AccountChanged</c> for every account of <c>TenantId</c>, so that
/// accounts made before the copy's queues existed reach it too. Asked once per municipality and copy;
/// every copy receives the answer, and takes it as the current state it is.
/// </summary>
public sealed record AccountsReplayRequested(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
