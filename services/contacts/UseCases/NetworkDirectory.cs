using Buurt.AreaCopy;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>A coming session of an office hour a contact hosts (from the calendar's events).</summary>
public sealed record NextOfficeHour(CopiedOfficeHour OfficeHour, CopiedSession Session);

/// <summary>
/// One contact in an answer: a function's holder (with their organisation) or an organisation, the
/// points the caller may see, and the next sessions of the office hours of the function (or the person) in the wijk.
/// </summary>
public sealed record Contact(Function? Function, Person? Person, Organisation Organisation, IReadOnlyList<ShownPoint> Points)
{
    public IReadOnlyList<NextOfficeHour> NextOfficeHours { get; init; } = [];
}

/// <summary>"Who do I talk to": the wijk of the question, the topic if one was asked, the contacts in order.</summary>
public sealed record WhoAnswer(CopiedArea Wijk, Topic? Topic, IReadOnlyList<Contact> Contacts)
{
    /// <summary>Nothing about a person in it (no holder, no personal point): an answer anyone may share.</summary>
    public bool IsPersonFree => Contacts.All(c => c.Person is null && c.Points.All(p => !p.Point.IsPersonal));
}

/// <summary>A person as the caller may see them: their points as far as consent and circle allow, what they hold today.</summary>
public sealed record PersonView(Person Person, IReadOnlyList<ShownPoint> Points, IReadOnlyList<Assignment> Assignments, bool SeesAccount);

/// <summary>An organisation with the points the caller may see.</summary>
public sealed record OrganisationView(Organisation Organisation, IReadOnlyList<ShownPoint> Points);

/// <summary>
/// The network's answers: who to talk to about a topic where one lives, a person, an organisation.
/// Every answer is computed from the consents as they stand at the moment of the request, so a
/// withdrawal counts in the very next answer.
/// </summary>
public sealed class NetworkDirectory(ContactsDbContext db, TimeProvider time, NetworkVersions versions, ITenantContext tenant)
{
    /// <summary>
    /// The wijk of <paramref name="postcode"/> (or the wijk <paramref name="areaId"/>), then: with a
    /// topic, the first routing rule (topic and wijk, topic, the wijk's fallback, the municipality's)
    /// whose function has a holder there today, or whose organisation is in the network; without a topic,
    /// everyone holding a function in the wijk today (the fallbacks when no one does). What the question
    /// resolves to is kept per network version (<see cref="NetworkVersions"/>); what the caller may see of
    /// it and the coming office hours are worked out per request.
    /// </summary>
    public async Task<WhoAnswer> WhoAsync(string? postcode, Guid? areaId, string? topicKey, Viewer viewer, CancellationToken cancellationToken)
    {
        int? pc4 = postcode is null ? null : Postcode.RequirePc4(postcode);
        if (pc4 is null && areaId is null)
        {
            throw RuleException.Invalid("postcode", "Give the postcode you ask about (1221 or 1221 AB), or the areaId of a wijk.");
        }
        var now = time.GetUtcNow();
        var day = NetworkCalendar.Today(now);
        var resolved = await versions.GetAsync(db, tenant.RequiredTenantId, $"who|{pc4}|{(pc4 is null ? areaId : null)}|{topicKey?.Trim().ToLowerInvariant()}|{day:O}",
            () => ResolveAsync(pc4, areaId, topicKey, day, cancellationToken), cancellationToken);
        return new WhoAnswer(resolved.Wijk, resolved.Topic, Compose(resolved, viewer, now));
    }

    /// <summary>What a question resolves to on <paramref name="day"/>, for any caller: the chosen holders (or organisation) and what is needed to show them.</summary>
    private async Task<Resolved> ResolveAsync(int? pc4, Guid? areaId, string? topicKey, DateOnly day, CancellationToken cancellationToken)
    {
        var wijk = await WijkAsync(pc4, areaId, cancellationToken);
        var topic = topicKey is null ? null : await db.TopicAsync(topicKey, "topic", cancellationToken);
        var askedTopic = topic?.Key;
        var holders = await db.HoldersAsync(wijk.Id, day, cancellationToken);
        var chosen = topic is null ? holders : [];
        Organisation? organisationOnly = null;
        if (chosen.Count == 0)
        {
            var rules = await db.RoutingRules.AsNoTracking()
                .Where(r => (r.TopicKey == null || r.TopicKey == askedTopic) && (r.AreaId == null || r.AreaId == wijk.Id))
                .ToListAsync(cancellationToken);
            foreach (var rule in Routing.Candidates(rules, askedTopic, wijk.Id))
            {
                chosen = [.. holders.Where(h => h.Function.Key == rule.FunctionKey)];
                if (chosen.Count > 0)
                {
                    break;
                }
                if (rule.OrganisationId is { } id
                    && await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.EndedAt == null, cancellationToken) is { } organisation)
                {
                    organisationOnly = organisation;
                    break;
                }
            }
        }
        if (chosen.Count == 0 && organisationOnly is null)
        {
            return new Resolved(wijk, topic, [], null, [], [], []);
        }
        var peopleIds = chosen.Select(h => h.Person.Id).Distinct().ToList();
        var organisationIds = chosen.Select(h => h.Organisation.Id).Append(organisationOnly?.Id ?? Guid.Empty).Distinct().ToList();
        var functionKeys = chosen.Select(h => h.Function.Key).Distinct().ToList();
        var points = ContactPoint.InOrder(await db.ContactPoints.AsNoTracking()
            .Where(p => (p.PersonId != null && peopleIds.Contains(p.PersonId.Value))
                || (p.OrganisationId != null && organisationIds.Contains(p.OrganisationId.Value))
                || (p.FunctionKey != null && functionKeys.Contains(p.FunctionKey) && (p.AreaId == null || p.AreaId == wijk.Id)))
            .ToListAsync(cancellationToken)).ToList();
        var history = peopleIds.Count == 0 ? [] : await db.ConsentHistoryAsync(peopleIds, cancellationToken);
        var officeHours = functionKeys.Count == 0
            ? []
            : await db.OfficeHours.AsNoTracking().Where(o => o.AreaId == wijk.Id && functionKeys.Contains(o.Function)).ToListAsync(cancellationToken);
        return new Resolved(wijk, topic, chosen, organisationOnly, points, history, officeHours);
    }

    public async Task<PersonView> PersonAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ErasedAt == null, cancellationToken)
            ?? throw RuleException.NotFound($"There is no person {id} in this municipality's network.");
        var today = NetworkCalendar.Today(time.GetUtcNow());
        var assignments = await db.Assignments.AsNoTracking().Include(a => a.Areas)
            .Where(a => a.PersonId == id && (a.Until == null || a.Until >= today)).OrderBy(a => a.From).ToListAsync(cancellationToken);
        var wijken = assignments.Where(a => a.IsOn(today)).SelectMany(a => a.AreaIds).Distinct().ToList();
        var points = ContactPoint.InOrder(await db.ContactPoints.AsNoTracking().Where(p => p.PersonId == id).ToListAsync(cancellationToken));
        var history = await db.ConsentHistoryAsync([id], cancellationToken);
        // The person themselves sees all that is theirs.
        var reach = viewer.Is(person) ? Visibility.Staff : viewer.ReachIn(wijken);
        return new PersonView(person, ConsentRule.Disclose(points, history, reach), assignments, viewer.IsStaff || viewer.Is(person));
    }

    public async Task<OrganisationView> OrganisationAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw RuleException.NotFound($"There is no organisation {id} in this municipality.");
        var wijken = await db.WijkenOnAsync(null, id, NetworkCalendar.Today(time.GetUtcNow()), cancellationToken);
        var points = ContactPoint.InOrder(await db.ContactPoints.AsNoTracking().Where(p => p.OrganisationId == id).ToListAsync(cancellationToken));
        return new OrganisationView(organisation, ConsentRule.Disclose(points, [], viewer.ReachIn(wijken)));
    }

    private async Task<CopiedArea> WijkAsync(int? pc4, Guid? areaId, CancellationToken cancellationToken) =>
        pc4 is { } code
            ? await db.WijkOfAsync(code, cancellationToken) ?? throw RuleException.NotFound($"Postcode {code} lies in no wijk of this municipality.")
            : await db.WijkAsync(areaId!.Value, cancellationToken) ?? throw RuleException.NotFound($"There is no wijk {areaId} in this municipality.");

    /// <summary>The contacts of the chosen holders (or the one organisation) with what the viewer may see of each, in function order.</summary>
    private static List<Contact> Compose(Resolved resolved, Viewer viewer, DateTimeOffset now)
    {
        var (wijk, points, history) = (resolved.Wijk.Id, resolved.Points, resolved.History);
        var reach = viewer.ReachIn([wijk]);
        if (resolved.OrganisationOnly is { } only)
        {
            return [new Contact(null, null, only, ConsentRule.Disclose(points.Where(p => p.OrganisationId == only.Id), [], reach))];
        }
        return [.. resolved.Holders
            .OrderBy(h => h.Function.Position).ThenBy(h => h.Person.Name)
            .Select(h => new Contact(h.Function, h.Person, h.Organisation, ConsentRule.Disclose(
                // Their own first, then the function's, then their organisation's.
                points.Where(p => p.PersonId == h.Person.Id)
                    .Concat(points.Where(p => p.FunctionKey == h.Function.Key))
                    .Concat(points.Where(p => p.OrganisationId == h.Organisation.Id)),
                history, viewer.Is(h.Person) ? Visibility.Staff : reach))
            {
                NextOfficeHours = NextOf(resolved.OfficeHours, h, now),
            })];
    }

    /// <summary>
    /// What a question resolved to, shared by every caller while the network version stands (read only):
    /// the wijk, the topic, the chosen holders or organisation, their points, consent history and office hours.
    /// </summary>
    private sealed record Resolved(
        CopiedArea Wijk, Topic? Topic, List<Holder> Holders, Organisation? OrganisationOnly,
        List<ContactPoint> Points, List<ConsentRecord> History, List<CopiedOfficeHour> OfficeHours);

    /// <summary>
    /// The next sessions (at most <see cref="CopiedOfficeHour.Shown"/>) of the office hours this holder
    /// hosts in the wijk: those hosted by their function (a session on a date someone else holds it names
    /// that person, and is left out), and those naming them in it.
    /// </summary>
    private static List<NextOfficeHour> NextOf(IEnumerable<CopiedOfficeHour> officeHours, Holder holder, DateTimeOffset now) =>
        [.. officeHours.Where(o => o.IsOf(holder.Function.Key, holder.Person.Name))
            .SelectMany(o => o.ComingAfter(now)
                .Where(s => !o.HostByFunction || s.HostName is null || string.Equals(s.HostName, holder.Person.Name, StringComparison.OrdinalIgnoreCase))
                .Select(s => new NextOfficeHour(o, s)))
            .OrderBy(n => n.Session.StartsAt).Take(CopiedOfficeHour.Shown)];
}
