using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.UseCases;

/// <summary>
/// The calendar's copy of contacts' venues and assignments, from their events. A venue's change
/// moves the location of what is planned there (not what has ended or was cancelled); a change of
/// who holds a function tells the others the new hosts of the office hours hosted by it. The inbox's
/// transaction saves what these change; facts older than the copy change nothing.
/// </summary>
public sealed class NetworkCopy(CalendarDbContext db, ITenantContext tenant, TimeProvider time, TimeZones zones)
{
    public async Task VenueAsync(Guid id, string name, string street, string? postcode, string city, double lat, double lon, Guid? areaId,
        DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null)
        {
            venue = new CopiedVenue(tenant.RequiredTenantId, id);
            db.Venues.Add(venue);
        }
        if (!venue.Take(name, street, postcode, city, lat, lon, areaId, asOf))
        {
            return;
        }
        var location = venue.ToVenue();
        var now = time.GetUtcNow();
        foreach (var activity in await db.Activities.Where(a => a.VenueId == id && a.LastEndsAt > now).ToListAsync(cancellationToken))
        {
            activity.Relocate(location, now);
        }
        var officeHours = await db.OfficeHours.Where(o => o.VenueId == id).ToListAsync(cancellationToken);
        var roster = await db.RosterForAsync(officeHours, cancellationToken);
        foreach (var officeHour in officeHours.Where(o => o.Venue != location))
        {
            officeHour.Relocate(location, now);
            officeHour.PublishSessions(roster, now);
        }
    }

    public async Task VenueEndedAsync(Guid id, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null)
        {
            venue = new CopiedVenue(tenant.RequiredTenantId, id);
            db.Venues.Add(venue);
        }
        venue.End(asOf);
    }

    /// <summary>An assignment registered (or replayed, or changed, or ended: <paramref name="change"/>); then the hosts of its function's office hours.</summary>
    public async Task AssignmentAsync(Guid id, Action<CopiedAssignment> change, CancellationToken cancellationToken)
    {
        var assignment = await db.HostAssignments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null)
        {
            assignment = new CopiedAssignment(tenant.RequiredTenantId, id);
            db.HostAssignments.Add(assignment);
        }
        var before = (assignment.Function, Areas: assignment.AreaIds.ToList());
        change(assignment);
        if (assignment.Function.Length > 0)
        {
            await RepublishAsync(assignment.Function, [.. before.Areas.Union(assignment.AreaIds)], cancellationToken);
        }
    }

    /// <summary>An erased person's name is dropped from the copy; their office hours show the function alone.</summary>
    public async Task PersonErasedAsync(Guid personId, CancellationToken cancellationToken)
    {
        foreach (var assignment in await db.HostAssignments.Where(a => a.PersonId == personId).ToListAsync(cancellationToken))
        {
            assignment.ForgetName();
            await RepublishAsync(assignment.Function, assignment.AreaIds, cancellationToken);
        }
    }

    /// <summary>Another service asked for every office hour's sessions (its copy catches up).</summary>
    public Task PublishAllAsync(CancellationToken cancellationToken) => PublishAllAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Once a day (the municipality's day) every office hour tells its sessions again, so a copy that
    /// shows the coming ones (contacts') never runs dry while nothing changes. Idempotent: only the first
    /// caller of the day (of any replica) claims it; false for the others. Saves and commits itself.
    /// </summary>
    public async Task<bool> RepublishDailyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = LocalTimes.Today(now, zones.Of(tenant.RequiredTenantId));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.ClaimDailyRepublishAsync(tenant.RequiredTenantId, today.ToDateOnly(), cancellationToken))
        {
            return false;
        }
        await PublishAllAsync(now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task PublishAllAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var officeHours = await db.OfficeHours.ToListAsync(cancellationToken);
        var roster = await db.RosterForAsync(officeHours, cancellationToken);
        foreach (var officeHour in officeHours)
        {
            officeHour.PublishSessions(roster, now);
        }
    }

    /// <summary>The office hours hosted by <paramref name="function"/> in these wijken tell their (new) hosts.</summary>
    private async Task RepublishAsync(string function, IReadOnlyList<Guid> areaIds, CancellationToken cancellationToken)
    {
        var officeHours = await db.OfficeHours.Where(o => o.HostByFunction && o.HostFunction == function && areaIds.Contains(o.AreaId)).ToListAsync(cancellationToken);
        if (officeHours.Count == 0)
        {
            return;
        }
        // The copy as changed in this transaction: what the database has, with the tracked (added, changed) rows over it.
        await db.HostAssignments.Where(a => a.Function == function).LoadAsync(cancellationToken);
        var roster = new HostRoster([.. db.HostAssignments.Local.Where(a => a.Function == function)]);
        var now = time.GetUtcNow();
        foreach (var officeHour in officeHours)
        {
            officeHour.PublishSessions(roster, now);
        }
    }
}
