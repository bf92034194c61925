namespace Buurt.Contracts.Initiatives;

/// <summary>
/// The municipality's holidays (beside weekends: no working days, no office-hour slots) changed;
/// <c>Holidays</c> is the whole new list. Owned by initiatives' tenant settings for now; when the
/// holidays move to identity's tenant settings, identity raises an event of this shape instead.
/// </summary>
public sealed record HolidaysChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    IReadOnlyList<DateOnly> Holidays) : IIntegrationEvent;

/// <summary>
/// A service that copies the holidays asks for the whole list (the calendar, at its start, so a
/// <see cref="HolidaysChanged"/> it missed does not leave it wrong); initiatives answers with a
/// <see cref="HolidaysChanged"/> of the current list. <c>Requester</c> names the asking service.
/// </summary>
public sealed record HolidaysRequested(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Requester) : IIntegrationEvent;
