namespace Buurt.Contracts.Calendar;

// A reminder a day before: published once per start a resident has a place or a booking for, so a
// notification can say "tomorrow" without asking the calendar. A registration or booking made within
// that last day gets none (its confirmation is fresh); a moved occurrence is reminded of again at its
// new time. Nothing is reminded of for what was cancelled (the registration, booking, occurrence or
// activity) or has begun.

/// <summary>
/// A resident has a place at an occurrence that starts within a day. <c>OccurrenceStart</c> names the
/// occurrence (its original local start); <c>LocalStart</c> is when it starts now (after a move).
/// </summary>
public sealed record RegistrationReminderDue(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RegistrationId,
    Guid ActivityId,
    Guid AreaId,
    Guid AccountId,
    string ActivityTitle,
    string OccurrenceStart,
    string LocalStart,
    string TimeZone,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Location,
    string? OnlineUrl,
    string CheckInCode) : IIntegrationEvent;

/// <summary>A resident's booked slot of an office hour starts within a day.</summary>
public sealed record BookingReminderDue(
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
    string? Location,
    string? OnlineUrl) : IIntegrationEvent;
