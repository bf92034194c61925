using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>The venues of the network (every change published for the calendar), kept by the wijkregisseurs and the admin.</summary>
public sealed class Venues(ContactsDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<Venue> RegisterAsync(VenueDetails details, Viewer viewer, CancellationToken cancellationToken)
    {
        await CheckAsync(details, viewer, cancellationToken);
        var venue = Venue.Register(tenant.RequiredTenantId, details, time.GetUtcNow());
        db.Venues.Add(venue);
        await db.SaveChangesAsync(cancellationToken);
        return venue;
    }

    public async Task<Venue> ChangeAsync(Guid id, VenueDetails details, Viewer viewer, CancellationToken cancellationToken)
    {
        var venue = await db.FindVenueAsync(id, cancellationToken);
        RequireKeeperOf(venue.AreaId, viewer);
        await CheckAsync(details, viewer, cancellationToken);
        venue.Change(details, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return venue;
    }

    public async Task EndAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var venue = await db.FindVenueAsync(id, cancellationToken);
        RequireKeeperOf(venue.AreaId, viewer);
        venue.End(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The venue's wijk and operator exist here; whoever keeps that wijk (or any, without one) may write.</summary>
    private async Task CheckAsync(VenueDetails details, Viewer viewer, CancellationToken cancellationToken)
    {
        if (details.AreaId is { } wijk && await db.WijkAsync(wijk, cancellationToken) is null)
        {
            throw RuleException.Invalid("areaId", $"There is no wijk {wijk} in this municipality.");
        }
        if (details.OrganisationId is { } id && !await db.Organisations.AnyAsync(o => o.Id == id && o.EndedAt == null, cancellationToken))
        {
            throw RuleException.Invalid("organisationId", $"There is no organisation {id} in this municipality's network.");
        }
        RequireKeeperOf(details.AreaId, viewer);
    }

    private static void RequireKeeperOf(Guid? wijk, Viewer viewer)
    {
        if (wijk is { } id)
        {
            viewer.RequireKeeperOf([id]);
        }
        else
        {
            viewer.RequireKeeper();
        }
    }
}
