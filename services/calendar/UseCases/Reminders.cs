using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.UseCases;

/// <summary>
/// Reminds residents a day before what they have a place at or booked, across tenants: claims a
/// batch (FOR UPDATE SKIP LOCKED), lets each registration or booking raise its reminder and mark the
/// start it reminded of, and commits the marks with the outbox rows. A replica that stops halfway
/// rolls back and the claims are free again; two replicas never take the same row.
/// </summary>
public sealed class Reminders(CalendarDbContext db)
{
    /// <summary>Reminds one batch of registrations and one of bookings due at <paramref name="now"/>; returns how many.</summary>
    public async Task<(int Registrations, int Bookings)> RemindAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var until = now + Reminder.Lead;
        var registrations = await db.ClaimDueRegistrationsAsync(now, until, limit, cancellationToken);
        var occurrenceIds = registrations.Select(r => r.OccurrenceId).Distinct().ToList();
        var occurrences = await db.Occurrences.IgnoreQueryFilters().AsNoTracking().Where(o => occurrenceIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var activityIds = occurrences.Values.Select(o => o.ActivityId).Distinct().ToList();
        var activities = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => activityIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var registration in registrations)
        {
            var occurrence = occurrences[registration.OccurrenceId];
            registration.Remind(activities[occurrence.ActivityId], occurrence, now);
        }

        var bookings = await db.ClaimDueBookingsAsync(now, until, limit, cancellationToken);
        var officeHourIds = bookings.Select(b => b.OfficeHourId).Distinct().ToList();
        var officeHours = await db.OfficeHours.IgnoreQueryFilters().AsNoTracking().Where(o => officeHourIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        foreach (var booking in bookings)
        {
            booking.Remind(officeHours[booking.OfficeHourId], now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (registrations.Count, bookings.Count);
    }
}
