using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Calendar.Tests;

/// <summary>Who plans a wijk's agenda and who sees its network's activities, decided without HTTP.</summary>
public sealed class ActorTests
{
    private static readonly Guid s_zuid = Guid.NewGuid();
    private static readonly Guid s_oost = Guid.NewGuid();

    private static Actor As(string role, params Guid[] wijken) => new(Guid.NewGuid(), [role], wijken);

    public static TheoryData<string, bool, bool> Roles => new()
    {
        // role, plans and sees the network of Zuid (their wijk), of Oost (not theirs)
        { BuurtRoles.Director, true, false },
        { BuurtRoles.Alderman, true, false },
        { BuurtRoles.Partner, true, false },
        { BuurtRoles.Resident, false, false },
        { BuurtRoles.BudgetController, false, false },
        { BuurtRoles.Integration, false, false },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void The_wijks_network_plans_its_agenda_and_sees_its_network_activities(string role, bool ownWijk, bool otherWijk)
    {
        var actor = As(role, s_zuid);

        Assert.Equal((ownWijk, otherWijk), (actor.IsInNetworkOf(s_zuid), actor.IsInNetworkOf(s_oost)));
        Assert.Equal((ownWijk, otherWijk), (actor.Sees(Visibility.Network, s_zuid), actor.Sees(Visibility.Network, s_oost)));
        Assert.True(actor.Sees(Visibility.Public, s_oost));
        if (!ownWijk)
        {
            Assert.Equal(RuleKind.Forbidden, Assert.Throws<RuleException>(() => actor.RequirePlannerOf(s_zuid)).Kind);
        }
    }

    [Fact]
    public void The_admin_plans_and_sees_every_wijk_and_an_anonymous_caller_only_public_activities()
    {
        var admin = new Actor(Guid.NewGuid(), [BuurtRoles.TenantAdmin], []);

        Assert.True(admin.IsInNetworkOf(s_oost));
        Assert.Null(admin.NetworkWijken);
        Assert.Empty(Actor.Anonymous.NetworkWijken!);
        Assert.False(Actor.Anonymous.Sees(Visibility.Network, s_zuid));
        Assert.Equal([s_zuid], As(BuurtRoles.Partner, s_zuid).NetworkWijken!);
        Assert.Empty(As(BuurtRoles.Resident, s_zuid).NetworkWijken!);
    }
}
