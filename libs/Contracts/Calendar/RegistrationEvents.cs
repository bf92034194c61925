namespace Buurt.Contracts.Calendar;

// A registration for one occurrence of an activity. Each event carries what a notification needs
// without asking the calendar: the resident's account, the activity's title, the occurrence's local
// start ("2026-12-07T19:00", also its name in the calendar's URLs) in its IANA zone, and the instant.
// EndsAt came later (null in events published before it): the confirmation mail's .ics needs it.

/// <summary>A resident registered and has a place; <c>CheckInCode</c> is shown at the door.</summary>
public sealed record RegistrationConfirmed(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RegistrationId,
    Guid ActivityId,
    Guid AreaId,
    Guid AccountId,
    string ActivityTitle,
    string OccurrenceStart,
    string TimeZone,
    DateTimeOffset StartsAt,
    string CheckInCode,
    DateTimeOffset? EndsAt = null) : IIntegrationEvent;

/// <summary>A resident registered when the occurrence was full: they wait at <c>Position</c> (1 is next).</summary>
public sealed record RegistrationWaitlisted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RegistrationId,
    Guid ActivityId,
    Guid AreaId,
    Guid AccountId,
    string ActivityTitle,
    string OccurrenceStart,
    string TimeZone,
    DateTimeOffset StartsAt,
    int Position) : IIntegrationEvent;

/// <summary>A place came free and the first waiting resident has it now.</summary>
public sealed record RegistrationPromoted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RegistrationId,
    Guid ActivityId,
    Guid AreaId,
    Guid AccountId,
    string ActivityTitle,
    string OccurrenceStart,
    string TimeZone,
    DateTimeOffset StartsAt,
    string CheckInCode,
    DateTimeOffset? EndsAt = null) : IIntegrationEvent;

/// <summary>A registration (with a place or waiting) was cancelled, by the resident or by staff.</summary>
public sealed record RegistrationCancelled(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RegistrationId,
    Guid ActivityId,
    Guid AreaId,
    Guid AccountId,
    string ActivityTitle,
    string OccurrenceStart,
    string TimeZone,
    DateTimeOffset StartsAt,
    bool ByResident) : IIntegrationEvent;
