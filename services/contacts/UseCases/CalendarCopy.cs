using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>
/// Contacts' side of its exchange with the calendar: the copy of the calendar's office hours (their
/// coming sessions, for "who"), and the answer to the calendar's request for the network it copies
/// (every venue in use and every assignment not ended, as they are now). The inbox's transaction saves both.
/// </summary>
public sealed class CalendarCopy(ContactsDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task OfficeHourAsync(Guid id, Guid areaId, string function, string? hostName, bool byFunction, string mode, string? location,
        Guid? venueId, string? onlineUrl, IEnumerable<CopiedSession> sessions, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var officeHour = await db.OfficeHours.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (officeHour is null)
        {
            officeHour = new CopiedOfficeHour(tenant.RequiredTenantId, id);
            db.OfficeHours.Add(officeHour);
        }
        officeHour.Take(areaId, function, hostName, byFunction, mode, location, venueId, onlineUrl, sessions, asOf);
    }

    /// <summary>Publishes every venue in use and every assignment that has not ended, so a copy that missed some catches up.</summary>
    public async Task ReplayNetworkAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = NetworkCalendar.Today(now);
        foreach (var venue in await db.Venues.Where(v => v.EndedAt == null).ToListAsync(cancellationToken))
        {
            venue.Replay(now);
        }
        var assignments = await db.Assignments.Include(a => a.Areas).Where(a => a.Until == null || a.Until >= today).ToListAsync(cancellationToken);
        var personIds = assignments.Select(a => a.PersonId).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        foreach (var assignment in assignments)
        {
            assignment.Replay(names.GetValueOrDefault(assignment.PersonId, ""), now);
        }
    }
}
