using System.ComponentModel.DataAnnotations;
using Buurt.Calendar.Domain;
using Buurt.Contracts;
using NodaTime;

namespace Buurt.Calendar.Api;

/// <summary>An activity to schedule, or its new state (PUT). Times are wall times in its zone: <c>2026-12-07T19:00</c>.</summary>
public sealed record ActivityRequest
{
    /// <summary>Short title, 1 to 120 characters.</summary>
    [Required, StringLength(Activity.TitleMaxLength, MinimumLength = 1)]
    public string? Title { get; init; }

    /// <summary>What happens, up to 4000 characters.</summary>
    [StringLength(Activity.DescriptionMaxLength)]
    public string? Description { get; init; }

    /// <summary>The wijk's id.</summary>
    [Required]
    public Guid? AreaId { get; init; }

    /// <summary>activity, network-meeting or milestone.</summary>
    [Required]
    public ActivityKind? Kind { get; init; }

    /// <summary>public, or network (the wijk's network only).</summary>
    [Required]
    public Visibility? Visibility { get; init; }

    /// <summary>Optional: sociaal, fysiek or veilig (the agenda filters on it).</summary>
    public Theme? Theme { get; init; }

    /// <summary>Optional IANA zone of the times (default: the municipality's, Europe/Amsterdam).</summary>
    [StringLength(60)]
    public string? TimeZone { get; init; }

    /// <summary>The (first) start, local: 2026-12-07T19:00.</summary>
    [Required, StringLength(19)]
    public string? Start { get; init; }

    /// <summary>The (first) end, local, after the start.</summary>
    [Required, StringLength(19)]
    public string? End { get; init; }

    /// <summary>Optional: repeat weekly or monthly.</summary>
    public RecurrenceDto? Recurrence { get; init; }

    /// <summary>Optional: the venue.</summary>
    public VenueDto? Location { get; init; }

    /// <summary>Optional, instead of a location: a venue of the network (/api/contacts/v1/venues); its name, address and point are copied and kept current.</summary>
    public Guid? VenueId { get; init; }

    /// <summary>Optional: the link to join online (with a venue: hybrid).</summary>
    [StringLength(Activity.OnlineUrlMaxLength)]
    public string? OnlineUrl { get; init; }

    /// <summary>Optional: registration with a capacity per occurrence.</summary>
    public RegistrationDto? Registration { get; init; }

    /// <summary>A milestone's initiative (of the same wijk).</summary>
    public Guid? InitiativeId { get; init; }

    /// <summary>
    /// Optional: hosted by a function of the wijk (<c>{"function": "wijkagent"}</c>, contacts' key, without a name):
    /// each occurrence names whoever holds it on its date.
    /// </summary>
    public HostDto? Host { get; init; }
}

/// <summary>How a series repeats (RFC 5545's RRULE in JSON).</summary>
public sealed record RecurrenceDto
{
    /// <summary>weekly or monthly.</summary>
    [Required]
    public Frequency? Frequency { get; init; }

    /// <summary>Every n weeks or months (default 1).</summary>
    [Range(1, Domain.Recurrence.MaxInterval)]
    public int? Interval { get; init; }

    /// <summary>Weekdays: MO TU WE TH FR SA SU; monthly also with their place: 1MO (first Monday), -1FR (last Friday).</summary>
    [MaxLength(7)]
    public IReadOnlyList<string>? ByDay { get; init; }

    /// <summary>The number of occurrences (not with until).</summary>
    [Range(1, 1000)]
    public int? Count { get; init; }

    /// <summary>The last date an occurrence may start on, 2027-06-30 (not with count). Without both: two years ahead.</summary>
    [StringLength(10)]
    public string? Until { get; init; }
}

/// <summary>A venue: name, address, WGS84 point.</summary>
public sealed record VenueDto
{
    [Required, StringLength(Venue.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    [StringLength(Venue.AddressMaxLength)]
    public string? Address { get; init; }

    [Range(-90.0, 90.0)]
    public double? Lat { get; init; }

    [Range(-180.0, 180.0)]
    public double? Lon { get; init; }

    public static VenueDto? From(Venue? venue) =>
        venue is null ? null : new VenueDto { Name = venue.Name, Address = venue.Address, Lat = venue.Lat, Lon = venue.Lon };
}

/// <summary>Registration per occurrence.</summary>
public sealed record RegistrationDto
{
    /// <summary>Places per occurrence, 1 or more.</summary>
    [Required, Range(1, Activity.MaxCapacity)]
    public int? Capacity { get; init; }
}

/// <summary>Why a whole activity or one occurrence is cancelled (the participants see it).</summary>
public sealed record CancellationRequest
{
    [StringLength(Occurrence.ReasonMaxLength)]
    public string? Reason { get; init; }
}

/// <summary>An occurrence's new wall times.</summary>
public sealed record OccurrenceMoveRequest
{
    [Required, StringLength(19)]
    public string? Start { get; init; }

    [Required, StringLength(19)]
    public string? End { get; init; }

    [StringLength(Occurrence.ReasonMaxLength)]
    public string? Reason { get; init; }
}

/// <summary>A series' rule as stored: <c>bounded</c> says a series asked for no end and runs to <c>until</c>, two years ahead.</summary>
public sealed record RecurrenceResponse(Frequency Frequency, int Interval, IReadOnlyList<string> ByDay, int? Count, string? Until, bool Bounded, string Rrule)
{
    public static RecurrenceResponse? From(Recurrence? r, DateTimeZone zone) => r is null
        ? null
        : new(r.Frequency, r.Interval, [.. r.ByDay.Select(d => d.ToString())], r.Count, r.Until is { } until ? LocalTimes.Format(until) : null, r.Bounded, r.ToRrule(zone));
}

/// <summary>An activity as clients see it: wall times (<c>start</c>) and the first occurrence's instants with offset (<c>startsAt</c>).</summary>
public sealed record ActivityResponse(
    Guid Id,
    string Title,
    string Description,
    Guid AreaId,
    ActivityKind Kind,
    Visibility Visibility,
    Theme? Theme,
    string TimeZone,
    string Start,
    string End,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    RecurrenceResponse? Recurrence,
    VenueDto? Location,
    Guid? VenueId,
    string? OnlineUrl,
    RegistrationDto? Registration,
    Guid? InitiativeId,
    string Status,
    string? CancelReason,
    int Sequence,
    int Occurrences,
    DateTimeOffset CreatedAt,
    DateTimeOffset ChangedAt)
{
    /// <summary>The host function (<c>byFunction</c>, no name); each occurrence names its holder of that date. Null without a host.</summary>
    public HostDto? Host { get; init; }

    public static ActivityResponse From(Activity a) => new(
        a.Id, a.Title, a.Description, a.AreaId, a.Kind, a.Visibility, a.Theme, a.TimeZone,
        LocalTimes.Format(a.Start), LocalTimes.Format(a.End), a.FirstStartsAt, a.FirstEndsAt,
        RecurrenceResponse.From(a.Recurrence, a.Zone),
        VenueDto.From(a.Venue), a.VenueId, a.OnlineUrl, a.Capacity is { } c ? new RegistrationDto { Capacity = c } : null, a.InitiativeId,
        a.IsCancelled ? "cancelled" : "scheduled", a.CancelReason, a.Sequence, a.Occurrences.Count, a.CreatedAt, a.ChangedAt)
    {
        Host = a.HostFunction is { } function ? HostDto.Of(new OfficeHost(function, null), byFunction: true) : null,
    };
}

/// <summary>
/// One occurrence: named by its original wall time (<c>occurrenceStart</c>, the key in URLs), with
/// its instants (<c>start</c>, <c>end</c>) carrying the zone's offset at that moment.
/// </summary>
public sealed record OccurrenceResponse(
    Guid ActivityId,
    string OccurrenceStart,
    DateTimeOffset Start,
    DateTimeOffset End,
    string LocalStart,
    string LocalEnd,
    string Status,
    bool Moved,
    string? Reason,
    int Registered,
    int Waitlisted)
{
    /// <summary>An activity hosted by a function: its holder on the occurrence's date (the function alone when nobody holds it).</summary>
    public HostDto? Host { get; init; }

    public static OccurrenceResponse From(Activity activity, Occurrence o, HostRoster roster)
    {
        var zone = activity.Zone;
        return new(activity.Id, LocalTimes.Format(o.OriginalStart), Offset(o.StartsAt, zone), Offset(o.EndsAt, zone),
            LocalTimes.Format(o.Start), LocalTimes.Format(o.End), activity.IsCancelled || o.Cancelled ? "cancelled" : "scheduled", o.Moved, o.Reason,
            o.Registered, o.Waitlisted)
        {
            Host = HostDto.Of(activity.HostOn(o.Start.Date, roster)),
        };
    }

    public static DateTimeOffset Offset(DateTimeOffset utc, DateTimeZone zone) => LocalTimes.WithOffset(Instant.FromDateTimeOffset(utc), zone);
}

/// <summary>
/// An agenda line: one occurrence of an activity (<c>activityId</c>), or one session of an office
/// hour (<c>kind</c> office-hour, <c>officeHourId</c> and its <c>host</c>; book its slots).
/// </summary>
public sealed record AgendaItem(
    Guid? ActivityId,
    string OccurrenceStart,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Title,
    string Kind,
    string Visibility,
    Guid AreaId,
    Theme? Theme,
    string TimeZone,
    string Status,
    bool Moved,
    string? Reason,
    bool Recurring,
    VenueDto? Location,
    string? OnlineUrl,
    int? Capacity,
    int Registered,
    Guid? InitiativeId,
    int Sequence)
{
    public Guid? OfficeHourId { get; init; }

    /// <summary>An office hour's host, or the host of an activity hosted by a function: the holder on the date (by function).</summary>
    public HostDto? Host { get; init; }

    /// <summary>An office hour's session: <c>walk-in</c>, <c>bookable</c> or <c>both</c>.</summary>
    public string? Mode { get; init; }

    /// <summary>Until when a session is walk-in (its walk-in part); null without one.</summary>
    public DateTimeOffset? WalkInUntil { get; init; }
}
