using Buurt.AreaCopy;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Buurt.Contacts.Data;

/// <summary>Someone holding a function today: the assignment's id, the person, their organisation, the function.</summary>
public sealed record Holder(Guid AssignmentId, Person Person, Organisation Organisation, Function Function);

/// <summary>The reads the use cases start with: one thing by its id or a 404, the wijk of a postcode, the holders of a day.</summary>
public static class NetworkQueries
{
    public static async Task<Organisation> FindOrganisationAsync(this ContactsDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw RuleException.NotFound($"There is no organisation {id} in this municipality.");

    /// <summary>A person of the network (not an erased one), tracked; 404 otherwise.</summary>
    public static async Task<Person> FindPersonAsync(this ContactsDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.People.FirstOrDefaultAsync(p => p.Id == id && p.ErasedAt == null, cancellationToken)
        ?? throw RuleException.NotFound($"There is no person {id} in this municipality's network.");

    /// <summary>One of the organisation's own contact points (tracked); 404 otherwise.</summary>
    public static async Task<ContactPoint> FindOrganisationPointAsync(this ContactsDbContext db, Organisation organisation, Guid pointId, CancellationToken cancellationToken) =>
        await db.ContactPoints.FirstOrDefaultAsync(p => p.Id == pointId && p.OrganisationId == organisation.Id, cancellationToken)
        ?? throw RuleException.NotFound($"{organisation.Name} has no contact point {pointId}.");

    public static async Task<Assignment> FindAssignmentAsync(this ContactsDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Assignments.Include(a => a.Areas).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw RuleException.NotFound($"There is no assignment {id} in this municipality.");

    public static async Task<Venue> FindVenueAsync(this ContactsDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Venues.FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
        ?? throw RuleException.NotFound($"There is no venue {id} in this municipality.");

    /// <summary>
    /// The link a token opens (tracked), for <paramref name="purpose"/>, not expired at <paramref name="now"/>;
    /// 404 for any other token (unknown, expired, for something else, of another municipality, of an erased person).
    /// </summary>
    public static async Task<SecretLink> FindLinkAsync(this ContactsDbContext db, string token, LinkPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = SecretLink.Hash(token);
        return await db.SecretLinks.FirstOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose && (l.ExpiresAt == null || l.ExpiresAt > now), cancellationToken)
            ?? throw RuleException.NotFound("This link is unknown or no longer valid.");
    }

    /// <summary>Whether the viewer's own person (by account) holds a function for the organisation on <paramref name="day"/>: a partner of it.</summary>
    public static async Task<bool> WorksForAsync(this ContactsDbContext db, Viewer viewer, Guid organisationId, DateOnly day, CancellationToken cancellationToken) =>
        viewer.UserId is { } userId && await db.Assignments.AnyAsync(a => a.OrganisationId == organisationId && a.From <= day && (a.Until == null || day <= a.Until)
            && db.People.Any(p => p.Id == a.PersonId && p.UserId == userId && p.ErasedAt == null), cancellationToken);

    /// <summary>The first e-mail address of each of these owners (organisations or people), of any municipality: where a verification request goes.</summary>
    public static async Task<Dictionary<Guid, string>> EmailsOfAsync(this ContactsDbContext db, IReadOnlyCollection<Guid> owners, CancellationToken cancellationToken)
    {
        var points = await db.ContactPoints.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Kind == ContactPointKind.Email
                && ((p.OrganisationId != null && owners.Contains(p.OrganisationId.Value)) || (p.PersonId != null && owners.Contains(p.PersonId.Value))))
            .ToListAsync(cancellationToken);
        return ContactPoint.InOrder(points).GroupBy(p => (p.OrganisationId ?? p.PersonId)!.Value).ToDictionary(g => g.Key, g => g.First().Value);
    }

    /// <summary>A wijk of the municipality by id; null when it has none.</summary>
    public static Task<CopiedArea?> WijkAsync(this ContactsDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == CopiedArea.Wijk, cancellationToken);

    /// <summary>The ids among <paramref name="ids"/> that are no wijk of this municipality.</summary>
    public static async Task<List<Guid>> NotWijkenAsync(this ContactsDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var asked = ids.Distinct().ToList();
        var known = await db.Areas.Where(a => asked.Contains(a.Id) && a.Kind == CopiedArea.Wijk).Select(a => a.Id).ToListAsync(cancellationToken);
        return [.. asked.Except(known)];
    }

    /// <summary>
    /// Everyone holding a function in <paramref name="wijk"/> on <paramref name="day"/>, with their
    /// person, organisation and function, in one query (untracked): who asks for this on every answer.
    /// </summary>
    public static Task<List<Holder>> HoldersAsync(this ContactsDbContext db, Guid wijk, DateOnly day, CancellationToken cancellationToken) => (
        // From the wijk rows (their index leads with the wijk), so the other wijken's history is never read.
        from held in db.AssignmentAreas
        where held.AreaId == wijk && held.From <= day && (held.Until == null || day <= held.Until)
        join assignment in db.Assignments on held.AssignmentId equals assignment.Id
        join person in db.People on assignment.PersonId equals person.Id
        join organisation in db.Organisations on assignment.OrganisationId equals organisation.Id
        join function in db.Functions on assignment.FunctionKey equals function.Key
        select new Holder(assignment.Id, person, organisation, function)).AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>The wijken a person or an organisation works in on <paramref name="day"/> (by its assignments).</summary>
    public static Task<List<Guid>> WijkenOnAsync(this ContactsDbContext db, Guid? personId, Guid? organisationId, DateOnly day, CancellationToken cancellationToken) =>
        db.AssignmentAreas.AsNoTracking()
            .Where(a => a.From <= day && (a.Until == null || day <= a.Until))
            .Where(a => db.Assignments.Any(x => x.Id == a.AssignmentId && (x.PersonId == personId || x.OrganisationId == organisationId)))
            .Select(a => a.AreaId).Distinct().ToListAsync(cancellationToken);

    /// <summary>The consent records of these people, oldest first (untracked).</summary>
    public static Task<List<ConsentRecord>> ConsentHistoryAsync(this ContactsDbContext db, IReadOnlyCollection<Guid> people, CancellationToken cancellationToken) =>
        db.ConsentRecords.AsNoTracking().Where(r => people.Contains(r.PersonId)).OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Saves a change to assignments. Two holders of one function in one wijk on one day that slipped
    /// past the use case's check (two requests at once) meet PostgreSQL's exclusion constraint: the same 409.
    /// </summary>
    public static async Task SaveAssignmentsAsync(this ContactsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation, ConstraintName: ContactsDbContext.OneHolderConstraint })
        {
            throw Assignment.Overlap("Another assignment holds this function in one of these wijken on some of these days");
        }
    }
}

/// <summary>The municipality's own lists (functions, topics): a key it does not know is a 400 listing the ones it does.</summary>
public static class ListQueries
{
    public static async Task<Function> FunctionAsync(this ContactsDbContext db, string? key, string field, CancellationToken cancellationToken)
    {
        var all = await db.Functions.AsNoTracking().OrderBy(f => f.Position).ThenBy(f => f.Key).ToListAsync(cancellationToken);
        return all.FirstOrDefault(f => string.Equals(f.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw RuleException.Invalid(field, Unknown("function", key, all.Select(f => f.Key)));
    }

    public static async Task<Topic> TopicAsync(this ContactsDbContext db, string? key, string field, CancellationToken cancellationToken)
    {
        // Keys are lower case; the whole list is read only to name it in the 400.
        var asked = key?.Trim().ToLowerInvariant();
        return await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Key == asked, cancellationToken)
            ?? throw RuleException.Invalid(field, Unknown("topic", key, await db.Topics.OrderBy(t => t.Key).Select(t => t.Key).ToListAsync(cancellationToken)));
    }

    private static string Unknown(string what, string? key, IEnumerable<string> known) =>
        known.ToList() is { Count: > 0 } keys
            ? $"This municipality knows no {what} '{key}'. Known: {string.Join(", ", keys)}."
            : $"This municipality knows no {what} '{key}'; it has none yet.";
}
