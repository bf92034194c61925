namespace Buurt.Contracts.Calendar;

// An activity's times travel as instants with their offset (the first occurrence), plus its IANA
// time zone and, for a series, its rule as an RFC 5545 RRULE value: what a consumer needs to plan a
// reminder or count for the yearly report without asking the calendar. Local wall times, where an
// occurrence is named by one, are written "2026-12-07T19:00" in that zone. Sequence is the
// iCalendar SEQUENCE after the change: it rises with every change, so a later fact wins.

/// <summary>
/// An activity was put in the agenda of a wijk. <c>Kind</c> is <c>activity</c>, <c>network-meeting</c>
/// or <c>milestone</c>; <c>Visibility</c> <c>public</c> or <c>network</c> (the wijk's network only).
/// </summary>
public sealed record ActivityScheduled(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ActivityId,
    Guid AreaId,
    string Kind,
    string Visibility,
    string Title,
    string TimeZone,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Recurrence,
    int? Capacity,
    Guid? InitiativeId,
    int Sequence) : IIntegrationEvent;

/// <summary>An activity's details, times or rule changed; the fields are its state after the change.</summary>
public sealed record ActivityChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ActivityId,
    Guid AreaId,
    string Kind,
    string Visibility,
    string Title,
    string TimeZone,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Recurrence,
    int? Capacity,
    Guid? InitiativeId,
    int Sequence) : IIntegrationEvent;

/// <summary>
/// The whole activity (every occurrence) was cancelled, with the reason participants are told.
/// <c>Participants</c>: the registrations (with a place or waiting) of its occurrences still to come,
/// so the notifications service can tell each resident without a copy of the registrations;
/// <c>Title</c>, <c>TimeZone</c> and <c>Participants</c> are null in events raised before they existed.
/// </summary>
public sealed record ActivityCancelled(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ActivityId,
    Guid AreaId,
    string? Reason,
    int Sequence,
    string? Title = null,
    string? TimeZone = null,
    IReadOnlyList<CancelledParticipant>? Participants = null) : IIntegrationEvent;

/// <summary>
/// A resident registered (<c>Status</c> <c>registered</c>) or waiting (<c>waitlisted</c>) for an
/// occurrence that was cancelled: its original local start names it, <c>StartsAt</c> is when it would have been.
/// </summary>
public sealed record CancelledParticipant(Guid AccountId, Guid RegistrationId, string Status, string OccurrenceStart, DateTimeOffset StartsAt);

/// <summary>
/// One occurrence of an activity was cancelled; the series goes on. <c>OriginalStart</c> names it.
/// <c>Participants</c>: its registrations (with a place or waiting), each resident to be told;
/// <c>Title</c>, <c>TimeZone</c> and <c>Participants</c> are null in events raised before they existed.
/// </summary>
public sealed record OccurrenceCancelled(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ActivityId,
    Guid AreaId,
    string OriginalStart,
    DateTimeOffset StartsAt,
    string? Reason,
    int Sequence,
    string? Title = null,
    string? TimeZone = null,
    IReadOnlyList<CancelledParticipant>? Participants = null) : IIntegrationEvent;

/// <summary>One occurrence of an activity moved to another time; the series goes on. <c>OriginalStart</c> names it.</summary>
public sealed record OccurrenceMoved(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ActivityId,
    Guid AreaId,
    string OriginalStart,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Reason,
    int Sequence) : IIntegrationEvent;
