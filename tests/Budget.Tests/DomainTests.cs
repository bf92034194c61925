using Buurt.Contracts;
using Buurt.Budget.Domain;

namespace Buurt.Budget.Tests;

/// <summary>The rules of the books, without a database.</summary>
public sealed class DomainTests
{
    private static Mandate[] Mandates(string tenant = "hilversum") => [new(tenant, "alderman", 25_000m), new(tenant, "director", 5_000m)];

    [Fact]
    public void An_unspent_earmark_is_out_of_reach_of_other_themes_and_comes_back_when_its_theme_gives_money_back()
    {
        // 500 for sociaal, 200 for veilig of which 150 is held by a veilig deal; 1,000 available in the wijk.
        var earmarks = new Earmarks(
            new Dictionary<Theme, decimal> { [Theme.Sociaal] = 500m, [Theme.Veilig] = 200m },
            new Dictionary<Theme, decimal> { [Theme.Veilig] = 150m, [Theme.Fysiek] = 3_000m });

        Assert.Equal(450m, earmarks.FreeFor(Theme.Fysiek, 1_000m));
        Assert.Equal(950m, earmarks.FreeFor(Theme.Sociaal, 1_000m));
        Assert.Equal(500m, earmarks.FreeFor(Theme.Veilig, 1_000m));

        // Sociaal's deals use its earmark first; beyond it, nothing more is held for sociaal.
        earmarks.Use(Theme.Sociaal, 600m);
        Assert.Equal(0m, earmarks.Unspent(Theme.Sociaal));
        Assert.Equal(350m, earmarks.FreeFor(Theme.Fysiek, 400m));

        earmarks.GiveBack(Theme.Sociaal, 300m);
        Assert.Equal(200m, earmarks.Unspent(Theme.Sociaal));
        Assert.Equal(450m, earmarks.FreeFor(Theme.Fysiek, 700m));
    }

    [Theory]
    [InlineData("0", "director")]
    [InlineData("5000", "director")]
    [InlineData("5000.01", "alderman")]
    [InlineData("25000", "alderman")]
    [InlineData("25000.01", null)]
    public void The_approver_is_the_smallest_mandate_that_covers_the_amount(string amount, string? approver) =>
        Assert.Equal(approver, Mandate.ApproverFor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Mandates(), null));

    [Fact]
    public void Above_every_mandate_only_an_executive_decision_covering_the_amount_lets_it_through()
    {
        var decision = new ExecutiveDecision("hilversum", Guid.NewGuid(), "B&W 1", 40_000m, "x", DateTimeOffset.UtcNow);

        Assert.Equal("alderman", Mandate.ApproverFor(40_000m, Mandates(), decision.MaxAmount));
        Assert.Null(Mandate.ApproverFor(40_000.01m, Mandates(), decision.MaxAmount));
        Assert.Null(Mandate.ApproverFor(1m, [], null));
    }

    [Fact]
    public void A_balance_never_shows_money_that_is_not_there()
    {
        var balance = WijkBalance.Empty("hilversum", 2040, Guid.NewGuid());
        balance.Apply(Buckets.Allocate(1_000m));
        balance.Apply(Buckets.Reserve(600m));
        balance.Apply(Buckets.Commit(600m));
        balance.Apply(Buckets.Pay(250m));

        Assert.Throws<BookingRefusedException>(() => balance.Apply(Buckets.Reserve(400.01m)));
        Assert.Throws<BookingRefusedException>(() => balance.Apply(Buckets.Pay(350.01m)));
        Assert.Throws<BookingRefusedException>(() => balance.Apply(Buckets.ReleaseCommitted(350.01m)));
        Assert.Throws<BookingRefusedException>(() => balance.Apply(Buckets.Allocate(-400.01m)));
        Assert.Equal((1_000m, 0m, 600m, 250m, 400m), (balance.Allocated, balance.Reserved, balance.Committed, balance.Paid, balance.Available));
    }

    [Fact]
    public void A_year_refuses_allocations_above_what_is_left_and_every_write_once_closed()
    {
        var year = BudgetYear.Open("hilversum", 2040);
        year.SetTotal(450_000m);
        year.AmendPool(50_000m);
        year.Allocate(500_000m);

        Assert.Throws<BookingRefusedException>(() => year.Allocate(0.01m));
        Assert.Throws<BookingRefusedException>(() => year.SetTotal(449_999.99m));
        Assert.Throws<ArgumentException>(() => year.SetTotal(1.001m));
        year.Close("controller", DateTimeOffset.UtcNow);
        Assert.Throws<BookingRefusedException>(() => year.SetTotal(460_000m));
        Assert.Throws<BookingRefusedException>(() => year.Allocate(-1m));
        year.Allocate(-1m, correction: true);
        Assert.Equal(499_999m, year.AllocatedToWijken);
    }

    [Fact]
    public void A_completion_keeps_the_final_cost_never_less_than_paid_nor_more_than_committed()
    {
        Reservation Committed(decimal amount, decimal paid)
        {
            var r = Reservation.New("hilversum", Guid.NewGuid());
            r.Reserve(Guid.NewGuid(), 2040, Contracts.Theme.Fysiek, 1, amount, "director", DateTimeOffset.UtcNow);
            r.Commit(DateTimeOffset.UtcNow);
            r.Pay(paid, DateTimeOffset.UtcNow);
            return r;
        }

        Assert.Equal(1_000m, Committed(4_000m, 500m).Complete(3_000m, DateTimeOffset.UtcNow));
        Assert.Equal(3_500m, Committed(4_000m, 500m).Complete(100m, DateTimeOffset.UtcNow));
        Assert.Equal(0m, Committed(4_000m, 500m).Complete(9_000m, DateTimeOffset.UtcNow));
        Assert.Throws<BookingRefusedException>(() => Committed(4_000m, 4_000m).Pay(0.01m, DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("1", "3", "33.3")]
    [InlineData("2", "3", "66.7")]
    [InlineData("1", "8", "12.5")]
    [InlineData("1", "0", "0")]
    public void Percent_used_is_rounded_half_away_from_zero_to_one_decimal(string used, string budget, string percent)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(decimal.Parse(percent, culture), Money.Percent(decimal.Parse(used, culture), decimal.Parse(budget, culture)));
    }
}
