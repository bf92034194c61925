using Buurt.Contracts;
using Buurt.Contracts.Budget;

namespace Buurt.Budget.Domain;

/// <summary>What a proposed deal asks of the budget: its initiative, wijk, budget year, theme, version and amount.</summary>
public sealed record DealTerms(Guid InitiativeId, Guid AreaId, int Year, Theme Theme, int Version, decimal Amount);

/// <summary>
/// Whether a proposed deal gets its money: funded, with the role that approves it, or rejected
/// with the reason the initiatives service reads (<see cref="FundsRejectionReasons"/>) and a detail
/// for people. Checks in order: no-budget (not a wijk of the municipality, no budget that year,
/// the year closed), above-mandate, insufficient-funds (other themes' unspent earmarks are out of reach).
/// </summary>
public sealed record FundingVerdict
{
    private FundingVerdict(string? approver, string? rejectionReason, string? detail) =>
        (Approver, RejectionReason, Detail) = (approver, rejectionReason, detail);

    /// <summary>The role that approves a funded deal (director or alderman); null when rejected.</summary>
    public string? Approver { get; }

    /// <summary>One of <see cref="FundsRejectionReasons"/>; null when funded.</summary>
    public string? RejectionReason { get; }

    public string? Detail { get; }

    public static FundingVerdict Funded(string approver) => new(approver, null, null);

    public static FundingVerdict Rejected(string reason, string detail) => new(null, reason, detail);

    /// <param name="deal">The deal.</param>
    /// <param name="isWijk">Whether its area is a wijk of the municipality.</param>
    /// <param name="wijk">The wijk's balance in the deal's year, as its lock returned it; null when it has none.</param>
    /// <param name="earmarks">The wijk's earmarks that year, if any.</param>
    /// <param name="mandates">The municipality's mandates.</param>
    /// <param name="decidedUpTo">What an executive decision for the initiative allows, if one was recorded.</param>
    public static FundingVerdict For(
        DealTerms deal, bool isWijk, WijkBalance? wijk, Earmarks? earmarks, IEnumerable<Mandate> mandates, decimal? decidedUpTo)
    {
        var (year, amount) = (deal.Year, deal.Amount);
        if (!isWijk)
        {
            return Rejected(FundsRejectionReasons.NoBudget, $"Wijk {deal.AreaId} is unknown in this municipality.");
        }
        if (wijk is null || wijk.Budget == 0)
        {
            return Rejected(FundsRejectionReasons.NoBudget, $"The wijk has no budget in {year}.");
        }
        if (wijk.Closed)
        {
            return Rejected(FundsRejectionReasons.NoBudget, $"The budget of {year} is closed.");
        }
        if (Mandate.ApproverFor(amount, mandates, decidedUpTo) is not { } approver)
        {
            return Rejected(FundsRejectionReasons.AboveMandate, $"€{amount:0.00} is above every mandate and no executive decision was recorded for this initiative.");
        }
        var free = earmarks?.FreeFor(deal.Theme, wijk.Available) ?? wijk.Available;
        if (amount > free)
        {
            return Rejected(FundsRejectionReasons.InsufficientFunds, free == wijk.Available
                ? $"€{amount:0.00} asked, €{wijk.Available:0.00} available in the wijk's budget of {year}."
                : $"€{amount:0.00} asked, €{Math.Max(free, 0m):0.00} available for {deal.Theme} in the wijk's budget of {year}: €{wijk.Available - free:0.00} of the €{wijk.Available:0.00} available is earmarked for other themes by council amendments.");
        }
        return Funded(approver);
    }
}
