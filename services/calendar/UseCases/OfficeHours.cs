using Buurt.AreaCopy;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Buurt.Calendar.UseCases;

/// <summary>A slot as the list shows it: whether it can be booked, and if not why.</summary>
public sealed record SlotView(Slot Slot, bool Available, string State);

/// <summary>
/// Office hours and their bookings: a planner of the wijk schedules one or blocks a date, a resident
/// lists the free slots and books one, the resident (signed in, or with the link's token) or staff
/// (with a reason) cancel. Listing and booking decide with the same domain code; PostgreSQL's
/// exclusion constraint has the last word on double bookings.
/// </summary>
public sealed class OfficeHours(CalendarDbContext db, ITenantContext tenant, TimeProvider time, OfficeHourCache officeHours)
{
    /// <summary>The longest period the slots are listed for at once.</summary>
    public const int MaxSlotDays = 92;

    /// <summary>
    /// A planner of the wijk schedules an office hour, hosted by a person or by a function of the wijk
    /// (which the copy of contacts' assignments must know there: else a 400 naming <c>host.function</c>),
    /// at a location or a venue of the network (<c>venueId</c>). Its sessions are published.
    /// </summary>
    public async Task<(OfficeHour OfficeHour, HostRoster Roster)> ScheduleAsync(OfficeHourPlan plan, Actor actor, CancellationToken cancellationToken)
    {
        if (!await db.Areas.IsWijkAsync(plan.AreaId, cancellationToken))
        {
            throw RuleException.Invalid("areaId", $"There is no wijk {plan.AreaId} in this municipality.");
        }
        actor.RequirePlannerOf(plan.AreaId);
        if (plan.VenueId is { } venueId)
        {
            plan = plan with { Venue = (await db.RequireVenueAsync(venueId, cancellationToken)).ToVenue() };
        }
        var now = time.GetUtcNow();
        var officeHour = OfficeHour.Schedule(tenant.RequiredTenantId, Guid.CreateVersion7(), plan, actor.Id, now);
        var roster = await db.RosterForAsync([officeHour], cancellationToken);
        if (officeHour.HostByFunction)
        {
            await db.RequireFunctionInWijkAsync(officeHour.HostFunction, plan.AreaId, cancellationToken);
        }
        officeHour.PublishSessions(roster, now);
        db.OfficeHours.Add(officeHour);
        await db.SaveChangesAsync(cancellationToken);
        return (officeHour, roster);
    }

    /// <summary>What the calendar tells a resident whose booking a change of the office hour cancelled.</summary>
    public const string ChangedReason = "Het spreekuur is gewijzigd.";

    /// <summary>
    /// A planner of the wijk changes an office hour (its new state, as scheduled). Coming bookings whose
    /// slot and host the new plan still has stay; the others are never dropped silently: without
    /// <paramref name="cancelBookings"/> the change is a 400 naming <c>cancelBookings</c> (nothing
    /// changes), with it they are cancelled with <see cref="ChangedReason"/> (<c>BookingCancelled</c>:
    /// the resident is told). The sessions are published again.
    /// </summary>
    public async Task<(OfficeHour OfficeHour, HostRoster Roster, IReadOnlyList<Booking> Cancelled)> ChangeAsync(
        Guid id, OfficeHourPlan plan, bool cancelBookings, Actor actor, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var officeHour = await db.FindOfficeHourAsync(id, cancellationToken);
        actor.RequirePlannerOf(officeHour.AreaId);
        // The bookings are cancelled as what they were booked for: the host and zone before the change.
        var before = await db.FindOfficeHourAsync(id, cancellationToken, tracked: false);
        if (plan.VenueId is { } venueId)
        {
            plan = plan with { Venue = (await db.RequireVenueAsync(venueId, cancellationToken)).ToVenue() };
        }
        var function = plan.Host.Name is null ? OfficeHost.KeyOf(plan.Host.Function) : null;
        if (function is not null)
        {
            await db.RequireFunctionInWijkAsync(function, officeHour.AreaId, cancellationToken);
        }
        var roster = await db.RosterForAsync([function], cancellationToken);
        var now = time.GetUtcNow();
        var coming = await db.Bookings.Where(b => b.OfficeHourId == id && b.CancelledAt == null && b.StartsAt > now)
            .OrderBy(b => b.StartsAt).ToListAsync(cancellationToken);
        var dropped = officeHour.Change(plan, coming, roster, now);
        if (dropped.Count > 0 && !cancelBookings)
        {
            var zone = before.Zone;
            throw RuleException.Invalid("cancelBookings",
                $"This change leaves {dropped.Count} coming booking(s) without their slot or host ({string.Join(", ", dropped.Take(5).Select(b => b.LocalStart(zone)))}" +
                $"{(dropped.Count > 5 ? ", ..." : "")}): send cancelBookings: true to cancel them, each resident is told \"{ChangedReason}\".");
        }
        foreach (var booking in dropped)
        {
            booking.Cancel(before, byResident: false, ChangedReason, now);
        }
        officeHour.PublishSessions(roster, now);
        // A kept booking's longer buffer may meet another booking of the host: the constraint says so (409).
        await db.SaveBookingAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return (officeHour, roster, dropped);
    }

    /// <summary>A planner of the wijk blocks a date (no slots) or frees it; bookings on it stay until cancelled. The sessions are published again.</summary>
    public async Task<(OfficeHour OfficeHour, HostRoster Roster)> BlockAsync(Guid id, LocalDate date, bool blocked, Actor actor, CancellationToken cancellationToken)
    {
        var officeHour = await db.FindOfficeHourAsync(id, cancellationToken);
        actor.RequirePlannerOf(officeHour.AreaId);
        var now = time.GetUtcNow();
        var sequence = officeHour.Sequence;
        officeHour.Block(date, blocked, now);
        var roster = await db.RosterForAsync([officeHour], cancellationToken);
        if (officeHour.Sequence != sequence)
        {
            officeHour.PublishSessions(roster, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (officeHour, roster);
    }

    /// <summary>The slots of the sessions on these dates (in the office hour's zone), holidays and blocked dates left out.</summary>
    public async Task<(OfficeHour OfficeHour, List<SlotView> Slots)> SlotsAsync(Guid id, LocalDate? from, LocalDate? to, CancellationToken cancellationToken)
    {
        var officeHour = await db.FindOfficeHourAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        var first = from ?? LocalTimes.Today(now, officeHour.Zone);
        var last = to ?? first.PlusDays(Math.Min(officeHour.HorizonDays, 31));
        if (last < first)
        {
            throw RuleException.Invalid("to", "The period ends on or after its start.");
        }
        if (Period.Between(first, last, PeriodUnits.Days).Days >= MaxSlotDays)
        {
            throw RuleException.Invalid("to", $"Slots are listed for at most {MaxSlotDays} days at a time.");
        }
        var slots = officeHour.SlotsBetween(first, last).ToList();
        if (slots.Count == 0)
        {
            return (officeHour, []);
        }
        var holidays = await db.HolidaysAsync(first, last, cancellationToken);
        // By function the host (and so the key bookings block) may change with a hand-over: each slot is checked against its date's host.
        var roster = await db.RosterForAsync([officeHour], cancellationToken);
        var zone = officeHour.Zone;
        var keys = slots.Select(s => s.Start.InZone(zone).Date).Distinct().ToDictionary(d => d, d => officeHour.HostKeyOn(d, roster));
        var booked = await db.HostBookingsAsync([.. keys.Values.Distinct()], slots[0].Start, slots[^1].BlockedUntil, cancellationToken);
        var instant = Instant.FromDateTimeOffset(now);
        var views = new List<SlotView>(slots.Count);
        foreach (var slot in slots)
        {
            var state = officeHour.StateOf(slot, holidays, instant);
            if (state is SlotState.Holiday or SlotState.Blocked)
            {
                continue;
            }
            var key = keys[slot.Start.InZone(zone).Date];
            var taken = booked.Any(b => b.HostKey == key && Instant.FromDateTimeOffset(b.StartsAt) < slot.BlockedUntil && slot.Start < Instant.FromDateTimeOffset(b.BlockedUntil));
            views.Add(new SlotView(slot, state == SlotState.Free && !taken, taken ? "taken" : StateName(state)));
        }
        return (officeHour, views);
    }

    /// <summary>
    /// The signed-in resident books the slot that starts at <paramref name="startText"/>. A slot taken is
    /// returned as the refusal (the 409), not thrown: in a rush it is the answer to all but one, and a
    /// throw unwinds every async frame of the request to the exception handler (benchmarks.md,
    /// calendar-booking-cpu). Other rules' "no" (the 400s) are thrown as everywhere.
    /// </summary>
    public async Task<BookingOutcome> TryBookAsync(
        Guid officeHourId, string? startText, string? topic, string? question, Actor actor, CancellationToken cancellationToken)
    {
        var account = actor.Id;
        // Two round trips on one connection, the checks and the write, once the office hour is known
        // (benchmarks.md, calendar-rush); a third when it is read, and when its hosts are by function.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var officeHour = await officeHours.GetAsync(db, tenant.RequiredTenantId, officeHourId, "officeHourId", cancellationToken);
                var start = LocalTimes.ParseInstant(startText, officeHour.Zone, "start");
                var now = time.GetUtcNow();
                var date = start.InZone(officeHour.Zone).Date;
                var roster = await db.RosterForAsync([officeHour], cancellationToken);
                // The holiday, "taken?" and the copy's version in one read; then the same rule as the list of slots, and the common 409 without an exception.
                var (holiday, taken, current) = await db.CheckSlotAsync(officeHour, officeHour.HostKeyOn(date, roster), date, officeHour.SlotAt(start), cancellationToken);
                if (!current && attempt == 1)
                {
                    officeHours.Forget(tenant.RequiredTenantId, officeHourId);
                    continue;
                }
                var slot = officeHour.RequireBookable(start, holiday ? new HashSet<LocalDate> { date } : [], Instant.FromDateTimeOffset(now));
                if (taken)
                {
                    return new(null, officeHour, null, BookingQueries.SlotTaken());
                }
                var (booking, token) = Booking.Book(officeHour, slot, roster, account, topic, question, now);
                db.Bookings.Add(booking);
                // The constraint decides the race.
                return await db.SaveBookingAsync(cancellationToken) is { } refused
                    ? new(null, officeHour, null, refused)
                    : new(booking, officeHour, token, null);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Cancels a booking: its resident (no reason needed) or a planner of the wijk (with a reason). Another's booking is a 404.</summary>
    public async Task<(Booking Booking, OfficeHour OfficeHour)> CancelAsync(Guid id, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        var own = booking is not null && booking.AccountId == actor.UserId;
        if (booking is null || !(own || actor.IsInNetworkOf(booking.AreaId)))
        {
            throw RuleException.NotFound($"There is no booking {id} of yours.");
        }
        return await CancelAsync(booking, own, reason, cancellationToken);
    }

    /// <summary>Cancels the booking whose cancel link carries <paramref name="token"/> (the resident, from the mail).</summary>
    public async Task<(Booking Booking, OfficeHour OfficeHour)> CancelByTokenAsync(string token, CancellationToken cancellationToken) =>
        await CancelAsync(await FindByTokenAsync(token, tracked: true, cancellationToken), byResident: true, null, cancellationToken);

    /// <summary>The booking a cancel link names, or a 404.</summary>
    public async Task<Booking> FindByTokenAsync(string token, bool tracked, CancellationToken cancellationToken)
    {
        var hash = Booking.HashOf(token);
        var bookings = tracked ? db.Bookings : db.Bookings.AsNoTracking();
        return await bookings.FirstOrDefaultAsync(b => b.CancelTokenHash == hash, cancellationToken)
            ?? throw RuleException.NotFound("This cancel link names no booking.");
    }

    private async Task<(Booking, OfficeHour)> CancelAsync(Booking booking, bool byResident, string? reason, CancellationToken cancellationToken)
    {
        var officeHour = await db.FindOfficeHourAsync(booking.OfficeHourId, cancellationToken);
        booking.Cancel(officeHour, byResident, reason, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return (booking, officeHour);
    }

    public static string StateName(SlotState state) => state switch
    {
        SlotState.TooSoon => "too-soon",
        SlotState.BeyondHorizon => "beyond-horizon",
        _ => state.ToString().ToLowerInvariant(),
    };
}

/// <summary>A booking made (with its cancel link's token), or the rule that refused it (<see cref="Refusal"/>, the slot taken).</summary>
public sealed record BookingOutcome(Booking? Booking, OfficeHour OfficeHour, string? CancelToken, RuleException? Refusal);

/// <summary>
/// The calendar's copy of the municipality's holidays, replaced as a whole by each <c>HolidaysChanged</c>
/// newer than the list it holds (an older one arriving late changes nothing); the inbox's transaction
/// saves it. At start the calendar asks initiatives for the current list (Messaging/CopyRequests).
/// </summary>
public sealed class HolidayCopy(CalendarDbContext db, ITenantContext tenant)
{
    public async Task ReplaceAsync(IReadOnlyList<DateOnly> holidays, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var state = await db.HolidayCopies.FirstOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            db.HolidayCopies.Add(new HolidayCopyState(tenant.RequiredTenantId, occurredAt));
        }
        else if (!state.Take(occurredAt))
        {
            return;
        }
        var wanted = holidays.Select(LocalDate.FromDateOnly).ToHashSet();
        var kept = await db.Holidays.ToListAsync(cancellationToken);
        db.Holidays.RemoveRange(kept.Where(h => !wanted.Contains(h.Date)));
        db.Holidays.AddRange(wanted.Except(kept.Select(h => h.Date)).Select(d => new Holiday(tenant.RequiredTenantId, d)));
    }
}
