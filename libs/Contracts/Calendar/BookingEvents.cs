namespace Buurt.Contracts.Calendar;

// A booked slot of an office hour (spreekuur): the resident's account, the host (function and name,
// "wijkwethouder" / "Anna de Vries"), the slot's instants and its local start ("2026-12-07T19:00")
// in its IANA zone. What a confirmation mail, a reminder and the host's preparation need.

/// <summary>
/// A resident booked a slot. <c>CancelToken</c> is the secret of the cancel link in the confirmation
/// mail (<c>/api/calendar/v1/booking-cancellations/{token}</c>); see <see cref="ICarriesSecret"/>.
/// </summary>
public sealed record BookingConfirmed(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid BookingId,
    Guid OfficeHourId,
    Guid AreaId,
    Guid AccountId,
    string HostFunction,
    string HostName,
    string LocalStart,
    string TimeZone,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Topic,
    string CancelToken) : IIntegrationEvent, ICarriesSecret;

/// <summary>A booking was cancelled: by the resident (<c>ByResident</c>), or by staff with the reason the resident is told.</summary>
public sealed record BookingCancelled(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid BookingId,
    Guid OfficeHourId,
    Guid AreaId,
    Guid AccountId,
    string HostFunction,
    string HostName,
    string LocalStart,
    string TimeZone,
    DateTimeOffset StartsAt,
    bool ByResident,
    string? Reason) : IIntegrationEvent;
