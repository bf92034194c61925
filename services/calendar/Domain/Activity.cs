using Buurt.Contracts;
using Buurt.Contracts.Calendar;
using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Domain;

/// <summary>The rule of a series as asked for: frequency, interval, weekdays (<c>MO</c>, <c>1MO</c>), count or until.</summary>
public sealed record RecurrenceRequest(Frequency Frequency, int Interval, IReadOnlyList<string> ByDay, int? Count, LocalDate? Until);

/// <summary>What an activity is to be: its text, wijk, kind, who sees it, its wall times in its zone, its rule and place.</summary>
public sealed record ActivityPlan(
    string Title,
    string Description,
    Guid AreaId,
    ActivityKind Kind,
    Visibility Visibility,
    Theme? Theme,
    DateTimeZone Zone,
    LocalDateTime Start,
    LocalDateTime End,
    RecurrenceRequest? Recurrence,
    Venue? Venue,
    Uri? OnlineUrl,
    int? Capacity,
    Guid? InitiativeId,
    Guid? VenueId = null,
    string? HostFunction = null);

/// <summary>
/// An activity in a wijk's agenda: one-off or a series, stored as wall time plus its IANA zone and
/// planned into <see cref="Occurrences"/> up to the horizon. Every change checks the rules before it
/// changes anything, raises SEQUENCE by one and raises the event the other services hear.
/// </summary>
public sealed class Activity : Aggregate
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;
    public const int OnlineUrlMaxLength = 500;
    public const int MaxCapacity = 10_000;

    /// <summary>An activity longer than this is a series of shorter ones.</summary>
    public static readonly Duration MaxLength = Duration.FromDays(7);

    private readonly List<Occurrence> _occurrences = [];

    private Activity()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid AreaId { get; private set; }

    public ActivityKind Kind { get; private set; }

    public Visibility Visibility { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public Theme? Theme { get; private set; }

    /// <summary>The IANA zone the wall times are in (the municipality's, unless the activity names another).</summary>
    public string TimeZone { get; private set; } = "";

    /// <summary>The first occurrence's wall times.</summary>
    public LocalDateTime Start { get; private set; }

    public LocalDateTime End { get; private set; }

    public Recurrence? Recurrence { get; private set; }

    public Venue? Venue { get; private set; }

    /// <summary>The contacts service's venue the location is copied from (kept current when it changes); null for a location given as text.</summary>
    public Guid? VenueId { get; private set; }

    public string? OnlineUrl { get; private set; }

    /// <summary>Places per occurrence when it takes registrations (null: no registration, just come).</summary>
    public int? Capacity { get; private set; }

    /// <summary>The initiative a milestone belongs to.</summary>
    public Guid? InitiativeId { get; private set; }

    /// <summary>
    /// Hosted by a function of the wijk (contacts' key, wijkagent): each occurrence names whoever holds
    /// it on its date (<see cref="HostOn"/>); null for an activity without a host.
    /// </summary>
    public string? HostFunction { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The last change of anything a feed shows (DTSTAMP, LAST-MODIFIED, the ETag).</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>iCalendar SEQUENCE: 0 when scheduled, one more with every change.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>A milestone of an initiative that was withdrawn or declined: shown nowhere.</summary>
    public bool Hidden { get; private set; }

    /// <summary>When the last occurrence ends: the feed leaves out what ended long ago.</summary>
    public DateTimeOffset LastEndsAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<Occurrence> Occurrences => _occurrences;

    public DateTimeZone Zone => LocalTimes.Zone(TimeZone);

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>A new activity with its occurrences planned, and <see cref="ActivityScheduled"/>.</summary>
    public static Activity Schedule(string tenantId, Guid id, ActivityPlan plan, Guid createdBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        now = Truncate(now);
        var activity = new Activity { Id = id, TenantId = tenantId, CreatedBy = createdBy, CreatedAt = now };
        activity.Apply(plan, now);
        activity.Raise(new ActivityScheduled(tenantId, Guid.CreateVersion7(now), now, id, activity.AreaId, KindName(activity.Kind),
            VisibilityName(activity.Visibility), activity.Title, activity.TimeZone, activity.FirstStartsAt, activity.FirstEndsAt,
            activity.Rrule, activity.Capacity, activity.InitiativeId, activity.Sequence));
        return activity;
    }

    /// <summary>
    /// New details, times or rule. Occurrences are planned anew; one cancelled or moved on its own
    /// stays so when the new plan still has an occurrence on its original date.
    /// </summary>
    public void Change(ActivityPlan plan, DateTimeOffset now)
    {
        RequireNotCancelled();
        now = Truncate(now);
        Apply(plan, now);
        Sequence++;
        Raise(new ActivityChanged(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, KindName(Kind), VisibilityName(Visibility), Title,
            TimeZone, FirstStartsAt, FirstEndsAt, Rrule, Capacity, InitiativeId, Sequence));
    }

    /// <summary>Cancels every occurrence; the activity stays visible as cancelled.</summary>
    /// <remarks><paramref name="participants"/>: the active registrations of the occurrences still to come, whom the event names to be told.</remarks>
    public void Cancel(string? reason, DateTimeOffset now, IReadOnlyList<Registration>? participants = null)
    {
        RequireNotCancelled();
        now = Truncate(now);
        CancelledAt = now;
        CancelReason = Clean(reason);
        Touch(now);
        Raise(new ActivityCancelled(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, CancelReason, Sequence, Title, TimeZone,
            ParticipantsOf(participants ?? [])));
    }

    /// <summary>Cancels one occurrence (named by its original start); the series goes on. Its active registrations are named in the event, to be told.</summary>
    public Occurrence CancelOccurrence(LocalDateTime originalStart, string? reason, DateTimeOffset now, IReadOnlyList<Registration>? participants = null)
    {
        var occurrence = OpenOccurrence(originalStart);
        now = Truncate(now);
        occurrence.Cancel(Clean(reason));
        Touch(now);
        Raise(new OccurrenceCancelled(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, LocalTimes.Format(originalStart),
            occurrence.StartsAt, occurrence.Reason, Sequence, Title, TimeZone, ParticipantsOf((participants ?? []).Where(r => r.OccurrenceId == occurrence.Id))));
        return occurrence;
    }

    /// <summary>Who is told of a cancellation: each registration with a place or waiting, with the occurrence it was for.</summary>
    private List<CancelledParticipant> ParticipantsOf(IEnumerable<Registration> registrations)
    {
        var occurrences = _occurrences.ToDictionary(o => o.Id);
        return [.. registrations
            .Where(r => r.Status != RegistrationStatus.Cancelled && occurrences.ContainsKey(r.OccurrenceId))
            .Select(r => (Registration: r, Occurrence: occurrences[r.OccurrenceId]))
            .OrderBy(p => p.Occurrence.StartsAt).ThenBy(p => p.Registration.Position)
            .Select(p => new CancelledParticipant(p.Registration.AccountId, p.Registration.Id,
                p.Registration.Status == RegistrationStatus.Waitlisted ? "waitlisted" : "registered",
                LocalTimes.Format(p.Occurrence.OriginalStart), p.Occurrence.StartsAt))];
    }

    /// <summary>Moves one occurrence (named by its original start) to other wall times; the series goes on.</summary>
    public Occurrence MoveOccurrence(LocalDateTime originalStart, LocalDateTime start, LocalDateTime end, string? reason, DateTimeOffset now)
    {
        var occurrence = OpenOccurrence(originalStart);
        now = Truncate(now);
        var zone = Zone;
        CheckTimes(start, end, zone, LocalTimes.Today(now, zone));
        occurrence.MoveTo(start, end, Clean(reason), zone);
        LastEndsAt = _occurrences.Max(o => o.EndsAt);
        Touch(now);
        Raise(new OccurrenceMoved(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, LocalTimes.Format(originalStart),
            occurrence.StartsAt, occurrence.EndsAt, occurrence.Reason, Sequence));
        return occurrence;
    }

    /// <summary>Its venue changed at contacts: the copied location follows, as any change does (SEQUENCE, <see cref="ActivityChanged"/>).</summary>
    public void Relocate(Venue venue, DateTimeOffset now)
    {
        if (IsCancelled || venue == Venue)
        {
            return;
        }
        now = Truncate(now);
        Venue = venue;
        Touch(now);
        Raise(new ActivityChanged(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, KindName(Kind), VisibilityName(Visibility), Title,
            TimeZone, FirstStartsAt, FirstEndsAt, Rrule, Capacity, InitiativeId, Sequence));
    }

    /// <summary>Its initiative was withdrawn or declined: a milestone of it is shown nowhere any more.</summary>
    public void Hide(DateTimeOffset now)
    {
        if (!Hidden)
        {
            Hidden = true;
            ChangedAt = Truncate(now);
        }
    }

    /// <summary>Who hosts the occurrence on <paramref name="date"/> (the function with that day's holder, as an office hour's); null without a host.</summary>
    public OfficeHost? HostOn(LocalDate date, HostRoster roster) => HostFunction is { } function ? roster.HostOn(function, AreaId, date) : null;

    /// <summary>The RRULE value of a series (RFC 5545), null for a one-off.</summary>
    public string? Rrule => Recurrence?.ToRrule(Zone);

    public DateTimeOffset FirstStartsAt => LocalTimes.WithOffset(LocalTimes.InstantOf(Start, Zone), Zone);

    public DateTimeOffset FirstEndsAt => LocalTimes.WithOffset(LocalTimes.InstantOf(Start, Zone) + ExactLength(Start, End, Zone), Zone);

    public static string KindName(ActivityKind kind) => kind switch
    {
        ActivityKind.NetworkMeeting => "network-meeting",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string VisibilityName(Visibility visibility) => visibility.ToString().ToLowerInvariant();

    private void Apply(ActivityPlan plan, DateTimeOffset now)
    {
        var title = plan.Title.Trim();
        if (title.Length is 0 or > TitleMaxLength)
        {
            throw RuleException.Invalid("title", $"A title has 1 to {TitleMaxLength} characters.");
        }
        if (plan.Description.Length > DescriptionMaxLength)
        {
            throw RuleException.Invalid("description", $"A description has at most {DescriptionMaxLength} characters.");
        }
        var today = LocalTimes.Today(now, plan.Zone);
        CheckTimes(plan.Start, plan.End, plan.Zone, today);
        if (plan.Kind == ActivityKind.Milestone && plan.Recurrence is not null)
        {
            throw RuleException.Invalid("recurrence", "A milestone happens once.");
        }
        if (plan.Kind == ActivityKind.Milestone && plan.InitiativeId is null)
        {
            throw RuleException.Invalid("initiativeId", "A milestone belongs to an initiative.");
        }
        if (plan.Kind != ActivityKind.Milestone && plan.InitiativeId is not null)
        {
            throw RuleException.Invalid("initiativeId", "Only a milestone belongs to an initiative.");
        }
        if (plan.Capacity is < 1 or > MaxCapacity)
        {
            throw RuleException.Invalid("registration.capacity", $"The capacity per occurrence is 1 to {MaxCapacity}.");
        }
        if (plan.OnlineUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || url.OriginalString.Length > OnlineUrlMaxLength))
        {
            throw RuleException.Invalid("onlineUrl", $"An online link is an http(s) address of at most {OnlineUrlMaxLength} characters.");
        }
        var hostFunction = plan.HostFunction is { } function ? OfficeHost.KeyOf(function) : null;
        if (hostFunction is { Length: 0 or > OfficeHost.MaxLength })
        {
            throw RuleException.Invalid("host.function", $"The host's function (wijkagent, wijkregisseur, ...) has 1 to {OfficeHost.MaxLength} characters.");
        }
        var recurrence = plan.Recurrence is { } r
            ? Recurrence.Of(r.Frequency, r.Interval, r.ByDay, r.Count, r.Until, plan.Start, today)
            : null;

        Title = title;
        Description = plan.Description.Trim();
        AreaId = plan.AreaId;
        Kind = plan.Kind;
        Visibility = plan.Visibility;
        Theme = plan.Theme;
        TimeZone = plan.Zone.Id;
        Start = plan.Start;
        End = plan.End;
        Recurrence = recurrence;
        Venue = plan.Venue;
        VenueId = plan.VenueId;
        OnlineUrl = plan.OnlineUrl?.OriginalString;
        Capacity = plan.Capacity;
        InitiativeId = plan.InitiativeId;
        HostFunction = hostFunction;
        PlanOccurrences(plan.Zone);
        ChangedAt = now;
    }

    /// <summary>The rule's occurrences; existing ones are kept (with their own cancellation or move) by date.</summary>
    private void PlanOccurrences(DateTimeZone zone)
    {
        var length = ExactLength(Start, End, zone);
        var starts = Recurrence?.Starts(Start).ToList() ?? [Start];
        var existing = _occurrences.ToDictionary(o => o.OriginalStart.Date);
        var planned = new List<Occurrence>(starts.Count);
        foreach (var start in starts)
        {
            var occurrence = existing.Remove(start.Date, out var kept) ? kept : new Occurrence(this, start);
            occurrence.Plan(AreaId, Capacity, start, start, length, zone);
            planned.Add(occurrence);
        }
        // Residents registered for a date the new plan drops would lose their place without a word.
        if (existing.Values.FirstOrDefault(o => o.HasRegistrations) is { } registered)
        {
            throw RuleException.Conflict($"The occurrence of {LocalTimes.Format(registered.OriginalStart)} has registrations and the new plan drops its date: " +
                "cancel that occurrence instead, so the residents are told.");
        }
        _occurrences.Clear();
        _occurrences.AddRange(planned);
        LastEndsAt = _occurrences.Max(o => o.EndsAt);
    }

    private static Duration ExactLength(LocalDateTime start, LocalDateTime end, DateTimeZone zone) =>
        LocalTimes.InstantOf(end, zone) - LocalTimes.InstantOf(start, zone);

    private static void CheckTimes(LocalDateTime start, LocalDateTime end, DateTimeZone zone, LocalDate today)
    {
        if (end <= start)
        {
            throw RuleException.Invalid("end", "The end lies after the start.");
        }
        if (ExactLength(start, end, zone) > MaxLength)
        {
            throw RuleException.Invalid("end", "An activity lasts at most 7 days; make a series for longer.");
        }
        if (start.Date > today.Plus(Recurrence.Horizon))
        {
            throw RuleException.Invalid("start", $"The agenda reaches two years ahead: start on {LocalTimes.Format(today.Plus(Recurrence.Horizon))} at the latest.");
        }
    }

    private Occurrence OpenOccurrence(LocalDateTime originalStart)
    {
        var occurrence = _occurrences.FirstOrDefault(o => o.OriginalStart == originalStart)
            ?? throw RuleException.NotFound($"Activity {Id} has no occurrence starting {LocalTimes.Format(originalStart)}.");
        RequireNotCancelled();
        if (occurrence.Cancelled)
        {
            throw RuleException.Conflict($"The occurrence of {LocalTimes.Format(originalStart)} is cancelled.");
        }
        return occurrence;
    }

    private void RequireNotCancelled()
    {
        if (IsCancelled)
        {
            throw RuleException.Conflict("The activity is cancelled.");
        }
    }

    private void Touch(DateTimeOffset now)
    {
        Sequence++;
        ChangedAt = now;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>PostgreSQL keeps microseconds: what we answer equals what a later read returns.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.Ticks - value.Ticks % 10, value.Offset);
}
