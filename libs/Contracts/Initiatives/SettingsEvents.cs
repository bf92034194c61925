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
