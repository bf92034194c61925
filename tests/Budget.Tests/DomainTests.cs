using Buurt.Budget.Domain;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Budget.Tests;

/// <summary>The rules of the books, without a database: earmarks, mandates, rounding.</summary>
public sealed class DomainTests
{
    private static Mandate[] Mandates(string tenant = "hilversum") =>
        [new(tenant, "alderman", 25_000m, DateTimeOffset.UtcNow), new(tenant, "director", 5_000m, DateTimeOffset.UtcNow)];

    private static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

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

    [Fact]
    public void Earmarks_hold_only_the_unspent_part_of_other_themes_and_may_leave_a_theme_less_than_nothing()
    {
        var earmarks = new Earmarks(
            new Dictionary<Theme, decimal> { [Theme.Sociaal] = 500m, [Theme.Veilig] = 200m },
            new Dictionary<Theme, decimal>());

        Assert.Equal(500m, earmarks.Unspent(Theme.Sociaal));
        Assert.Equal(0m, earmarks.Unspent(Theme.Fysiek));
        Assert.Equal(700m, earmarks.HeldForOthers(Theme.Fysiek));
        Assert.Equal(200m, earmarks.HeldForOthers(Theme.Sociaal));
        Assert.Equal(500m, earmarks.HeldForOthers(Theme.Veilig));
        // Less available than the earmarks: another theme can use nothing (the verdict shows it as 0).
        Assert.Equal(-100m, earmarks.FreeFor(Theme.Fysiek, 600m));

        // Used beyond its earmark, a theme holds nothing back; giving the money back restores the earmark.
        earmarks.Use(Theme.Veilig, 250m);
        Assert.Equal(0m, earmarks.Unspent(Theme.Veilig));
        Assert.Equal(500m, earmarks.HeldForOthers(Theme.Fysiek));
        earmarks.GiveBack(Theme.Veilig, 250m);
        Assert.Equal(200m, earmarks.Unspent(Theme.Veilig));

        var none = new Earmarks(new Dictionary<Theme, decimal>(), new Dictionary<Theme, decimal> { [Theme.Fysiek] = 10m });
        Assert.Equal(1_000m, none.FreeFor(Theme.Fysiek, 1_000m));
    }

    [Theory]
    [InlineData("0", "director")]
    [InlineData("5000", "director")]
    [InlineData("5000.01", "alderman")]
    [InlineData("25000", "alderman")]
    [InlineData("25000.01", null)]
    public void The_approver_is_the_smallest_mandate_that_covers_the_amount(string amount, string? approver) =>
        Assert.Equal(approver, Mandate.ApproverFor(D(amount), Mandates(), null));

    [Fact]
    public void Above_every_mandate_only_an_executive_decision_covering_the_amount_lets_it_through()
    {
        var decision = new ExecutiveDecision("hilversum", Guid.NewGuid(), "B&W 1", 40_000m, "x", DateTimeOffset.UtcNow);

        Assert.Equal("alderman", Mandate.ApproverFor(40_000m, Mandates(), decision.MaxAmount));
        Assert.Null(Mandate.ApproverFor(40_000.01m, Mandates(), decision.MaxAmount));
        Assert.Null(Mandate.ApproverFor(1m, [], null));
    }

    [Theory]
    [InlineData("director", "0", true)]
    [InlineData("director", "25000", true)]
    [InlineData("director", "25000.01", false)]
    [InlineData("director", "30000", false)]
    [InlineData("alderman", "5000", true)]
    [InlineData("alderman", "4999.99", false)]
    [InlineData("alderman", "1000000", true)]
    public void Mandates_rise_from_director_to_alderman(string role, string amount, bool allowed)
    {
        var set = Record.Exception(() => Mandate.RequireOrder(role, D(amount), Mandates()));

        if (allowed)
        {
            Assert.Null(set);
        }
        else
        {
            var refused = Assert.IsType<RuleException>(set);
            Assert.Equal(RuleKind.Conflict, refused.Kind);
            Assert.StartsWith("Mandates rise from director to alderman;", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_role_is_checked_only_against_the_other_roles_and_only_director_and_alderman_hold_a_mandate()
    {
        Mandate.RequireOrder("director", 99_000m, [new("hilversum", "director", 5_000m, DateTimeOffset.UtcNow)]);
        Mandate.RequireOrder("alderman", 1m, []);

        var resident = Assert.Throws<RuleException>(() => Mandate.RequireRole("resident"));
        Assert.Equal((RuleKind.Invalid, "role"), (resident.Kind, resident.Field));
        Assert.Throws<RuleException>(() => new Mandate("hilversum", "partner", 1m, DateTimeOffset.UtcNow));
        Mandate.RequireRole("alderman");
    }

    [Theory]
    [InlineData("1", "3", "33.3")]
    [InlineData("2", "3", "66.7")]
    [InlineData("1", "8", "12.5")]
    [InlineData("1", "0", "0")]
    public void Percent_used_is_rounded_half_away_from_zero_to_one_decimal(string used, string budget, string percent) =>
        Assert.Equal(D(percent), Money.Percent(D(used), D(budget)));
}
