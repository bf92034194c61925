using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Tests;

/// <summary>Wall times and their instants in Europe/Amsterdam, across the clock changes (the rule in <see cref="LocalTimes"/>).</summary>
public sealed class LocalTimeTests
{
    private static readonly DateTimeZone s_amsterdam = LocalTimes.Zone("Europe/Amsterdam");

    private static DateTimeOffset At(string local) => LocalTimes.WithOffset(LocalTimes.InstantOf(LocalTimes.Parse(local, "start"), s_amsterdam), s_amsterdam);

    [Theory]
    // Winter and summer time.
    [InlineData("2026-12-07T19:00", "2026-12-07T19:00:00+01:00")]
    [InlineData("2027-07-06T19:00", "2027-07-06T19:00:00+02:00")]
    // 28 March 2027, 02:00 winter time becomes 03:00 summer time: 02:30 does not exist and moves forward by the gap.
    [InlineData("2027-03-28T02:30", "2027-03-28T03:30:00+02:00")]
    [InlineData("2027-03-28T01:59", "2027-03-28T01:59:00+01:00")]
    [InlineData("2027-03-28T03:00", "2027-03-28T03:00:00+02:00")]
    // 31 October 2027, 03:00 summer time becomes 02:00 winter time: 02:30 happens twice and is the earlier (summer time).
    [InlineData("2027-10-31T02:30", "2027-10-31T02:30:00+02:00")]
    [InlineData("2027-10-31T03:00", "2027-10-31T03:00:00+01:00")]
    public void A_wall_time_is_the_instant_the_rule_says(string local, string expected)
    {
        var instant = At(local);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
        Assert.Equal(expected, instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_gap_and_the_overlap_resolve_as_RFC_5545_says_calendar_apps_do()
    {
        // Nonexistent: the offset before the gap, which is the same instant as shifting forward by it.
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 2, 30, 0, TimeSpan.FromHours(1)), At("2027-03-28T02:30"));
        // Twice: the first of the two.
        Assert.Equal(At("2027-10-31T02:30").AddHours(1), new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("Europe/Amsterdam")]
    [InlineData("America/Curacao")]
    [InlineData("Europe/Brussels")]
    public void Any_IANA_zone_is_known(string zone) => Assert.Equal(zone, LocalTimes.Zone(zone).Id);

    [Theory]
    [InlineData("Europe/Hilversum")]
    [InlineData("CET+1")]
    [InlineData("")]
    public void An_unknown_zone_is_refused_naming_the_field(string zone)
    {
        var refused = Assert.Throws<RuleException>(() => LocalTimes.Zone(zone));

        Assert.Equal(("timeZone", RuleKind.Invalid), (refused.Field, refused.Kind));
    }

    [Theory]
    [InlineData("2026-12-07T19:00+01:00")]
    [InlineData("2026-12-07T19:00Z")]
    [InlineData("2026-12-07 19:00")]
    [InlineData("2026-12-07")]
    [InlineData("2026-13-07T19:00")]
    [InlineData("2026-12-07T19:00:30")]
    public void A_local_time_is_a_date_and_a_whole_minute_without_offset(string text)
    {
        var refused = Assert.Throws<RuleException>(() => LocalTimes.Parse(text, "start"));

        Assert.Equal("start", refused.Field);
    }
}
