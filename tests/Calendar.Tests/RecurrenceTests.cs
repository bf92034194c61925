using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Tests;

/// <summary>The rules of a series: which starts they make, where they end, and what they refuse.</summary>
public sealed class RecurrenceTests
{
    private static readonly LocalDate s_today = new(2026, 11, 27);

    private static LocalDateTime L(string text) => LocalTimes.Parse(text, "start");

    private static Recurrence Rule(Frequency frequency, string start, int interval = 1, string[]? byDay = null, int? count = null, string? until = null) =>
        Recurrence.Of(frequency, interval, byDay ?? [], count, until is null ? null : LocalTimes.ParseDate(until, "until"), L(start), s_today);

    private static List<string> Starts(Recurrence rule, string start, int take = 100) =>
        rule.Starts(L(start)).Take(take).Select(LocalTimes.Format).ToList();

    [Fact]
    public void Weekly_on_two_days_every_other_week_with_a_count()
    {
        var rule = Rule(Frequency.Weekly, "2026-12-07T19:00", interval: 2, byDay: ["MO", "TH"], count: 5);

        Assert.Equal(["2026-12-07T19:00", "2026-12-10T19:00", "2026-12-21T19:00", "2026-12-24T19:00", "2027-01-04T19:00"], Starts(rule, "2026-12-07T19:00"));
        Assert.Equal("FREQ=WEEKLY;INTERVAL=2;COUNT=5;BYDAY=MO,TH", rule.ToRrule(LocalTimes.Zone("Europe/Amsterdam")));
    }

    [Fact]
    public void Weekly_until_a_date_includes_that_date()
    {
        var rule = Rule(Frequency.Weekly, "2026-12-01T10:00", until: "2026-12-15");

        Assert.Equal(["2026-12-01T10:00", "2026-12-08T10:00", "2026-12-15T10:00"], Starts(rule, "2026-12-01T10:00"));
        // UNTIL in UTC, as RFC 5545 wants with a zoned start: the end of 15 December in Amsterdam.
        Assert.Equal("FREQ=WEEKLY;UNTIL=20261215T225959Z", rule.ToRrule(LocalTimes.Zone("Europe/Amsterdam")));
    }

    [Fact]
    public void Monthly_on_the_start_day_skips_months_without_it()
    {
        var rule = Rule(Frequency.Monthly, "2027-01-31T18:00", count: 4);

        Assert.Equal(["2027-01-31T18:00", "2027-03-31T18:00", "2027-05-31T18:00", "2027-07-31T18:00"], Starts(rule, "2027-01-31T18:00"));
    }

    [Fact]
    public void Monthly_on_the_first_thursday_and_on_the_last_friday()
    {
        Assert.Equal(["2026-12-03T14:00", "2027-01-07T14:00", "2027-02-04T14:00"],
            Starts(Rule(Frequency.Monthly, "2026-12-03T14:00", byDay: ["1TH"], count: 3), "2026-12-03T14:00"));
        Assert.Equal(["2026-12-25T18:00", "2027-01-29T18:00", "2027-02-26T18:00"],
            Starts(Rule(Frequency.Monthly, "2026-12-25T18:00", byDay: ["-1FR"], count: 3), "2026-12-25T18:00"));
    }

    [Fact]
    public void A_series_without_an_end_runs_to_the_horizon_and_says_so()
    {
        var rule = Rule(Frequency.Weekly, "2026-12-01T10:00");

        Assert.True(rule.Bounded);
        Assert.Equal(new LocalDate(2028, 11, 27), rule.Until);
        var starts = Starts(rule, "2026-12-01T10:00", take: 1000);
        Assert.Equal("2028-11-21T10:00", starts[^1]);
        Assert.Equal(104, starts.Count);
    }

    public static TheoryData<Frequency, string[], int?, string?, string> Refused => new()
    {
        { Frequency.Weekly, ["MO", "XX"], null, null, "recurrence.byDay" },
        { Frequency.Weekly, ["monday"], null, null, "recurrence.byDay" },
        { Frequency.Weekly, ["1MO"], null, null, "recurrence.byDay" },
        { Frequency.Monthly, ["5MO"], null, null, "recurrence.byDay" },
        { Frequency.Weekly, ["TU"], null, null, "recurrence.byDay" },
        { Frequency.Weekly, [], 5, "2027-01-01", "recurrence.count" },
        { Frequency.Weekly, [], 0, null, "recurrence.count" },
        { Frequency.Weekly, [], 200, null, "recurrence.count" },
        { Frequency.Weekly, [], null, "2029-01-01", "recurrence.until" },
        { Frequency.Weekly, [], null, "2026-11-30", "recurrence.until" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_rule_that_cannot_be_is_refused_naming_the_field(Frequency frequency, string[] byDay, int? count, string? until, string field)
    {
        // 2026-12-07 is a Monday.
        var refused = Assert.Throws<RuleException>(() => Rule(frequency, "2026-12-07T19:00", byDay: byDay, count: count, until: until));

        Assert.Equal((field, RuleKind.Invalid), (refused.Field, refused.Kind));
    }
}
