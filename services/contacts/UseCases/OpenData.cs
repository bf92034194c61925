using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>A function held today for an organisation in some wijken: a service of the network, with its holder.</summary>
public sealed record OpenService(Assignment Assignment, Function Function, Person Person, IReadOnlyList<(Guid Id, string Name)> Wijken);

/// <summary>
/// The public part of one municipality's network, as anyone may see it now: organisations in the
/// network, today's functions (services) with who holds them, venues, and only the contact points
/// shown to the public (a person's own only under a public consent that stands at this moment).
/// </summary>
public sealed record OpenDirectory(
    IReadOnlyList<Organisation> Organisations, IReadOnlyList<OpenService> Services, IReadOnlyList<Venue> Venues,
    IReadOnlyList<ContactPoint> PublicPoints, DateTimeOffset ReadAt);

/// <summary>The open export's data (HSDS-shaped by the API): public data only, one municipality.</summary>
public sealed class OpenData(ContactsDbContext db, TimeProvider time)
{
    public async Task<OpenDirectory> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = NetworkCalendar.Today(now);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.EndedAt == null).OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(cancellationToken);
        var assignments = await db.Assignments.AsNoTracking().Include(a => a.Areas)
            .Where(a => a.From <= today && (a.Until == null || today <= a.Until)).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.ErasedAt == null).ToDictionaryAsync(p => p.Id, cancellationToken);
        var functions = await db.Functions.AsNoTracking().ToDictionaryAsync(f => f.Key, cancellationToken);
        var wijken = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var active = organisations.Select(o => o.Id).ToHashSet();
        var services = assignments
            .Where(a => active.Contains(a.OrganisationId) && people.ContainsKey(a.PersonId) && functions.ContainsKey(a.FunctionKey))
            .Select(a => new OpenService(a, functions[a.FunctionKey], people[a.PersonId],
                [.. a.AreaIds.Where(wijken.ContainsKey).Select(id => (id, wijken[id])).OrderBy(w => w.Item2)]))
            .OrderBy(s => s.Function.Position).ThenBy(s => s.Function.Key).ThenBy(s => s.Person.Name).ThenBy(s => s.Assignment.Id).ToList();
        var venues = await db.Venues.AsNoTracking().Where(v => v.EndedAt == null).OrderBy(v => v.Name).ThenBy(v => v.Id).ToListAsync(cancellationToken);
        var holders = services.Select(s => s.Person.Id).Distinct().ToList();
        var points = await db.ContactPoints.AsNoTracking()
            .Where(p => p.OrganisationId != null || p.FunctionKey != null || (p.PersonId != null && holders.Contains(p.PersonId.Value)))
            .ToListAsync(cancellationToken);
        // The consents as they stand now: a withdrawal committed before this read is in it.
        var history = await db.ConsentHistoryAsync(holders, cancellationToken);
        var shown = ConsentRule.Disclose(ContactPoint.InOrder(points), history, Visibility.Public).Select(s => s.Point).ToList();
        return new OpenDirectory(organisations, services, venues, shown, now);
    }
}
