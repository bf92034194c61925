using Buurt.Calendar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Data;

/// <summary>Reads of the copies of contacts' venues and assignments.</summary>
public static class HostQueries
{
    /// <summary>The roster of the functions these office hours are hosted by (none: the empty roster, no query).</summary>
    public static async Task<HostRoster> RosterForAsync(this CalendarDbContext db, IEnumerable<OfficeHour> officeHours, CancellationToken cancellationToken)
    {
        var functions = officeHours.Where(o => o.HostByFunction).Select(o => o.HostFunction).Distinct().ToList();
        return functions.Count == 0
            ? HostRoster.Empty
            : new HostRoster(await db.HostAssignments.AsNoTracking().Where(a => functions.Contains(a.Function)).ToListAsync(cancellationToken));
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
}
