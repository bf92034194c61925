using System.Globalization;
using Buurt.Budget.Domain;
using Buurt.Contracts;
using Buurt.Contracts.Budget;

namespace Buurt.Budget.Tests;

/// <summary>Whether a proposed deal gets its money, and the answer's reason and detail, without a database.</summary>
public sealed class FundingVerdictTests
{
    private const int Year = 2040;
    private static readonly Guid s_wijk = Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f");
    private static readonly DateTimeOffset s_at = new(2040, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Mandate[] s_mandates =
        [new("hilversum", "director", 5_000m, s_at), new("hilversum", "alderman", 25_000m, s_at)];

    /// <summary>A wijk's balance of the year with an allocation and an amendment.</summary>
    private static WijkBalance Balance(decimal allocated, decimal amended = 0m, bool closed = false)
    {
        var balance = WijkBalance.Empty("hilversum", Year, s_wijk);
        var about = new Entry("test", "Test", "test");
        if (allocated > 0)
        {
            balance.Book(LedgerKind.Allocation, allocated, Buckets.Allocate(allocated), about, s_at);
        }
        if (amended > 0)
        {
            balance.Book(LedgerKind.Amendment, amended, Buckets.Amend(amended), about, s_at);
        }
        if (closed)
        {
            balance.Close();
        }
        return balance;
    }

    /// <summary>The scenes of the table: the wijk's books as the group's lock and reads found them.</summary>
    private static (bool IsWijk, WijkBalance? Balance, Earmarks? Earmarks, decimal? DecidedUpTo) Scene(string scene) => scene switch
    {
        "unknown area" => (false, Balance(10_000m), null, null),
        "no balance row" => (true, null, null, null),
        "zero budget" => (true, Balance(0m), null, null),
        "closed" => (true, Balance(10_000m, closed: true), null, null),
        "open" => (true, Balance(30_000m), null, null),
        // 1,000 allocated and an amendment of 500 earmarked for sociaal, none of it used yet.
        "earmarked" => (true, Balance(1_000m, amended: 500m), new Earmarks(new Dictionary<Theme, decimal> { [Theme.Sociaal] = 500m }, new Dictionary<Theme, decimal>()), null),
        "decision" => (true, Balance(50_000m), null, 30_000m),
        _ => throw new ArgumentOutOfRangeException(nameof(scene)),
    };

    [Theory]
    // no-budget first: not a wijk, no budget in the year, the year closed (whatever else is wrong)
    [InlineData("unknown area", "100", Theme.Fysiek, FundsRejectionReasons.NoBudget, "Wijk dd9080e3-c70d-57ef-879c-cfd423882e5f is unknown in this municipality.")]
    [InlineData("unknown area", "99999", Theme.Fysiek, FundsRejectionReasons.NoBudget, "Wijk dd9080e3-c70d-57ef-879c-cfd423882e5f is unknown in this municipality.")]
    [InlineData("no balance row", "100", Theme.Fysiek, FundsRejectionReasons.NoBudget, "The wijk has no budget in 2040.")]
    [InlineData("zero budget", "100", Theme.Fysiek, FundsRejectionReasons.NoBudget, "The wijk has no budget in 2040.")]
    [InlineData("closed", "100", Theme.Fysiek, FundsRejectionReasons.NoBudget, "The budget of 2040 is closed.")]
    [InlineData("closed", "99999", Theme.Fysiek, FundsRejectionReasons.NoBudget, "The budget of 2040 is closed.")]
    // then above-mandate, also when the money would not suffice either
    [InlineData("open", "25000.01", Theme.Fysiek, FundsRejectionReasons.AboveMandate, "€25000.01 is above every mandate and no executive decision was recorded for this initiative.")]
    [InlineData("earmarked", "25000.01", Theme.Fysiek, FundsRejectionReasons.AboveMandate, "€25000.01 is above every mandate and no executive decision was recorded for this initiative.")]
    [InlineData("decision", "30000.01", Theme.Fysiek, FundsRejectionReasons.AboveMandate, "€30000.01 is above every mandate and no executive decision was recorded for this initiative.")]
    [InlineData("open", "30000.01", Theme.Fysiek, FundsRejectionReasons.AboveMandate, "€30000.01 is above every mandate and no executive decision was recorded for this initiative.")]
    [InlineData("decision", "50000.01", Theme.Fysiek, FundsRejectionReasons.AboveMandate, "€50000.01 is above every mandate and no executive decision was recorded for this initiative.")]
    // then insufficient-funds: the wijk's available money, less what other themes' earmarks hold
    [InlineData("earmarked", "1500.01", Theme.Sociaal, FundsRejectionReasons.InsufficientFunds, "€1500.01 asked, €1500.00 available in the wijk's budget of 2040.")]
    [InlineData("earmarked", "1000.01", Theme.Fysiek, FundsRejectionReasons.InsufficientFunds,
        "€1000.01 asked, €1000.00 available for Fysiek in the wijk's budget of 2040: €500.00 of the €1500.00 available is earmarked for other themes by council amendments.")]
    public void A_deal_is_rejected_with_the_first_reason_that_applies_and_a_detail(string scene, string amount, Theme theme, string reason, string detail)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        FundingVerdict verdict;
        try
        {
            verdict = Decide(scene, amount, theme);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Null(verdict.Approver);
        Assert.Equal(reason, verdict.RejectionReason);
        Assert.Equal(detail, verdict.Detail);
    }

    [Theory]
    [InlineData("open", "0.01", Theme.Fysiek, "director")]
    [InlineData("open", "5000", Theme.Fysiek, "director")]
    [InlineData("open", "25000", Theme.Fysiek, "alderman")]
    [InlineData("decision", "30000", Theme.Fysiek, "alderman")]
    // An earmark funds its own theme, and leaves the rest to the others.
    [InlineData("earmarked", "1500", Theme.Sociaal, "director")]
    [InlineData("earmarked", "1000", Theme.Fysiek, "director")]
    public void A_deal_within_a_mandate_and_the_money_its_theme_may_use_is_funded(string scene, string amount, Theme theme, string approver)
    {
        var verdict = Decide(scene, amount, theme);

        Assert.Equal(approver, verdict.Approver);
        Assert.Null(verdict.RejectionReason);
        Assert.Null(verdict.Detail);
    }

    [Fact]
    public void An_earmark_used_up_by_its_theme_no_longer_holds_money_from_the_others()
    {
        var (_, balance, earmarks, _) = Scene("earmarked");
        earmarks!.Use(Theme.Sociaal, 500m);
        balance!.Book(LedgerKind.Reservation, 500m, Buckets.Reserve(500m), new Entry("test", "Test", "test"), s_at);

        var fysiek = FundingVerdict.For(Deal("1000", Theme.Fysiek), true, balance, earmarks, s_mandates, null);
        var more = FundingVerdict.For(Deal("1000.01", Theme.Fysiek), true, balance, earmarks, s_mandates, null);

        Assert.Equal("director", fysiek.Approver);
        Assert.Equal(FundsRejectionReasons.InsufficientFunds, more.RejectionReason);
    }

    private static FundingVerdict Decide(string scene, string amount, Theme theme)
    {
        var (isWijk, balance, earmarks, decidedUpTo) = Scene(scene);
        return FundingVerdict.For(Deal(amount, theme), isWijk, balance, earmarks, s_mandates, decidedUpTo);
    }

    private static DealTerms Deal(string amount, Theme theme) =>
        new(Guid.NewGuid(), s_wijk, Year, theme, 1, decimal.Parse(amount, CultureInfo.InvariantCulture));
}
