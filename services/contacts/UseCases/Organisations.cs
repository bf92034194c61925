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

    public async Task<Organisation> ChangeAsync(Guid id, string name, OrganisationKind kind, string? description, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var organisation = await db.FindOrganisationAsync(id, cancellationToken);
        organisation.Change(name, kind, description, time.GetUtcNow());
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
        viewer.RequireKeeper();
        var organisation = await db.FindOrganisationAsync(id, cancellationToken);
        var added = organisation.AddContactPoint(point.Kind, point.Value, point.Visibility, point.Label, time.GetUtcNow());
        db.ContactPoints.Add(added);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
