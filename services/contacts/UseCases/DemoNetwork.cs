using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>
/// The demo network ("Demo:Enabled"): both demo municipalities' functions and topics; Hilversum's
/// network for Zuid and Oost 1221 — the wijkregisseur (Marieke Jansen, the director.zuid account) and
/// wijkwethouder (Peter Bakker, alderman.zuid) of Zuid, the wijkregisseur of Oost 1221, a wijkagent
/// with consent for a public work phone, Versa Welzijn's opbouwwerker without consent for personal
/// details, the venues De Geus and Lopes Dias (addresses approximate), and routing rules for groen,
/// verkeer, veiligheid and eenzaamheid. The wijk ids are identity's demo ids. Idempotent: a
/// municipality with functions is left alone; replicas starting together take turns.
/// </summary>
internal sealed class DemoNetwork(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time) : IHostedService
{
    public static readonly Guid Zuid = Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f");
    public static readonly Guid Oost1221 = Guid.Parse("329d4cef-ec33-5743-857d-6d7d15951eed");

    /// <summary>When the demo assignments began.</summary>
    /// <summary>The demo venues' fixed ids: the calendar's demo office hours name them.</summary>
    public static readonly Guid DeGeus = Guid.Parse("0193a0c0-0000-7000-8000-0000000de6e5");
    public static readonly Guid LopesDias = Guid.Parse("0193a0c0-0000-7000-8000-00000010e5d1");

    public static readonly DateOnly Since = new(2024, 1, 1);

    private static readonly (string Key, string Name)[] s_functions =
    [
        ("wijkregisseur", "Wijkregisseur"), ("wijkwethouder", "Wijkwethouder"), ("wijkagent", "Wijkagent"),
        ("wijkboa", "Wijkboa"), ("opbouwwerker", "Opbouwwerker"), ("woonconsulent", "Woonconsulent"),
    ];

    private static readonly (string Key, string Name, Theme Theme)[] s_topics =
    [
        ("groen", "Groen", Theme.Fysiek), ("spelen", "Spelen", Theme.Fysiek), ("verkeer", "Verkeer", Theme.Fysiek),
        ("zwerfafval", "Zwerfafval", Theme.Fysiek), ("ontmoeting", "Ontmoeting", Theme.Sociaal), ("jongeren", "Jongeren", Theme.Sociaal),
        ("eenzaamheid", "Eenzaamheid", Theme.Sociaal), ("energie", "Energie", Theme.Sociaal), ("cultuur", "Cultuur", Theme.Sociaal),
        ("veiligheid", "Veiligheid", Theme.Veilig),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }
        await SeedAsync("hilversum", Hilversum, cancellationToken);
        await SeedAsync("voorbeeldstad", Voorbeeldstad, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(string tenant, Action<Network> network, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        await using var write = await db.BeginWriteAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('buurt-contacts-demo'))", cancellationToken);
        if (await db.Functions.AnyAsync(cancellationToken))
        {
            return;
        }
        var now = time.GetUtcNow();
        var position = 0;
        var demo = new Network(db, tenant, now, [.. s_functions.Select(f => Function.Define(tenant, f.Key, f.Name, position += 10))]);
        db.Functions.AddRange(demo.Functions);
        db.Topics.AddRange(s_topics.Select(t => Topic.Define(tenant, t.Key, t.Name, t.Theme)));
        network(demo);
        await write.CommitAsync(cancellationToken);
    }

    private static void Voorbeeldstad(Network n)
    {
        var gemeente = n.Organisation("Gemeente Voorbeeldstad", OrganisationKind.Municipality, ("phone", "14 0999", "Algemeen nummer"));
        n.Rule(null, null, organisation: gemeente);
    }

    private static void Hilversum(Network n)
    {
        var gemeente = n.Organisation("Gemeente Hilversum", OrganisationKind.Municipality,
            ("phone", "14 035", "Algemeen nummer"), ("email", "info@hilversum.example", null), ("website", "https://www.hilversum.nl", null));
        var politie = n.Organisation("Politie basisteam Hilversum", OrganisationKind.Police,
            ("phone", "0900 8844", "Geen spoed"), ("website", "https://www.politie.nl", null));
        var versa = n.Organisation("Versa Welzijn", OrganisationKind.SocialWork,
            ("phone", "035 123 4567", null), ("email", "info@versawelzijn.example", null), ("website", "https://www.versawelzijn.nl", null));

        var regisseurZuid = n.Person("Marieke Jansen");
        n.PersonalPoint(regisseurZuid, ContactPointKind.Email, "m.jansen@hilversum.example", Visibility.Network);
        var wethouder = n.Person("Peter Bakker");
        var regisseurOost = n.Person("Jeroen van Dijk");
        var agent = n.Person("Dennis Kok");
        var workPhone = n.PersonalPoint(agent, ContactPointKind.Phone, "06 1234 5678", Visibility.Public, "Werktelefoon");
        var opbouwwerker = n.Person("Lotte Hendriks");
        n.PersonalPoint(opbouwwerker, ContactPointKind.Phone, "06 8765 4321", Visibility.Public, "Mobiel");
        n.PersonalPoint(opbouwwerker, ContactPointKind.Email, "lotte.hendriks@versawelzijn.example", Visibility.Public);
        // The wijkagent agreed in person to a public work phone; the opbouwwerker gave no consent (only staff see her details).
        agent.GiveConsent([workPhone.Id], [workPhone], Visibility.Public, ConsentBasis.InPerson, "2026-01", new Viewer(null, [BuurtRoles.TenantAdmin], [], name: "demo"), n.Now);

        n.Assign(regisseurZuid, gemeente, "wijkregisseur", Zuid);
        n.Assign(wethouder, gemeente, "wijkwethouder", Zuid, Oost1221);
        n.Assign(regisseurOost, gemeente, "wijkregisseur", Oost1221);
        n.Assign(agent, politie, "wijkagent", Zuid, Oost1221);
        n.Assign(opbouwwerker, versa, "opbouwwerker", Zuid, Oost1221);
        n.FunctionPoint("wijkregisseur", Zuid, "wijkzuid@hilversum.example", "Wijkteam Zuid");
        n.FunctionPoint("wijkregisseur", Oost1221, "wijkoost@hilversum.example", "Wijkteam Oost");

        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        n.Venue(DeGeus, new VenueDetails("Wijkcentrum De Geus", Oost1221, versa.Id, "Geuzenweg 34", "1221", "Hilversum", 52.2288, 5.1905,
            [.. weekdays.Select(d => new OpeningPeriod(d, new(9, 0), new(17, 0))), new(DayOfWeek.Tuesday, new(19, 0), new(22, 0))],
            "Drempelvrije ingang, invalidentoilet, ringleiding in de grote zaal."));
        n.Venue(LopesDias, new VenueDetails("Buurthuis Lopes Dias", Zuid, versa.Id, "Lopes Diaslaan 213", "1216", "Hilversum", 52.2135, 5.1800,
            [.. weekdays.Select(d => new OpeningPeriod(d, new(9, 0), new(21, 30)))],
            "Ingang met hellingbaan; zalen op de begane grond."));

        n.Rule("groen", null, function: "wijkregisseur");
        n.Rule("verkeer", null, organisation: gemeente);
        n.Rule("verkeer", Zuid, function: "wijkagent");
        n.Rule("veiligheid", null, function: "wijkagent");
        n.Rule("eenzaamheid", null, function: "opbouwwerker");
        n.Rule(null, Zuid, function: "wijkregisseur");
        n.Rule(null, Oost1221, function: "wijkregisseur");
        n.Rule(null, null, organisation: gemeente);
    }

    /// <summary>Builds one municipality's network through the domain (so every event is raised) into the context.</summary>
    private sealed class Network(ContactsDbContext db, string tenant, DateTimeOffset now, List<Function> functions)
    {
        public DateTimeOffset Now => now;

        public List<Function> Functions => functions;

        public Organisation Organisation(string name, OrganisationKind kind, params (string Kind, string Value, string? Label)[] points)
        {
            var organisation = Domain.Organisation.Register(tenant, name, kind, null, now);
            db.Organisations.Add(organisation);
            db.ContactPoints.AddRange(points.Select(p =>
                organisation.AddContactPoint(Enum.Parse<ContactPointKind>(p.Kind, ignoreCase: true), p.Value, Visibility.Public, p.Label, now)));
            return organisation;
        }

        public Person Person(string name)
        {
            var person = Domain.Person.Register(tenant, name, null, now);
            db.People.Add(person);
            return person;
        }

        public ContactPoint PersonalPoint(Person person, ContactPointKind kind, string value, Visibility visibility, string? label = null)
        {
            var point = person.AddContactPoint(kind, value, visibility, label, now);
            db.ContactPoints.Add(point);
            return point;
        }

        public void FunctionPoint(string function, Guid wijk, string email, string label) =>
            db.ContactPoints.Add(ContactPoint.OfFunction(tenant, function, wijk, ContactPointKind.Email, email, Visibility.Public, label, now));

        public void Assign(Person person, Organisation organisation, string function, params Guid[] wijken) =>
            db.Assignments.Add(Assignment.Register(tenant, person, organisation, functions.Single(f => f.Key == function), wijken, Since, null, now));

        public void Venue(Guid id, VenueDetails details) => db.Venues.Add(Domain.Venue.Register(tenant, details, now, id));

        public void Rule(string? topic, Guid? wijk, string? function = null, Organisation? organisation = null) =>
            db.RoutingRules.Add(RoutingRule.Define(tenant, topic, wijk, function, organisation?.Id, now));
    }
}
