using Buurt.Calendar.Domain;
using Buurt.Contracts.Calendar;
using Buurt.ServiceDefaults.Domain;
using NodaTime;
using Activity = Buurt.Calendar.Domain.Activity;

namespace Buurt.Calendar.Tests;

/// <summary>The activity aggregate without HTTP or PostgreSQL: planning, exceptions, SEQUENCE and events.</summary>
public sealed class ActivityTests
{
    private static readonly DateTimeZone s_amsterdam = LocalTimes.Zone("Europe/Amsterdam");
    private static readonly DateTimeOffset s_now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static LocalDateTime L(string text) => LocalTimes.Parse(text, "start");

    private static ActivityPlan Weekly(string start, string end, int count, string[]? byDay = null) => new(
        "Koffieochtend", "", Guid.NewGuid(), ActivityKind.Activity, Visibility.Public, null, s_amsterdam, L(start), L(end),
        new RecurrenceRequest(Frequency.Weekly, 1, byDay ?? [], count, null), null, null, null, null);

    [Fact]
    public void A_series_over_the_march_change_keeps_its_wall_times_and_its_real_length()
    {
        var activity = Activity.Schedule("hilversum", Guid.NewGuid(), Weekly("2027-03-21T19:00", "2027-03-21T21:00", 3), Guid.NewGuid(), s_now);

        Assert.Equal(["2027-03-21T19:00", "2027-03-28T19:00", "2027-04-04T19:00"], activity.Occurrences.Select(o => LocalTimes.Format(o.Start)));
        Assert.Equal([18, 17, 17], activity.Occurrences.Select(o => o.StartsAt.UtcDateTime.Hour));
        Assert.All(activity.Occurrences, o => Assert.Equal(TimeSpan.FromHours(2), o.EndsAt - o.StartsAt));
        var scheduled = Assert.IsType<ActivityScheduled>(Assert.Single(activity.TakeRaisedEvents()));
        Assert.Equal(("FREQ=WEEKLY;COUNT=3", 0), (scheduled.Recurrence, scheduled.Sequence));
    }

    [Fact]
    public void A_change_keeps_a_cancelled_and_a_moved_occurrence_on_dates_the_new_plan_still_has()
    {
        var activity = Activity.Schedule("hilversum", Guid.NewGuid(), Weekly("2027-01-04T19:00", "2027-01-04T20:00", 4), Guid.NewGuid(), s_now);
        var cancelled = activity.CancelOccurrence(L("2027-01-11T19:00"), "Ziek", s_now);
        var moved = activity.MoveOccurrence(L("2027-01-18T19:00"), L("2027-01-19T19:00"), L("2027-01-19T20:00"), null, s_now);
        var lost = activity.CancelOccurrence(L("2027-01-25T19:00"), null, s_now);
        var ids = activity.Occurrences.Select(o => o.Id).ToList();

        // Mondays to three weeks at 19:30, then the Thursday of the first week: the 25th is no longer in the plan.
        activity.Change(Weekly("2027-01-04T19:30", "2027-01-04T20:30", 3), s_now);

        Assert.Equal(["2027-01-04T19:30", "2027-01-11T19:30", "2027-01-18T19:30"], activity.Occurrences.Select(o => LocalTimes.Format(o.OriginalStart)));
        Assert.Equal(ids.Take(3), activity.Occurrences.Select(o => o.Id));
        Assert.True(activity.Occurrences[1].Cancelled);
        Assert.Equal(("2027-01-19T19:00", true), (LocalTimes.Format(activity.Occurrences[2].Start), activity.Occurrences[2].Moved));
        Assert.DoesNotContain(lost, activity.Occurrences);
        Assert.Same(cancelled, activity.Occurrences[1]);
        Assert.Same(moved, activity.Occurrences[2]);
        Assert.Equal(4, activity.Sequence);
        Assert.Equal(["ActivityScheduled", "OccurrenceCancelled", "OccurrenceMoved", "OccurrenceCancelled", "ActivityChanged"],
            activity.TakeRaisedEvents().Select(e => e.GetType().Name));
    }

    [Fact]
    public void A_cancelled_activity_or_occurrence_refuses_further_changes_without_changing()
    {
        var activity = Activity.Schedule("hilversum", Guid.NewGuid(), Weekly("2027-01-04T19:00", "2027-01-04T20:00", 2), Guid.NewGuid(), s_now);
        activity.CancelOccurrence(L("2027-01-04T19:00"), null, s_now);

        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() => activity.MoveOccurrence(L("2027-01-04T19:00"), L("2027-01-05T19:00"), L("2027-01-05T20:00"), null, s_now)).Kind);
        Assert.Equal(RuleKind.NotFound, Assert.Throws<RuleException>(() => activity.CancelOccurrence(L("2027-01-05T19:00"), null, s_now)).Kind);
        activity.Cancel("Gestopt", s_now);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() => activity.Cancel(null, s_now)).Kind);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() => activity.CancelOccurrence(L("2027-01-11T19:00"), null, s_now)).Kind);
        Assert.Equal(2, activity.Sequence);
    }
}
