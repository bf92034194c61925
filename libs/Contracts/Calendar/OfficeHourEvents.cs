namespace Buurt.Contracts.Calendar;

/// <summary>
/// One session of an office hour: its instants with offset, until when it is walk-in (null without a
/// walk-in part), whether it is cancelled (the host blocked the date), and who hosts it that day
/// (<c>HostName</c>: the person, null when the host is a function nobody holds on that date).
/// </summary>
public sealed record OfficeHourSession(DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? WalkInUntil, bool Cancelled, string? HostName);

/// <summary>
/// An office hour's coming sessions, as they are now: raised when it is scheduled, when a date is
/// blocked or freed, when a hand-over changes who hosts it, and when asked (<see cref="OfficeHoursRequested"/>).
/// <c>Sessions</c> are those of the coming year (at most <see cref="MaxSessions"/>), in order; a later event
/// (higher <c>OccurredAt</c>) replaces an earlier one as a whole. <c>HostByFunction</c>: the host is
/// "the {function} of the wijk", whoever holds it on a session's date; else <c>HostName</c> is the person.
/// <c>Mode</c> is <c>walk-in</c>, <c>bookable</c> or <c>both</c>.
/// </summary>
public sealed record OfficeHourSessionsPlanned(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OfficeHourId,
    Guid AreaId,
    string HostFunction,
    string? HostName,
    bool HostByFunction,
    string Mode,
    string TimeZone,
    string? Location,
    Guid? VenueId,
    string? OnlineUrl,
    IReadOnlyList<OfficeHourSession> Sessions) : IIntegrationEvent
{
    /// <summary>The most sessions one event carries (a weekly office hour's year).</summary>
    public const int MaxSessions = 60;
}

/// <summary>
/// A service that copies the office hours asks for all of them (contacts, at its start, so sessions
/// published before its queue existed are not missed); the calendar answers with an
/// <see cref="OfficeHourSessionsPlanned"/> per office hour. <c>Requester</c> names the asking service.
/// </summary>
public sealed record OfficeHoursRequested(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Requester) : IIntegrationEvent;
