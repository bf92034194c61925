using Buurt.Calendar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Data;

/// <summary>Reads of the copies of contacts' venues and assignments.</summary>
public static class HostQueries
{
    /// <summary>The roster of the functions these office hours are hosted by (none: the empty roster, no query).</summary>
    public static Task<HostRoster> RosterForAsync(this CalendarDbContext db, IEnumerable<OfficeHour> officeHours, CancellationToken cancellationToken) =>
        db.RosterForAsync(officeHours.Where(o => o.HostByFunction).Select(o => o.HostFunction), cancellationToken);

    /// <summary>The roster of these activities' host functions (none: the empty roster, no query).</summary>
    public static Task<HostRoster> RosterForAsync(this CalendarDbContext db, IEnumerable<Activity> activities, CancellationToken cancellationToken) =>
        db.RosterForAsync(activities.Select(a => a.HostFunction), cancellationToken);

    /// <summary>The roster of these functions (nulls left out; none: the empty roster, no query).</summary>
    public static async Task<HostRoster> RosterForAsync(this CalendarDbContext db, IEnumerable<string?> hostFunctions, CancellationToken cancellationToken)
    {
        var functions = hostFunctions.OfType<string>().Distinct().ToList();
        return functions.Count == 0
            ? HostRoster.Empty
            : new HostRoster(await db.HostAssignments.AsNoTracking().Where(a => functions.Contains(a.Function)).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// A host by function must be a function someone holds (or will hold) in the wijk, by the copy of
    /// contacts' assignments; else a 400 naming <c>host.function</c>. Office hours and activities check here.
    /// </summary>
    public static async Task RequireFunctionInWijkAsync(this CalendarDbContext db, string function, Guid areaId, CancellationToken cancellationToken)
    {
        var key = OfficeHost.KeyOf(function);
        if (!await db.HostAssignments.AnyAsync(a => a.Function == key && a.AreaIds.Contains(areaId), cancellationToken))
        {
            throw Buurt.ServiceDefaults.Domain.RuleException.Invalid("host.function", $"Nobody holds (or will hold) the function '{key}' in this wijk: " +
                "name a function of the network (its key, as /api/contacts/v1/functions lists them).");
        }
    }

    /// <summary>The venue <paramref name="venueId"/> of the copy if it is in use; else a 400 naming <c>venueId</c>.</summary>
    public static async Task<CopiedVenue> RequireVenueAsync(this CalendarDbContext db, Guid venueId, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId, cancellationToken);
        return venue is { Ended: false }
            ? venue
            : throw Buurt.ServiceDefaults.Domain.RuleException.Invalid("venueId", venue is null
                ? $"There is no venue {venueId} in this municipality's network (see /api/contacts/v1/venues)."
                : $"{venue.Name} is no longer a venue.");
    }

    /// <summary>
    /// Claims the daily republish of <paramref name="tenant"/>'s sessions for <paramref name="today"/>: true for the
    /// first caller of the day, false for every other (a second replica waits on the row lock until the first
    /// commits, then finds the day taken; if the first rolls back, it gets the claim). Call within the transaction
    /// that writes the events.
    /// </summary>
    public static async Task<bool> ClaimDailyRepublishAsync(this CalendarDbContext db, string tenant, DateOnly today, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO sessions_republished (tenant_id, published_on) VALUES ({tenant}, {today})
            ON CONFLICT (tenant_id) DO UPDATE SET published_on = excluded.published_on
            WHERE sessions_republished.published_on < excluded.published_on
            """, cancellationToken) == 1;
}
