using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace Buurt.Calendar.Data;

/// <summary>The reads and the save of office hours and their bookings.</summary>
public static class BookingQueries
{
    /// <summary>An office hour by id, or a 404 (<paramref name="field"/>: a 400 naming it, when the id came in a body).</summary>
    public static async Task<OfficeHour> FindOfficeHourAsync(this CalendarDbContext db, Guid id, CancellationToken cancellationToken, string? field = null,
        bool tracked = true) =>
        await (tracked ? db.OfficeHours : db.OfficeHours.AsNoTracking()).FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw (field is null
                ? RuleException.NotFound($"There is no office hour {id}.")
                : RuleException.Invalid(field, $"There is no office hour {id} in this municipality."));

    /// <summary>A booking with its office hour, for its resident or the wijk's planners; anyone else gets a 404.</summary>
    public static async Task<(Booking Booking, OfficeHour OfficeHour)> ReadBookingAsync(this CalendarDbContext db, Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null || !(booking.AccountId == actor.UserId || actor.IsInNetworkOf(booking.AreaId)))
        {
            throw RuleException.NotFound($"There is no booking {id} of yours.");
        }
        return (booking, await db.OfficeHours.AsNoTracking().FirstAsync(o => o.Id == booking.OfficeHourId, cancellationToken));
    }

    /// <summary>The municipality's holidays between two dates (inclusive).</summary>
    public static async Task<IReadOnlySet<LocalDate>> HolidaysAsync(this CalendarDbContext db, LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
        (await db.Holidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).Select(h => h.Date).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The hosts' bookings (not cancelled) whose blocked range meets the period: what makes a slot taken.</summary>
    public static Task<List<Booking>> HostBookingsAsync(this CalendarDbContext db, IReadOnlyList<string> hostKeys, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var (start, end) = (from.ToDateTimeOffset(), to.ToDateTimeOffset());
        return db.Bookings.AsNoTracking()
            .Where(b => hostKeys.Contains(b.HostKey) && b.CancelledAt == null && b.StartsAt < end && b.BlockedUntil > start)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What a booking reads before it writes, in one round trip: whether <paramref name="date"/> is a holiday,
    /// whether a booking of the host (not cancelled) meets the slot's blocked range (the common 409,
    /// answered without the constraint's exception), and whether <paramref name="officeHour"/> is still the
    /// version in the database (a kept copy may be older: <see cref="OfficeHourCache"/>).
    /// </summary>
    public static async Task<(bool Holiday, bool Taken, bool Current)> CheckSlotAsync(this CalendarDbContext db, OfficeHour officeHour, string hostKey,
        LocalDate date, Slot slot, CancellationToken cancellationToken)
    {
        var (tenant, id, version) = (officeHour.TenantId, officeHour.Id, (long)officeHour.Version);
        var (day, start, end) = (date.ToDateOnly(), slot.Start.ToDateTimeOffset(), slot.BlockedUntil.ToDateTimeOffset());
        var found = (await db.Database.SqlQuery<int>($"""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM holidays WHERE tenant_id = {tenant} AND date = {day}) THEN 1 ELSE 0 END
                 + CASE WHEN EXISTS (SELECT 1 FROM bookings WHERE tenant_id = {tenant} AND host_key = {hostKey} AND cancelled_at IS NULL
                                     AND starts_at < {end} AND blocked_until > {start}) THEN 2 ELSE 0 END
                 + CASE WHEN EXISTS (SELECT 1 FROM office_hours WHERE tenant_id = {tenant} AND id = {id} AND xmin::text::bigint = {version}) THEN 4 ELSE 0 END AS "Value"
            """).ToListAsync(cancellationToken))[0];
        return ((found & 1) != 0, (found & 2) != 0, (found & 4) != 0);
    }

    /// <summary>
    /// Saves a new booking with its event's outbox row. A second booking of the host whose blocked range
    /// overlaps one already there is refused by PostgreSQL's exclusion constraint (also when both arrive
    /// at once): returned as the refusal (null when saved). Outside a transaction both rows go as one batch without BEGIN and COMMIT: one round
    /// trip, still all or nothing (PostgreSQL runs the statements up to a batch's Sync as one implicit transaction).
    /// </summary>
    public static async Task<RuleException?> SaveBookingAsync(this CalendarDbContext db, CancellationToken cancellationToken)
    {
        var behavior = db.Database.AutoTransactionBehavior;
        if (db.Database.CurrentTransaction is null)
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation, ConstraintName: CalendarDbContext.HostFreeConstraint })
        {
            return SlotTaken();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected })
        {
            // Bookings of one host's time inserted at the same moment wait on each other's exclusion
            // check, and PostgreSQL may end such a wait as a deadlock (seen in a rush of 200). The only
            // waits of this insert are on overlapping bookings in flight, and PostgreSQL lets one of
            // them through: for this one the slot is taken.
            return SlotTaken();
        }
        finally
        {
            db.Database.AutoTransactionBehavior = behavior;
        }
    }

    /// <summary>The one answer for a slot someone else has.</summary>
    public static RuleException SlotTaken() => RuleException.Conflict("This slot is taken: choose another from the free slots.");
}
