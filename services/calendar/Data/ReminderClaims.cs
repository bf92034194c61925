using Buurt.Calendar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Data;

/// <summary>
/// The reminder watch's claims, across tenants: registrations with a place and bookings whose start
/// lies within the lead and that were not reminded of that start, locked with FOR UPDATE SKIP LOCKED
/// so that replicas share the work and never both remind. Call inside a transaction.
/// </summary>
public static class ReminderClaims
{
    /// <summary>Places at occurrences (not cancelled, of activities not cancelled or hidden) starting after <paramref name="now"/> and up to <paramref name="until"/>.</summary>
    public static Task<List<Registration>> ClaimDueRegistrationsAsync(this CalendarDbContext db, DateTimeOffset now, DateTimeOffset until, int limit,
        CancellationToken cancellationToken) =>
        db.Registrations.FromSql($"""
            SELECT r.* FROM registrations r
              JOIN occurrences o ON o.id = r.occurrence_id
              JOIN activities a ON a.id = o.activity_id
             WHERE o.starts_at > {now} AND o.starts_at <= {until} AND o.registered > 0
               AND NOT o.cancelled AND a.cancelled_at IS NULL AND NOT a.hidden
               AND r.status = 'Registered' AND r.reminded_for IS DISTINCT FROM o.starts_at
             ORDER BY o.starts_at LIMIT {limit}
               FOR UPDATE OF r SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);

    /// <summary>Bookings not cancelled that start after <paramref name="now"/> and up to <paramref name="until"/>.</summary>
    public static Task<List<Booking>> ClaimDueBookingsAsync(this CalendarDbContext db, DateTimeOffset now, DateTimeOffset until, int limit,
        CancellationToken cancellationToken) =>
        db.Bookings.FromSql($"""
            SELECT * FROM bookings
             WHERE cancelled_at IS NULL AND starts_at > {now} AND starts_at <= {until}
               AND reminded_for IS DISTINCT FROM starts_at
             ORDER BY starts_at LIMIT {limit}
               FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);

    /// <summary>
    /// Places and bookings whose reminder should have gone out by <paramref name="dueBy"/> and has
    /// not (the start is still ahead): more than none for a while means the watch is not running.
    /// </summary>
    public static async Task<long> CountLateRemindersAsync(this CalendarDbContext db, DateTimeOffset now, DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var startsBy = dueBy + Reminder.Lead;
        var places = await (
            from r in db.Registrations.IgnoreQueryFilters()
            join o in db.Occurrences.IgnoreQueryFilters() on r.OccurrenceId equals o.Id
            join a in db.Activities.IgnoreQueryFilters() on o.ActivityId equals a.Id
            where r.Status == RegistrationStatus.Registered && o.StartsAt > now && o.StartsAt <= startsBy && o.Registered > 0
                && !o.Cancelled && a.CancelledAt == null && !a.Hidden && r.RemindedFor != o.StartsAt
            select r.Id).LongCountAsync(cancellationToken);
        var bookings = await db.Bookings.IgnoreQueryFilters()
            .Where(b => b.CancelledAt == null && b.StartsAt > now && b.StartsAt <= startsBy && b.RemindedFor != b.StartsAt)
            .LongCountAsync(cancellationToken);
        return places + bookings;
    }
}
