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

/// <summary>The whole activity (every occurrence) was cancelled, with the reason participants are told.</summary>
public sealed record ActivityCancelled(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ActivityId,
    Guid AreaId,
    string? Reason,
    int Sequence) : IIntegrationEvent;

/// <summary>One occurrence of an activity was cancelled; the series goes on. <c>OriginalStart</c> names it.</summary>
public sealed record OccurrenceCancelled(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ActivityId,
    Guid AreaId,
    string OriginalStart,
    DateTimeOffset StartsAt,
    string? Reason,
    int Sequence) : IIntegrationEvent;

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
