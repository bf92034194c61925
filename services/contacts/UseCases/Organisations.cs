using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>The organisations of the network and their contact points, kept by the wijkregisseurs and the admin.</summary>
public sealed class Organisations(ContactsDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<Organisation> RegisterAsync(
        string name, OrganisationKind kind, string? description, IReadOnlyList<NewContactPoint> points, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var now = time.GetUtcNow();
        var organisation = Organisation.Register(tenant.RequiredTenantId, name, kind, description, now);
        db.Organisations.Add(organisation);
        db.ContactPoints.AddRange(points.Select(p => organisation.AddContactPoint(p.Kind, p.Value, p.Visibility, p.Label, now)));
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    /// <summary>Changes the listing: keepers all of it, the organisation's own partners its description (name and kind: 403).</summary>
    public async Task<Organisation> ChangeAsync(Guid id, string name, OrganisationKind kind, string? description, Viewer viewer, CancellationToken cancellationToken)
    {
        var (organisation, worksHere, now) = await ForMaintainerAsync(id, viewer, cancellationToken);
        organisation.Change(name, kind, description, viewer, worksHere, now);
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    /// <summary>The organisation leaves the network; a 409 while someone holds a function for it today or later.</summary>
    public async Task EndAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var organisation = await db.FindOrganisationAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        var today = NetworkCalendar.Today(now);
        var goingOn = await db.Assignments.CountAsync(a => a.OrganisationId == id && (a.Until == null || a.Until >= today), cancellationToken);
        organisation.End(goingOn, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ContactPoint> AddContactPointAsync(Guid id, NewContactPoint point, Viewer viewer, CancellationToken cancellationToken)
    {
        var (organisation, worksHere, now) = await ForMaintainerAsync(id, viewer, cancellationToken);
        var added = organisation.AddContactPoint(point, viewer, worksHere, now);
        db.ContactPoints.Add(added);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    public async Task<ContactPoint> ChangeContactPointAsync(Guid id, Guid pointId, NewContactPoint changed, Viewer viewer, CancellationToken cancellationToken)
    {
        var (organisation, worksHere, now) = await ForMaintainerAsync(id, viewer, cancellationToken);
        var point = await db.FindOrganisationPointAsync(organisation, pointId, cancellationToken);
        organisation.ChangeContactPoint(point, changed, viewer, worksHere, now);
        await db.SaveChangesAsync(cancellationToken);
        return point;
    }

    public async Task RemoveContactPointAsync(Guid id, Guid pointId, Viewer viewer, CancellationToken cancellationToken)
    {
        var (organisation, worksHere, now) = await ForMaintainerAsync(id, viewer, cancellationToken);
        var point = await db.FindOrganisationPointAsync(organisation, pointId, cancellationToken);
        organisation.RemoveContactPoint(point, viewer, worksHere, now);
        db.ContactPoints.Remove(point);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The listing's change history, newest first, for those who may change it.</summary>
    public async Task<IReadOnlyList<ListingChange>> ChangesAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        await ForMaintainerAsync(id, viewer, cancellationToken);
        return await db.ListingChanges.AsNoTracking().Where(c => c.OrganisationId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The organisation, and whether the viewer is one of its partners today (their account's person
    /// holds a function for it). Someone who may not maintain it gets a 403 here; another
    /// municipality's organisation is a 404 (the tenant filter never finds it).
    /// </summary>
    private async Task<(Organisation Organisation, bool WorksHere, DateTimeOffset Now)> ForMaintainerAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var organisation = await db.FindOrganisationAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        var worksHere = !viewer.IsKeeper && await db.WorksForAsync(viewer, id, NetworkCalendar.Today(now), cancellationToken);
        Organisation.RequireMaintainer(viewer, worksHere);
        return (organisation, worksHere, now);
    }
}
