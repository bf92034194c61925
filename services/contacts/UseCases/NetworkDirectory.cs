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
    /// everyone holding a function in the wijk today (the fallbacks when no one does). The municipality's
    /// lists (postcodes, wijken, topics) and a wijk's network of the day are kept per network version
    /// (<see cref="NetworkVersions"/>); the rules, what the caller may see and the coming office hours
    /// are worked out per request, in memory.
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
        var tenantId = tenant.RequiredTenantId;
        var lists = await versions.GetAsync(db, tenantId, "lists", () => ListsAsync(cancellationToken), cancellationToken);
        var wijk = pc4 is { } code
            ? lists.Ranges.Where(r => r.From <= code && code <= r.To).Select(r => lists.Areas.GetValueOrDefault(r.AreaId)).FirstOrDefault(a => a is not null)
                ?? throw RuleException.NotFound($"Postcode {code} lies in no wijk of this municipality.")
            : lists.Areas.GetValueOrDefault(areaId!.Value) is { Kind: CopiedArea.Wijk } area ? area
            : throw RuleException.NotFound($"There is no wijk {areaId} in this municipality.");
        var topic = topicKey is null ? null
            : lists.Topics.GetValueOrDefault(topicKey.Trim().ToLowerInvariant()) ?? await db.TopicAsync(topicKey, "topic", cancellationToken);
        var network = await versions.GetAsync(db, tenantId, $"wijk|{wijk.Id}|{day:O}", () => WijkNetworkAsync(wijk.Id, day, cancellationToken), cancellationToken);
        var (chosen, organisationOnly) = Choose(network, topic?.Key, wijk.Id);
        return new WhoAnswer(wijk, topic, Compose(network, chosen, organisationOnly, wijk.Id, viewer, now));
    }

    /// <summary>The municipality's postcode ranges, areas and topics.</summary>
    private async Task<TenantLists> ListsAsync(CancellationToken cancellationToken) => new(
        await db.PostcodeRanges.AsNoTracking().ToListAsync(cancellationToken),
        await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken),
        await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken));

    /// <summary>
    /// A wijk's network on <paramref name="day"/>, for any question and caller: who holds what there,
    /// the rules that hold there (every topic), the organisations they name, and the points, consent
    /// records and office hours of all of them.
    /// </summary>
    private async Task<WijkNetwork> WijkNetworkAsync(Guid wijk, DateOnly day, CancellationToken cancellationToken)
    {
        var holders = await db.HoldersAsync(wijk, day, cancellationToken);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.AreaId == null || r.AreaId == wijk).ToListAsync(cancellationToken);
        var named = rules.Where(r => r.OrganisationId is not null).Select(r => r.OrganisationId!.Value).Distinct().ToList();
        var organisations = named.Count == 0 ? []
            : await db.Organisations.AsNoTracking().Where(o => named.Contains(o.Id) && o.EndedAt == null).ToDictionaryAsync(o => o.Id, cancellationToken);
        var peopleIds = holders.Select(h => h.Person.Id).Distinct().ToList();
        var organisationIds = holders.Select(h => h.Organisation.Id).Concat(organisations.Keys).Distinct().ToList();
        var functionKeys = holders.Select(h => h.Function.Key).Distinct().ToList();
        var points = ContactPoint.InOrder(await db.ContactPoints.AsNoTracking()
            .Where(p => (p.PersonId != null && peopleIds.Contains(p.PersonId.Value))
                || (p.OrganisationId != null && organisationIds.Contains(p.OrganisationId.Value))
                || (p.FunctionKey != null && functionKeys.Contains(p.FunctionKey) && (p.AreaId == null || p.AreaId == wijk)))
            .ToListAsync(cancellationToken)).ToList();
        var history = peopleIds.Count == 0 ? [] : await db.ConsentHistoryAsync(peopleIds, cancellationToken);
        var officeHours = functionKeys.Count == 0
            ? []
            : await db.OfficeHours.AsNoTracking().Where(o => o.AreaId == wijk && functionKeys.Contains(o.Function)).ToListAsync(cancellationToken);
        return new WijkNetwork(holders, rules, organisations, points, history, officeHours);
    }

    /// <summary>Without a topic everyone holding a function (if anyone does); else the first rule with someone to talk to.</summary>
    private static (List<Holder> Chosen, Organisation? OrganisationOnly) Choose(WijkNetwork network, string? askedTopic, Guid wijk)
    {
        if (askedTopic is null && network.Holders.Count > 0)
        {
            return (network.Holders, null);
        }
        var rules = network.Rules.Where(r => r.TopicKey == null || r.TopicKey == askedTopic).ToList();
        foreach (var rule in Routing.Candidates(rules, askedTopic, wijk))
        {
            List<Holder> chosen = [.. network.Holders.Where(h => h.Function.Key == rule.FunctionKey)];
            if (chosen.Count > 0)
            {
                return (chosen, null);
            }
            if (rule.OrganisationId is { } id && network.Organisations.GetValueOrDefault(id) is { } organisation)
            {
                return ([], organisation);
            }
        }
        return ([], null);
    }

    /// <summary>
    /// The signed-in caller's own person record: the one whose account (<see cref="Person.UserId"/>, unique per
    /// municipality) is theirs. How an app finds its user's consents without knowing the person's id.
    /// </summary>
    public async Task<PersonView> MeAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var account = viewer.UserId ?? throw RuleException.NotFound("Only a signed-in account has a person record.");
        var id = await db.People.AsNoTracking().Where(p => p.UserId == account && p.ErasedAt == null).Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(cancellationToken) ?? throw RuleException.NotFound("Your account has no person record in this municipality's network.");
        return await PersonAsync(id, viewer, cancellationToken);
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

    /// <summary>The contacts of the chosen holders (or the one organisation) with what the viewer may see of each, in function order.</summary>
    private static List<Contact> Compose(
        WijkNetwork network, List<Holder> holders, Organisation? organisationOnly, Guid wijk, Viewer viewer, DateTimeOffset now)
    {
        var (points, history) = (network.Points, network.History);
        var reach = viewer.ReachIn([wijk]);
        if (organisationOnly is { } only)
        {
            return [new Contact(null, null, only, ConsentRule.Disclose(points.Where(p => p.OrganisationId == only.Id), [], reach))];
        }
        return [.. holders
            .OrderBy(h => h.Function.Position).ThenBy(h => h.Person.Name)
            .Select(h => new Contact(h.Function, h.Person, h.Organisation, ConsentRule.Disclose(
                // Their own first, then the function's, then their organisation's.
                points.Where(p => p.PersonId == h.Person.Id)
                    .Concat(points.Where(p => p.FunctionKey == h.Function.Key))
                    .Concat(points.Where(p => p.OrganisationId == h.Organisation.Id)),
                history.Where(r => r.PersonId == h.Person.Id), viewer.Is(h.Person) ? Visibility.Staff : reach))
            {
                NextOfficeHours = NextOf(network.OfficeHours, h, now),
            })];
    }

    /// <summary>The municipality's lists a question starts from, kept per network version (read only).</summary>
    private sealed record TenantLists(List<CopiedPostcodeRange> Ranges, Dictionary<Guid, CopiedArea> Areas, Dictionary<string, Topic> Topics);

    /// <summary>A wijk's network of a day, shared by every question and caller while the network version stands (read only).</summary>
    private sealed record WijkNetwork(
        List<Holder> Holders, List<RoutingRule> Rules, Dictionary<Guid, Organisation> Organisations,
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
