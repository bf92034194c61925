using Buurt.Contracts;
using Buurt.Initiatives.Domain;

namespace Buurt.Initiatives.Tests;

public sealed class InitiativeTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 10, 15, 30, TimeSpan.FromHours(1));
    private static readonly Guid s_area = Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f");

    [Fact]
    public void A_submitted_initiative_starts_submitted_and_its_event_tells_the_same_story()
    {
        var (initiative, submitted) = Initiative.Submit(
            "hilversum", "  Bankje bij de speeltuin ", " Een bank voor ouders. ", s_area, Theme.Fysiek, 850.50m, new GeoPoint(52.22, 5.17), s_now);

        Assert.Equal(InitiativeStatus.Submitted, initiative.Status);
        Assert.Equal("Bankje bij de speeltuin", initiative.Title);
        Assert.Equal("Een bank voor ouders.", initiative.Description);
        Assert.Equal(7, initiative.Id.Version);
        Assert.Equal("hilversum", submitted.TenantId);
        Assert.Equal(initiative.Id, submitted.InitiativeId);
        Assert.Equal(s_area, submitted.AreaId);
        Assert.Equal(Theme.Fysiek, submitted.Theme);
        Assert.Equal(850.50m, submitted.RequestedAmount);
        Assert.Equal(initiative.SubmittedAt, submitted.OccurredAt);
        Assert.NotEqual(initiative.Id, submitted.EventId);
    }

    [Fact]
    public void The_submission_time_is_kept_to_the_microsecond_as_the_database_stores_it()
    {
        var (initiative, _) = Initiative.Submit("hilversum", "t", "d", s_area, Theme.Sociaal, 0m, null, s_now.AddTicks(7));

        Assert.Equal(s_now, initiative.SubmittedAt);
    }

    [Theory]
    [InlineData("", "d", 1, "title")]
    [InlineData("   ", "d", 1, "title")]
    [InlineData("t", "", 1, "description")]
    public void Empty_text_is_refused(string title, string description, int amount, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            Initiative.Submit("hilversum", title, description, s_area, Theme.Veilig, amount, null, s_now));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Over_long_text_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Initiative.Submit(
            "hilversum", new string('x', Initiative.TitleMaxLength + 1), "d", s_area, Theme.Veilig, 1m, null, s_now));
        Assert.Throws<ArgumentException>(() => Initiative.Submit(
            "hilversum", "t", new string('x', Initiative.DescriptionMaxLength + 1), s_area, Theme.Veilig, 1m, null, s_now));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("10.005")]
    public void An_amount_below_zero_or_in_fractions_of_a_cent_is_refused(string amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Initiative.Submit(
            "hilversum", "t", "d", s_area, Theme.Sociaal, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), null, s_now));
    }

    [Theory]
    [InlineData(90.01, 0)]
    [InlineData(-90.01, 0)]
    [InlineData(0, 180.01)]
    [InlineData(double.NaN, 0)]
    public void A_point_off_the_globe_is_refused(double lat, double lon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(lat, lon));
    }
}
