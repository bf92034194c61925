using Buurt.Contracts;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Buurt.Testing;

namespace Buurt.Initiatives.Tests;

/// <summary>Who may do what, decided from the token's user, roles and wijken, without HTTP.</summary>
public sealed class ActorTests
{
    private static readonly Guid s_initiator = Guid.NewGuid();

    private static readonly Initiative s_zuid = Initiative.Submit("hilversum",
        new NewInitiative("Bankje", "Een bank.", Demo.Zuid, null, Theme.Fysiek, null, 100m, null, null, null, null),
        s_initiator, TenantSettings.Default("hilversum"), DateTimeOffset.UtcNow);

    private static Actor As(string role, params Guid[] wijken) => new(Guid.NewGuid(), [role], wijken);

    private static readonly Actor s_initiatorActor = new(s_initiator, [BuurtRoles.Resident], [Demo.Zuid]);
    private static readonly Actor s_neighbour = As(BuurtRoles.Resident, Demo.Zuid);
    private static readonly Actor s_directorZuid = As(BuurtRoles.Director, Demo.Zuid);
    private static readonly Actor s_directorOost = As(BuurtRoles.Director, Demo.Oost1221);
    private static readonly Actor s_aldermanZuid = As(BuurtRoles.Alderman, Demo.Zuid);
    private static readonly Actor s_admin = As(BuurtRoles.TenantAdmin);
    private static readonly Actor s_budget = As(BuurtRoles.BudgetController);

    private static void AssertForbidden(Action act) => Assert.Equal(RuleKind.Forbidden, Assert.Throws<RuleException>(act).Kind);

    [Fact]
    public void The_initiators_and_the_director_and_alderman_of_the_wijk_take_part_in_the_cycle_nobody_else()
    {
        Assert.Equal(LifeCycleActor.Initiator, s_initiatorActor.RequirePartIn(s_zuid));
        Assert.Equal(LifeCycleActor.Director, s_directorZuid.RequirePartIn(s_zuid));
        Assert.Equal(LifeCycleActor.Alderman, s_aldermanZuid.RequirePartIn(s_zuid));
        foreach (var outsider in new[] { s_neighbour, s_directorOost, s_admin, s_budget, Actor.Anonymous })
        {
            Assert.Null(outsider.PartIn(s_zuid));
            AssertForbidden(() => outsider.RequirePartIn(s_zuid));
        }
    }

    [Fact]
    public void A_director_acts_only_for_their_own_wijken_and_residents_only_in_theirs()
    {
        s_directorZuid.RequireDirectorOf(Demo.Zuid);
        s_neighbour.RequireResidentOf(Demo.Zuid);

        AssertForbidden(() => s_directorOost.RequireDirectorOf(Demo.Zuid));
        AssertForbidden(() => s_aldermanZuid.RequireDirectorOf(Demo.Zuid));
        AssertForbidden(() => s_neighbour.RequireResidentOf(Demo.Oost1221));
        AssertForbidden(() => s_directorZuid.RequireResidentOf(Demo.Zuid));
        // Staff lists: a director sees their own wijken, an admin (also a director or not) every wijk.
        Assert.Equal([Demo.Oost1221], s_directorOost.OwnWijkenOnly);
        Assert.Null(s_admin.OwnWijkenOnly);
        Assert.Null(new Actor(Guid.NewGuid(), [BuurtRoles.Director, BuurtRoles.TenantAdmin], [Demo.Zuid]).OwnWijkenOnly);
    }

    [Fact]
    public void A_wijk_s_priorities_are_kept_by_its_director_or_the_admin()
    {
        s_directorZuid.RequireKeeperOfPriorities(Demo.Zuid);
        s_admin.RequireKeeperOfPriorities(Demo.Oost1221);

        AssertForbidden(() => s_directorOost.RequireKeeperOfPriorities(Demo.Zuid));
        AssertForbidden(() => s_aldermanZuid.RequireKeeperOfPriorities(Demo.Zuid));
    }

    [Fact]
    public void Updates_come_from_the_initiators_or_staff_and_internals_are_for_them_and_the_wijk_s_staff()
    {
        Assert.Equal(AuthorRole.Initiator, s_initiatorActor.RequireUpdateAuthorOf(s_zuid));
        Assert.Equal(AuthorRole.Staff, s_budget.RequireUpdateAuthorOf(s_zuid));
        Assert.Equal(AuthorRole.Staff, s_directorOost.RequireUpdateAuthorOf(s_zuid));
        AssertForbidden(() => s_neighbour.RequireUpdateAuthorOf(s_zuid));

        Assert.All(new[] { s_initiatorActor, s_directorZuid, s_aldermanZuid, s_admin, s_budget }, a => Assert.True(a.MaySeeInternals(s_zuid)));
        Assert.All(new[] { s_neighbour, s_directorOost, Actor.Anonymous }, a => Assert.False(a.MaySeeInternals(s_zuid)));
    }

    [Fact]
    public void What_needs_a_person_is_refused_to_a_machine_client()
    {
        var machine = new Actor(null, [BuurtRoles.Integration], []);

        AssertForbidden(() => _ = machine.Id);
        AssertForbidden(() => _ = Actor.Anonymous.Id);
        Assert.False(machine.IsInitiatorOf(s_zuid));
    }
}
