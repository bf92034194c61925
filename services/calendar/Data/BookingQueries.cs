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
    public static async Task<OfficeHour> FindOfficeHourAsync(this CalendarDbContext db, Guid id, CancellationToken cancellationToken, string? field = null) =>
        await db.OfficeHours.FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
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
    /// Saves a new booking. A second booking of the host whose blocked range overlaps one already
    /// there is refused by PostgreSQL's exclusion constraint (also when both arrive at once): a 409.
    /// </summary>
    public static async Task SaveBookingAsync(this CalendarDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation, ConstraintName: CalendarDbContext.HostFreeConstraint })
        {
            throw SlotTaken();
        }
    }

    /// <summary>The one answer for a slot someone else has.</summary>
    public static RuleException SlotTaken() => RuleException.Conflict("This slot is taken: choose another from the free slots.");
}
