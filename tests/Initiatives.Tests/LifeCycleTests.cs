using Buurt.Initiatives.Domain;
using static Buurt.Initiatives.Domain.InitiativeStatus;

namespace Buurt.Initiatives.Tests;

public sealed class LifeCycleTests
{
    [Fact]
    public void The_director_takes_an_initiative_through_the_whole_cycle_and_the_platform_accepts_the_deal()
    {
        var path = new[] { Submitted, InternalCheck, ReciprocityTalk, DealProposed, DealAccepted, InExecution, Completed, Evaluated };

        for (var i = 0; i < path.Length - 1; i++)
        {
            var by = path[i + 1] == DealAccepted ? LifeCycleActor.Platform : LifeCycleActor.Director;
            Assert.True(InitiativeLifeCycle.CanMove(path[i], path[i + 1], by, fastTrack: false), $"{path[i]} -> {path[i + 1]}");
        }
        Assert.True(InitiativeLifeCycle.IsFinal(Evaluated));
    }

    [Fact]
    public void Only_the_platform_accepts_a_deal_once_acceptances_and_funds_are_in()
    {
        Assert.False(InitiativeLifeCycle.CanMove(DealProposed, DealAccepted, LifeCycleActor.Director, fastTrack: false));
        Assert.False(InitiativeLifeCycle.CanMove(DealProposed, DealAccepted, LifeCycleActor.Initiator, fastTrack: false));
    }

    [Theory]
    [InlineData(Submitted, true)]
    [InlineData(InternalCheck, true)]
    [InlineData(ReciprocityTalk, true)]
    [InlineData(DealProposed, true)]
    [InlineData(DealAccepted, false)]
    [InlineData(InExecution, false)]
    [InlineData(Completed, false)]
    public void Initiators_may_withdraw_until_the_deal_is_accepted(InitiativeStatus from, bool allowed)
    {
        Assert.Equal(allowed, InitiativeLifeCycle.CanMove(from, Withdrawn, LifeCycleActor.Initiator, fastTrack: false));
        Assert.False(InitiativeLifeCycle.CanMove(from, Withdrawn, LifeCycleActor.Director, fastTrack: false));
    }

    [Fact]
    public void Only_the_director_declines_and_a_decline_needs_a_reason()
    {
        Assert.True(InitiativeLifeCycle.CanMove(ReciprocityTalk, Declined, LifeCycleActor.Director, fastTrack: false));
        Assert.False(InitiativeLifeCycle.CanMove(ReciprocityTalk, Declined, LifeCycleActor.Initiator, fastTrack: false));
        Assert.False(InitiativeLifeCycle.CanMove(InExecution, Declined, LifeCycleActor.Director, fastTrack: false));
        Assert.True(InitiativeLifeCycle.NeedsReason(Declined));
        Assert.False(InitiativeLifeCycle.NeedsReason(Withdrawn));
    }

    [Theory]
    [InlineData(Evaluated)]
    [InlineData(Withdrawn)]
    [InlineData(Declined)]
    public void Nothing_moves_out_of_a_final_state(InitiativeStatus final)
    {
        foreach (var by in Enum.GetValues<LifeCycleActor>())
        {
            Assert.Empty(InitiativeLifeCycle.AllowedMoves(final, by, fastTrack: true));
        }
    }

    [Fact]
    public void No_one_skips_ahead_or_goes_back_except_from_a_proposed_deal_to_the_talk()
    {
        var order = Enum.GetValues<InitiativeStatus>().Where(s => s is not (Withdrawn or Declined)).ToList();
        foreach (var from in order)
        {
            foreach (var to in order)
            {
                var step = order.IndexOf(to) - order.IndexOf(from);
                var fastTrack = from == InternalCheck && to == DealProposed;
                var back = from == DealProposed && to == ReciprocityTalk;
                if (step == 1 || fastTrack || back)
                {
                    continue;
                }
                foreach (var by in Enum.GetValues<LifeCycleActor>())
                {
                    Assert.False(InitiativeLifeCycle.CanMove(from, to, by, fastTrack: true), $"{from} -> {to} by {by}");
                }
            }
        }
    }
}
