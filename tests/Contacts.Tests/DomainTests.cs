using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Tests;

/// <summary>The network's rules without a database: circles, consent, routing, assignments, contact points.</summary>
public sealed class DomainTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly Guid s_zuid = Guid.NewGuid();
    private static readonly Guid s_oost = Guid.NewGuid();
    private static readonly Viewer s_admin = new(Guid.NewGuid(), [BuurtRoles.TenantAdmin], []);

    private static Viewer As(string role, params Guid[] wijken) => new(Guid.NewGuid(), [role], wijken);

    public static TheoryData<string?, bool, Visibility> Reaches => new()
    {
        { null, false, Visibility.Public },
        { BuurtRoles.Resident, false, Visibility.Residents },
        { BuurtRoles.Partner, true, Visibility.Network },
        { BuurtRoles.Partner, false, Visibility.Residents },
        { BuurtRoles.Director, false, Visibility.Staff },
        { BuurtRoles.Alderman, true, Visibility.Staff },
        { BuurtRoles.TenantAdmin, false, Visibility.Staff },
    };

    [Theory]
    [MemberData(nameof(Reaches))]
    public void A_viewer_reaches_the_circle_of_their_role_and_partners_only_the_network_of_their_own_wijken(string? role, bool ofZuid, Visibility reach)
    {
        var viewer = role is null ? Viewer.Anonymous : As(role, ofZuid ? s_zuid : s_oost);

        Assert.Equal(reach, viewer.ReachIn([s_zuid]));
    }

    [Fact]
    public void A_persons_own_point_is_staff_only_until_they_consent_and_again_once_they_withdraw()
    {
        var person = Person.Register("hilversum", "Dennis Kok", null, s_now);
        var phone = person.AddContactPoint(ContactPointKind.Phone, "06 1234 5678", Visibility.Public, null, s_now);
        var organisation = ContactPoint.OfOrganisation("hilversum", Guid.NewGuid(), ContactPointKind.Email, "info@example.nl", Visibility.Public, null, s_now);
        Assert.Equal(Visibility.Staff, ConsentRule.ShownTo(phone, []));
        Assert.Equal(Visibility.Public, ConsentRule.ShownTo(organisation, []));

        var given = person.GiveConsent([phone.Id], [phone], Visibility.Residents, ConsentBasis.InPerson, "2026-01", s_admin, s_now);
        Assert.Equal(Visibility.Residents, ConsentRule.ShownTo(phone, ConsentRule.Standing([given])));
        Assert.Single(ConsentRule.Disclose([phone], [given], Visibility.Residents));
        Assert.Empty(ConsentRule.Disclose([phone], [given], Visibility.Public));

        var withdrawn = person.WithdrawConsent(given.Id, [given], ConsentBasis.EmailLink, s_admin, s_now);
        Assert.Equal(Visibility.Staff, ConsentRule.ShownTo(phone, ConsentRule.Standing([given, withdrawn])));
        Assert.Equal([nameof(Contracts.Contacts.ConsentGiven), nameof(Contracts.Contacts.ConsentWithdrawn)],
            person.TakeRaisedEvents().Select(e => e.GetType().Name));
        Assert.Equal(2, person.TakeRecordedRows().Count);
    }

    [Fact]
    public void A_consent_never_shows_a_point_wider_than_the_point_is_meant_for()
    {
        var person = Person.Register("hilversum", "Lotte", null, s_now);
        var email = person.AddContactPoint(ContactPointKind.Email, "lotte@example.nl", Visibility.Network, null, s_now);

        var given = person.GiveConsent([email.Id], [email], Visibility.Public, ConsentBasis.InPerson, "2026-01", s_admin, s_now);

        Assert.Equal(Visibility.Network, ConsentRule.ShownTo(email, [given]));
    }

    public static TheoryData<string, string> BadConsents => new()
    {
        { "none", "contactPointIds" },
        { "foreign", "contactPointIds" },
        { "staff", "visibility" },
        { "on-platform by a keeper", "basis" },
        { "no text version", "textVersion" },
    };

    [Theory]
    [MemberData(nameof(BadConsents))]
    public void A_consent_that_breaks_a_rule_names_the_field(string what, string field)
    {
        var person = Person.Register("hilversum", "Lotte", null, s_now);
        var phone = person.AddContactPoint(ContactPointKind.Phone, "06 1234 5678", Visibility.Public, null, s_now);
        var other = Person.Register("hilversum", "Ander", null, s_now).AddContactPoint(ContactPointKind.Phone, "06 1111 1111", Visibility.Public, null, s_now);

        var error = Assert.Throws<RuleException>(() => person.GiveConsent(
            what == "none" ? [] : what == "foreign" ? [other.Id] : [phone.Id], [phone, other],
            what == "staff" ? Visibility.Staff : Visibility.Public,
            what == "on-platform by a keeper" ? ConsentBasis.OnPlatform : ConsentBasis.InPerson,
            what == "no text version" ? " " : "2026-01", s_admin, s_now));

        Assert.Equal((RuleKind.Invalid, field), (error.Kind, error.Field));
    }

    [Fact]
    public void A_person_with_an_account_consents_on_the_platform_themselves_and_no_one_else_may_but_keepers()
    {
        var account = Guid.NewGuid();
        var person = Person.Register("hilversum", "Fatma", account, s_now);
        var phone = person.AddContactPoint(ContactPointKind.Phone, "06 1234 5678", Visibility.Public, null, s_now);
        var self = new Viewer(account, [BuurtRoles.Partner], [s_zuid]);

        var given = person.GiveConsent([phone.Id], [phone], Visibility.Public, ConsentBasis.OnPlatform, "2026-01", self, s_now);
        var stranger = Assert.Throws<RuleException>(() => person.WithdrawConsent(given.Id, [given], ConsentBasis.InPerson, As(BuurtRoles.Partner, s_zuid), s_now));
        var withdrawal = person.WithdrawConsent(given.Id, [given], ConsentBasis.InPerson, self, s_now);

        Assert.Equal(account.ToString(), given.RecordedBy);
        Assert.Equal(RuleKind.Forbidden, stranger.Kind);
        Assert.Equal(ConsentBasis.OnPlatform, withdrawal.Basis);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() => person.WithdrawConsent(given.Id, [given, withdrawal], ConsentBasis.InPerson, self, s_now)).Kind);
    }

    [Fact]
    public void Routing_tries_the_topic_in_the_wijk_then_the_topic_then_the_wijks_fallback_then_the_municipalitys()
    {
        RoutingRule Rule(string? topic, Guid? wijk) => RoutingRule.Define("hilversum", topic, wijk, "wijkregisseur", null, s_now);
        var tenantFallback = Rule(null, null);
        var wijkFallback = Rule(null, s_zuid);
        var groen = Rule("groen", null);
        var groenInZuid = Rule("groen", s_zuid);
        var elsewhere = Rule("groen", s_oost);
        var rules = new[] { tenantFallback, elsewhere, wijkFallback, groen, groenInZuid };

        Assert.Equal([groenInZuid, groen, wijkFallback, tenantFallback], Routing.Candidates(rules, "groen", s_zuid));
        Assert.Equal([wijkFallback, tenantFallback], Routing.Candidates(rules, null, s_zuid));
        Assert.Equal([tenantFallback], Routing.Candidates(rules, "spelen", Guid.NewGuid()));
    }

    [Fact]
    public void A_rule_sends_to_a_function_or_an_organisation_not_both()
    {
        Assert.Equal("function", Assert.Throws<RuleException>(() => RoutingRule.Define("hilversum", "groen", null, null, null, s_now)).Field);
        Assert.Equal("function", Assert.Throws<RuleException>(() => RoutingRule.Define("hilversum", "groen", null, "wijkagent", Guid.NewGuid(), s_now)).Field);
    }

    private static Assignment Holding(string function, DateOnly from, DateOnly? until, params Guid[] wijken) => Assignment.Register(
        "hilversum", Person.Register("hilversum", "P", null, s_now), Organisation.Register("hilversum", "O", OrganisationKind.Police, null, s_now),
        Function.Define("hilversum", function, "F", 10), wijken, from, until, s_now);

    [Fact]
    public void Assignments_overlap_only_in_the_same_function_and_wijk_on_a_shared_day()
    {
        var current = Holding("wijkagent", new(2024, 1, 1), null, s_zuid, s_oost);

        Assert.True(Holding("wijkagent", new(2026, 1, 1), null, s_oost).Overlaps(current));
        Assert.False(Holding("wijkboa", new(2026, 1, 1), null, s_oost).Overlaps(current));
        Assert.False(Holding("wijkagent", new(2026, 1, 1), null, Guid.NewGuid()).Overlaps(current));
        Assert.False(Holding("wijkagent", new(2020, 1, 1), new(2023, 12, 31), s_zuid).Overlaps(current));
    }

    [Fact]
    public void A_hand_over_ends_the_current_assignment_the_day_before_and_the_answer_follows_on_the_day_it_starts()
    {
        var current = Holding("wijkagent", new(2024, 1, 1), null, s_zuid);
        var successor = Holding("wijkagent", new(2026, 4, 1), null, s_zuid);

        current.HandOverTo(successor, s_now);

        Assert.Equal(new DateOnly(2026, 3, 31), current.Until);
        Assert.All(current.Areas, a => Assert.Equal(current.Until, a.Until));
        Assert.False(current.Overlaps(successor));
        Assert.True(current.IsOn(new(2026, 3, 31)) && !successor.IsOn(new(2026, 3, 31)));
        Assert.True(!current.IsOn(new(2026, 4, 1)) && successor.IsOn(new(2026, 4, 1)));
        Assert.Contains(current.TakeRaisedEvents(), e => e is Contracts.Contacts.AssignmentEnded { Until.Day: 31 });
    }

    [Fact]
    public void An_assignment_ends_on_or_after_it_starts_and_a_hand_over_comes_after_the_start()
    {
        Assert.Equal("until", Assert.Throws<RuleException>(() => Holding("wijkagent", new(2026, 3, 1), new(2026, 2, 28), s_zuid)).Field);
        var current = Holding("wijkagent", new(2026, 5, 1), null, s_zuid);
        var early = Holding("wijkagent", new(2026, 5, 1), null, s_zuid);

        var error = Assert.Throws<RuleException>(() => current.HandOverTo(early, s_now));

        Assert.Equal(RuleKind.Conflict, error.Kind);
        Assert.Contains("from", ((Dictionary<string, string[]>)error.Details!["errors"]!).Keys);
        Assert.Equal("areaIds", Assert.Throws<RuleException>(() => Holding("wijkagent", new(2026, 3, 1), null)).Field);
    }

    [Theory]
    [InlineData(ContactPointKind.Phone, "14 035", true)]
    [InlineData(ContactPointKind.Phone, "+31 (0)35 123-4567", true)]
    [InlineData(ContactPointKind.Phone, "bel me", false)]
    [InlineData(ContactPointKind.Phone, "12", false)]
    [InlineData(ContactPointKind.Email, "wijkzuid@hilversum.nl", true)]
    [InlineData(ContactPointKind.Email, "wijkzuid", false)]
    [InlineData(ContactPointKind.Website, "https://www.hilversum.nl", true)]
    [InlineData(ContactPointKind.Website, "javascript:alert(1)", false)]
    [InlineData(ContactPointKind.Photo, "ftp://example.nl/a.jpg", false)]
    [InlineData(ContactPointKind.Address, "Geuzenweg 34, Hilversum", true)]
    [InlineData(ContactPointKind.Address, "  ", false)]
    public void A_contact_point_holds_what_its_kind_says(ContactPointKind kind, string value, bool valid)
    {
        if (valid)
        {
            Assert.Equal(value, ContactPoint.Checked(kind, "  " + value + " "));
        }
        else
        {
            Assert.Equal("value", Assert.Throws<RuleException>(() => ContactPoint.Checked(kind, value)).Field);
        }
    }

    [Theory]
    [InlineData("wijkagent", true)]
    [InlineData("Groen", true)]
    [InlineData("woon-consulent2", true)]
    [InlineData("-groen", false)]
    [InlineData("groen en blauw", false)]
    [InlineData("", false)]
    public void Keys_are_lower_case_letters_digits_and_dashes(string key, bool valid)
    {
        if (valid)
        {
            Assert.Equal(key.ToLowerInvariant(), Text.Key(key, "key"));
        }
        else
        {
            Assert.Equal("key", Assert.Throws<RuleException>(() => Text.Key(key, "key")).Field);
        }
    }

    [Fact]
    public void The_networks_days_are_amsterdams()
    {
        Assert.Equal(new DateOnly(2026, 4, 1), NetworkCalendar.Today(new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 1, 1), NetworkCalendar.Today(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero)));
    }
}
