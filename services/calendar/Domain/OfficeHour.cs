using Buurt.Contracts.Calendar;
using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Domain;

/// <summary>
/// Who holds an office hour: a function of the wijk (wijkwethouder, wijkagent, ...) and the person's
/// name shown with it; without a name the host is the function itself ("the wijkagent of Zuid"):
/// whoever holds it on a session's date, from the copy of contacts' assignments.
/// </summary>
public sealed record OfficeHost(string Function, string? Name)
{
    public const int MaxLength = 120;

    /// <summary>
    /// The host as the exclusion constraint knows them: one person cannot be booked twice at once,
    /// over all their office hours (a wethouder of two wijken included, named or by function).
    /// </summary>
    public string Key => $"{KeyOf(Function)}|{Name?.Trim().ToLowerInvariant()}";

    /// <summary>A function as contacts keys it (wijkagent): what a host by function is matched on with the assignments.</summary>
    public static string KeyOf(string function) => function.Trim().ToLowerInvariant();

    /// <summary>"wijkagent Dennis Kok", or the function alone when nobody holds it.</summary>
    public string Text => Name is { Length: > 0 } name ? $"{Function} {name}" : Function;
}

/// <summary>What an office hour is to be, as the API asked for it.</summary>
public sealed record OfficeHourPlan(
    Guid AreaId,
    OfficeHost Host,
    DateTimeZone Zone,
    LocalDateTime Start,
    LocalDateTime End,
    RecurrenceRequest? Recurrence,
    int? SlotMinutes,
    int BufferMinutes,
    Venue? Venue,
    Uri? OnlineUrl,
    int MinimumNoticeHours,
    int HorizonDays,
    IReadOnlyList<LocalDate> BlockedDates,
    int WalkInMinutes = 0,
    Guid? VenueId = null);

/// <summary>How residents come to a session: <c>walk-in</c> (no slots), <c>bookable</c> (all slots) or <c>both</c> (a walk-in part first, then slots).</summary>
public enum OfficeHourMode
{
    WalkIn,
    Bookable,
    Both,
}

/// <summary>The API's names of the modes.</summary>
public static class ModeNames
{
    /// <summary><c>walk-in</c>, <c>bookable</c> or <c>both</c>.</summary>
    public static string Of(OfficeHourMode mode) => mode == OfficeHourMode.WalkIn ? "walk-in" : mode.ToString().ToLowerInvariant();
}

/// <summary>One bookable slot: its instants, and until when it blocks the host (its end plus the buffer).</summary>
public sealed record Slot(Instant Start, Instant End, Instant BlockedUntil);

/// <summary>Why a slot cannot be booked (or that it can: <see cref="Free"/>); listing and booking use the same answer.</summary>
public enum SlotState
{
    Free,
    Past,
    TooSoon,
    BeyondHorizon,
    Holiday,
    Blocked,
}

/// <summary>
/// An office hour (spreekuur) of a host in a wijk: sessions at wall times in a zone, one-off or
/// recurring like activities; the first <see cref="WalkInMinutes"/> of a session are walk-in, the
/// rest is cut into slots of <see cref="SlotMinutes"/> with a buffer between them (0: walk-in only). Which slots exist and which may be booked is decided here only (<see cref="SlotsBetween"/>,
/// <see cref="StateOf"/>, <see cref="RequireBookable"/>), so the list of free slots and a booking agree.
/// </summary>
public sealed class OfficeHour : Aggregate
{
    public const int MaxSlotMinutes = 240;
    public const int MaxBufferMinutes = 120;
    public const int MaxNoticeHours = 24 * 14;
    public const int MaxHorizonDays = 366;
    public const int MaxBlockedDates = 200;

    private OfficeHour()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid AreaId { get; private set; }

    public string HostFunction { get; private set; } = "";

    /// <summary>The person hosting; empty when the host is the function (<see cref="HostByFunction"/>).</summary>
    public string HostName { get; private set; } = "";

    /// <summary>The host is "the {function} of the wijk": whoever holds it on a session's date.</summary>
    public bool HostByFunction { get; private set; }

    /// <summary>The host's key (<see cref="OfficeHost.Key"/>), copied to every booking for the exclusion constraint (by function: per date, <see cref="HostOn"/>).</summary>
    public string HostKey { get; private set; } = "";

    public string TimeZone { get; private set; } = "";

    /// <summary>The first session's wall times.</summary>
    public LocalDateTime Start { get; private set; }

    public LocalDateTime End { get; private set; }

    public Recurrence? Recurrence { get; private set; }

    /// <summary>Minutes per bookable slot; 0 for a walk-in-only office hour.</summary>
    public int SlotMinutes { get; private set; }

    /// <summary>The walk-in part at the start of each session, in minutes (the whole session when walk-in only).</summary>
    public int WalkInMinutes { get; private set; }

    public int BufferMinutes { get; private set; }

    public Venue? Venue { get; private set; }

    /// <summary>The contacts service's venue the location is copied from (kept current when it changes); null for a location given as text.</summary>
    public Guid? VenueId { get; private set; }

    public string? OnlineUrl { get; private set; }

    /// <summary>A slot is booked at least this many hours ahead.</summary>
    public int MinimumNoticeHours { get; private set; }

    /// <summary>A slot is booked at most this many days ahead.</summary>
    public int HorizonDays { get; private set; }

    /// <summary>Dates the host blocked: no slots.</summary>
    public List<LocalDate> BlockedDates { get; private set; } = [];

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public int Sequence { get; private set; }

    public uint Version { get; private set; }

    public DateTimeZone Zone => LocalTimes.Zone(TimeZone);

    /// <summary>The host as scheduled: a person, or (by function) the function without a name.</summary>
    public OfficeHost Host => new(HostFunction, HostByFunction ? null : HostName);

    /// <summary>Who hosts the session on <paramref name="date"/>: the person, or by function whoever holds it that day (the function alone when nobody does).</summary>
    public OfficeHost HostOn(LocalDate date, HostRoster roster) =>
        HostByFunction ? roster.HostOn(HostFunction, AreaId, date) : Host;

    /// <summary>The key the exclusion constraint keeps a session's bookings under: the day's holder, or the function in this wijk when nobody holds it.</summary>
    public string HostKeyOn(LocalDate date, HostRoster roster) =>
        HostOn(date, roster) is { Name: not null } host ? host.Key : HostByFunction ? $"{HostFunction}|wijk {AreaId}" : HostKey;

    public static OfficeHour Schedule(string tenantId, Guid id, OfficeHourPlan plan, Guid createdBy, DateTimeOffset now)
    {
        var byFunction = plan.Host.Name is null;
        // By function the function is contacts' key (wijkagent), matched with the assignments' keys.
        var host = plan.Host with { Function = byFunction ? OfficeHost.KeyOf(plan.Host.Function) : plan.Host.Function.Trim(), Name = plan.Host.Name?.Trim() };
        if (host.Function.Length is 0 or > OfficeHost.MaxLength)
        {
            throw RuleException.Invalid("host.function", $"The host's function (wijkwethouder, wijkagent, ...) has 1 to {OfficeHost.MaxLength} characters.");
        }
        if (host.Name is { Length: 0 or > OfficeHost.MaxLength })
        {
            throw RuleException.Invalid("host.name", $"The host's name has 1 to {OfficeHost.MaxLength} characters (leave it out for a host by function: whoever holds it that day).");
        }
        if (plan.End <= plan.Start)
        {
            throw RuleException.Invalid("end", "The end lies after the start.");
        }
        if (plan.End.Date != plan.Start.Date)
        {
            throw RuleException.Invalid("end", "A session of an office hour ends on the day it starts.");
        }
        var sessionMinutes = (int)Period.Between(plan.Start, plan.End, PeriodUnits.Minutes).Minutes;
        if (plan.SlotMinutes is < 5 or > MaxSlotMinutes)
        {
            throw RuleException.Invalid("slotMinutes", $"A slot lasts 5 to {MaxSlotMinutes} minutes (leave it out for a walk-in-only office hour).");
        }
        if (plan.BufferMinutes is < 0 or > MaxBufferMinutes)
        {
            throw RuleException.Invalid("bufferMinutes", $"The buffer between slots is 0 to {MaxBufferMinutes} minutes.");
        }
        if (plan.WalkInMinutes < 0 || plan.WalkInMinutes >= sessionMinutes)
        {
            throw RuleException.Invalid("walkInMinutes", "The walk-in part is 0 or more minutes and shorter than the session (leave slotMinutes out for a walk-in-only office hour).");
        }
        if (plan.SlotMinutes is null && (plan.WalkInMinutes > 0 || plan.BufferMinutes > 0))
        {
            throw RuleException.Invalid("slotMinutes", "A walk-in part or a buffer goes with slots: give slotMinutes, or leave walkInMinutes and bufferMinutes out for a walk-in-only office hour.");
        }
        if (plan.SlotMinutes is { } slotMinutes && sessionMinutes - plan.WalkInMinutes < slotMinutes)
        {
            throw RuleException.Invalid(plan.WalkInMinutes > 0 ? "walkInMinutes" : "slotMinutes", "After the walk-in part a session holds at least one slot.");
        }
        if (plan.MinimumNoticeHours is < 0 or > MaxNoticeHours)
        {
            throw RuleException.Invalid("minimumNoticeHours", $"The minimum notice is 0 to {MaxNoticeHours} hours.");
        }
        if (plan.HorizonDays is < 1 or > MaxHorizonDays)
        {
            throw RuleException.Invalid("horizonDays", $"Slots are bookable 1 to {MaxHorizonDays} days ahead.");
        }
        if (plan.BlockedDates.Count > MaxBlockedDates)
        {
            throw RuleException.Invalid("blockedDates", $"At most {MaxBlockedDates} blocked dates.");
        }
        if (plan.OnlineUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            throw RuleException.Invalid("onlineUrl", "An online link is an http(s) address.");
        }
        var today = LocalTimes.Today(now, plan.Zone);
        if (plan.Start.Date > today.Plus(Recurrence.Horizon))
        {
            throw RuleException.Invalid("start", "The agenda reaches two years ahead.");
        }
        var recurrence = plan.Recurrence is { } r ? Recurrence.Of(r.Frequency, r.Interval, r.ByDay, r.Count, r.Until, plan.Start, today) : null;
        return new OfficeHour
        {
            Id = id,
            TenantId = tenantId,
            AreaId = plan.AreaId,
            HostFunction = host.Function,
            HostName = host.Name ?? "",
            HostByFunction = byFunction,
            HostKey = host.Key,
            TimeZone = plan.Zone.Id,
            Start = plan.Start,
            End = plan.End,
            Recurrence = recurrence,
            SlotMinutes = plan.SlotMinutes ?? 0,
            WalkInMinutes = plan.SlotMinutes is null ? sessionMinutes : plan.WalkInMinutes,
            BufferMinutes = plan.BufferMinutes,
            Venue = plan.Venue,
            VenueId = plan.VenueId,
            OnlineUrl = plan.OnlineUrl?.OriginalString,
            MinimumNoticeHours = plan.MinimumNoticeHours,
            HorizonDays = plan.HorizonDays,
            BlockedDates = [.. plan.BlockedDates.Distinct().Order()],
            CreatedBy = createdBy,
            CreatedAt = now,
            ChangedAt = now,
        };
    }

    /// <summary>
    /// Its new state (the same rules as scheduling it; it stays in its wijk). Returns the coming
    /// bookings that no longer fit: their slot (start and end) is not a slot of the new plan, or the
    /// new plan has another host on its date. Those that fit stay, blocking the host until their end
    /// plus the new buffer. The caller decides what happens to the others.
    /// </summary>
    public IReadOnlyList<Booking> Change(OfficeHourPlan plan, IReadOnlyList<Booking> coming, HostRoster roster, DateTimeOffset now)
    {
        if (plan.AreaId != AreaId)
        {
            throw RuleException.Invalid("areaId", "An office hour stays in its wijk: schedule a new one in the other wijk.");
        }
        var next = Schedule(TenantId, Id, plan, CreatedBy, now);
        HostFunction = next.HostFunction;
        HostName = next.HostName;
        HostByFunction = next.HostByFunction;
        HostKey = next.HostKey;
        TimeZone = next.TimeZone;
        Start = next.Start;
        End = next.End;
        Recurrence = next.Recurrence;
        SlotMinutes = next.SlotMinutes;
        WalkInMinutes = next.WalkInMinutes;
        BufferMinutes = next.BufferMinutes;
        Venue = next.Venue;
        VenueId = next.VenueId;
        OnlineUrl = next.OnlineUrl;
        MinimumNoticeHours = next.MinimumNoticeHours;
        HorizonDays = next.HorizonDays;
        BlockedDates = next.BlockedDates;
        Sequence++;
        ChangedAt = now;
        var dropped = new List<Booking>();
        foreach (var booking in coming)
        {
            var start = Instant.FromDateTimeOffset(booking.StartsAt);
            var date = start.InZone(Zone).Date;
            var slot = SlotsBetween(date, date).FirstOrDefault(s => s.Start == start && s.End == Instant.FromDateTimeOffset(booking.EndsAt));
            if (slot is null || HostKeyOn(date, roster) != booking.HostKey)
            {
                dropped.Add(booking);
            }
            else
            {
                booking.Refit(slot);
            }
        }
        return dropped;
    }

    /// <summary>The host blocks a date (or frees it again): it has no slots.</summary>
    public void Block(LocalDate date, bool blocked, DateTimeOffset now)
    {
        if (blocked == BlockedDates.Contains(date))
        {
            return;
        }
        BlockedDates = blocked ? [.. BlockedDates.Append(date).Order()] : [.. BlockedDates.Where(d => d != date)];
        Sequence++;
        ChangedAt = now;
    }

    /// <summary>Its venue changed at contacts: the copied location follows (a feed shows the change).</summary>
    public void Relocate(Venue venue, DateTimeOffset now)
    {
        if (venue == Venue)
        {
            return;
        }
        Venue = venue;
        Sequence++;
        ChangedAt = now;
    }

    /// <summary>
    /// Tells the other services the coming sessions as they are now (<see cref="OfficeHourSessionsPlanned"/>):
    /// those of the coming year, at most <see cref="OfficeHourSessionsPlanned.MaxSessions"/>, each with its host of that day.
    /// </summary>
    public void PublishSessions(HostRoster roster, DateTimeOffset now)
    {
        var zone = Zone;
        var today = LocalTimes.Today(now, zone);
        var length = LocalTimes.InstantOf(End, zone) - LocalTimes.InstantOf(Start, zone);
        var sessions = SessionStarts().SkipWhile(s => s.Date < today).TakeWhile(s => s.Date <= today.PlusYears(1))
            .Take(OfficeHourSessionsPlanned.MaxSessions)
            .Select(s =>
            {
                var startsAt = LocalTimes.InstantOf(s, zone);
                return new OfficeHourSession(LocalTimes.WithOffset(startsAt, zone), LocalTimes.WithOffset(startsAt + length, zone),
                    WalkInMinutes > 0 ? LocalTimes.WithOffset(startsAt + Duration.FromMinutes(WalkInMinutes), zone) : null,
                    BlockedDates.Contains(s.Date), HostOn(s.Date, roster).Name);
            })
            .Where(s => s.EndsAt > now)
            .ToList();
        Raise(new OfficeHourSessionsPlanned(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, HostFunction, HostByFunction ? null : HostName, HostByFunction,
            ModeNames.Of(Mode), TimeZone, Venue.Describe(Venue, null), VenueId, OnlineUrl, sessions));
    }

    public OfficeHourMode Mode => SlotMinutes == 0 ? OfficeHourMode.WalkIn : WalkInMinutes > 0 ? OfficeHourMode.Both : OfficeHourMode.Bookable;

    /// <summary>The sessions' starts (wall time), in order.</summary>
    public IEnumerable<LocalDateTime> SessionStarts() => Recurrence?.Starts(Start) ?? [Start];

    /// <summary>Every slot of the sessions that start on the dates from <paramref name="from"/> to <paramref name="to"/> (inclusive), in order.</summary>
    public IEnumerable<Slot> SlotsBetween(LocalDate from, LocalDate to)
    {
        var zone = Zone;
        var length = Duration.FromMinutes(SlotMinutes);
        var step = Duration.FromMinutes(SlotMinutes + BufferMinutes);
        var sessionLength = LocalTimes.InstantOf(End, zone) - LocalTimes.InstantOf(Start, zone);
        if (SlotMinutes == 0)
        {
            yield break;
        }
        foreach (var session in SessionStarts().SkipWhile(s => s.Date < from).TakeWhile(s => s.Date <= to))
        {
            var start = LocalTimes.InstantOf(session, zone);
            var end = start + sessionLength;
            // The walk-in part comes first; the slots follow it.
            for (var slot = start + Duration.FromMinutes(WalkInMinutes); slot + length <= end; slot += step)
            {
                yield return new Slot(slot, slot + length, slot + length + Duration.FromMinutes(BufferMinutes));
            }
        }
    }

    /// <summary>Whether a slot may be booked now, apart from bookings (those are PostgreSQL's to decide).</summary>
    public SlotState StateOf(Slot slot, IReadOnlySet<LocalDate> holidays, Instant now)
    {
        var date = slot.Start.InZone(Zone).Date;
        if (slot.Start <= now)
        {
            return SlotState.Past;
        }
        if (slot.Start < now + Duration.FromHours(MinimumNoticeHours))
        {
            return SlotState.TooSoon;
        }
        if (slot.Start > now + Duration.FromDays(HorizonDays))
        {
            return SlotState.BeyondHorizon;
        }
        if (holidays.Contains(date))
        {
            return SlotState.Holiday;
        }
        return BlockedDates.Contains(date) ? SlotState.Blocked : SlotState.Free;
    }

    /// <summary>The slot that starts at <paramref name="start"/>, bookable or not; a 400 naming <c>start</c> when there is none.</summary>
    public Slot SlotAt(Instant start)
    {
        if (Mode == OfficeHourMode.WalkIn)
        {
            throw RuleException.Invalid("start", "This office hour is walk-in only: it has no slots to book; just come.");
        }
        var date = start.InZone(Zone).Date;
        return SlotsBetween(date, date).FirstOrDefault(s => s.Start == start)
            ?? throw RuleException.Invalid("start", $"{LocalTimes.WithOffset(start, Zone):yyyy-MM-dd'T'HH:mmzzz} is not the start of a slot of this office hour " +
                $"(slots of {SlotMinutes} minutes with {BufferMinutes} between them; list them with /office-hours/{Id}/slots).");
    }

    /// <summary>The slot that starts at <paramref name="start"/> if it may be booked now; else a 400 naming <c>start</c> and the rule.</summary>
    public Slot RequireBookable(Instant start, IReadOnlySet<LocalDate> holidays, Instant now)
    {
        var slot = SlotAt(start);
        return StateOf(slot, holidays, now) switch
        {
            SlotState.Free => slot,
            SlotState.Past => throw RuleException.Invalid("start", "This slot lies in the past."),
            SlotState.TooSoon => throw RuleException.Invalid("start", $"A slot is booked at least {MinimumNoticeHours} hours ahead."),
            SlotState.BeyondHorizon => throw RuleException.Invalid("start", $"A slot is booked at most {HorizonDays} days ahead."),
            SlotState.Holiday => throw RuleException.Invalid("start", "The municipality is closed on this holiday: there are no slots."),
            _ => throw RuleException.Invalid("start", "The host is not there on this date: there are no slots."),
        };
    }
}
