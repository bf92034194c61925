using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.Contracts.Initiatives;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.UseCases;

/// <summary>
/// The deal's money, as the initiatives service's events tell it: reserve or reject proposed deals,
/// commit accepted ones, release what ended, keep a completion's final cost, and the pipeline of
/// submitted initiatives. Each runs in the caller's transaction (the inbox's): the caller saves and
/// commits, so the bookings, ledger entries and answers commit with the message's inbox record.
/// </summary>
public sealed partial class DealFunding(BudgetDbContext db, LockedBooks books, ITenantContext tenant, TimeProvider time, ILogger<DealFunding> logger)
{
    /// <summary>The actor of bookings that come from the initiatives service's events.</summary>
    public const string InitiativesService = "service:initiatives";

    /// <summary>
    /// Reserves each proposed deal's amount, or rejects it with the reason, in the order given (a
    /// group of one tenant's deals: one lock per wijk for all of them). A later version replaces
    /// the earlier: what the earlier held is released first, whatever the answer to the new one.
    /// An older or repeated version is ignored (it was answered already).
    /// </summary>
    public async Task ProposeAsync(IReadOnlyList<DealProposed> deals, CancellationToken cancellationToken)
    {
        foreach (var deal in deals)
        {
            Money.RequireValid(deal.Amount, nameof(deal.Amount));
        }
        var now = time.Now();
        var initiatives = deals.Select(d => d.InitiativeId).Distinct().ToArray();
        var reservations = await books.LockReservationsAsync(initiatives, cancellationToken);

        // Everything that needs no lock is read first, in one round trip for the group: the wijk's row is locked only for the decisions and the write.
        var rules = await books.LeavePipelineAndReadRulesAsync(initiatives, deals.Select(d => d.AreaId).Distinct().ToArray(), now, cancellationToken);
        var keys = deals.Select(d => (BudgetYearRule.YearOf(d.OccurredAt), d.AreaId))
            .Concat(reservations.Values.Where(r => r.Open > 0).Select(r => (r.Year, r.AreaId)))
            .Distinct().ToList();
        // The lock returns the rows as the last commit left them: a close that held them first has marked them closed.
        var balances = await books.LockBalancesAsync(keys, cancellationToken);
        var earmarks = await books.EarmarksAsync(keys, rules, cancellationToken);

        foreach (var deal in deals)
        {
            var reservation = reservations.GetValueOrDefault(deal.InitiativeId);
            if (reservation is not null && deal.DealVersion <= reservation.DealVersion)
            {
                LogStaleVersion(logger, deal.InitiativeId, deal.DealVersion, reservation.DealVersion);
                continue;
            }
            if (reservation?.Status is ReservationStatus.Committed or ReservationStatus.Completed)
            {
                LogProposalAfterAcceptance(logger, deal.InitiativeId, deal.DealVersion);
                continue;
            }
            if (reservation is null)
            {
                reservation = reservations[deal.InitiativeId] = Reservation.New(tenant.RequiredTenantId, deal.InitiativeId);
                db.Reservations.Add(reservation);
            }
            await ProposeAsync(deal, reservation, balances, earmarks, rules, now, cancellationToken);
        }
    }

    private async Task ProposeAsync(
        DealProposed proposed, Reservation reservation, Dictionary<(int Year, Guid AreaId), WijkBalance> balances,
        Dictionary<(int Year, Guid AreaId), Earmarks> earmarks, FundingRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deal = new DealTerms(proposed.InitiativeId, proposed.AreaId, BudgetYearRule.YearOf(proposed.OccurredAt), proposed.Theme, proposed.DealVersion, proposed.Amount);
        var about = new Entry(InitiativesService, $"Deal version {deal.Version} proposed", $"event:{proposed.EventId}")
        {
            InitiativeId = deal.InitiativeId,
            Theme = deal.Theme,
        };
        if (reservation.Open > 0)
        {
            // Saved around the release, so the ledger and the answers keep their order: one SaveChanges may insert
            // its rows in another order than they were raised (EF sorts its commands), and the aggregates' rows and
            // events are added when it runs. What came before goes in first, then the release, then what follows.
            await db.SaveChangesAsync(cancellationToken);
            var (replacedTheme, replacedIn) = (reservation.Theme, (reservation.Year, reservation.AreaId));
            var released = reservation.Release(balances[replacedIn],
                about with { Reason = $"Deal version {reservation.DealVersion} replaced by version {deal.Version}" }, now);
            earmarks.GetValueOrDefault(replacedIn)?.GiveBack(replacedTheme, released);
            await db.SaveChangesAsync(cancellationToken);
        }

        var wijk = balances.GetValueOrDefault((deal.Year, deal.AreaId));
        var earmark = earmarks.GetValueOrDefault((deal.Year, deal.AreaId));
        var verdict = FundingVerdict.For(deal, rules.Wijken.Contains(deal.AreaId), wijk, earmark, rules.Mandates,
            rules.Decisions.TryGetValue(deal.InitiativeId, out var upTo) ? upTo : null);
        if (verdict.Approver is not { } approver)
        {
            reservation.Reject(deal, verdict, now);
            return;
        }
        reservation.Reserve(deal, approver, wijk!, about, now);
        earmark?.Use(deal.Theme, deal.Amount);
    }

    /// <summary>The accepted deal's reservation becomes a commitment.</summary>
    public async Task AcceptAsync(DealAccepted deal, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var reservation = await books.LockReservationAsync(deal.InitiativeId, cancellationToken);
        if (reservation is { Status: ReservationStatus.Committed or ReservationStatus.Completed } && reservation.DealVersion == deal.DealVersion)
        {
            return;
        }
        if (reservation is not { Status: ReservationStatus.Reserved } || reservation.DealVersion != deal.DealVersion || reservation.Amount != deal.Amount)
        {
            // Not something to guess about: after the retries the message waits in the error queue.
            throw new InvalidOperationException(
                $"Deal version {deal.DealVersion} of initiative {deal.InitiativeId} (€{deal.Amount:0.00}) was accepted, but no such reservation is held.");
        }
        var wijk = await books.LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken);
        reservation.Commit(wijk, new Entry(InitiativesService, $"Deal version {deal.DealVersion} accepted", $"event:{deal.EventId}")
        {
            InitiativeId = deal.InitiativeId,
            Theme = reservation.Theme,
        }, now);
    }

    /// <summary>An initiative that ends without being carried out leaves the pipeline and gives back what it held.</summary>
    public async Task ReleaseAsync(Guid initiativeId, string reason, Guid eventId, CancellationToken cancellationToken)
    {
        var now = time.Now();
        (await books.FindPipelineItemAsync(initiativeId, cancellationToken))?.Leave(now);
        var reservation = await books.LockReservationAsync(initiativeId, cancellationToken);
        if (reservation is not { Open: > 0 })
        {
            return;
        }
        reservation.Release(await books.LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken),
            new Entry(InitiativesService, reason, $"event:{eventId}") { InitiativeId = initiativeId, Theme = reservation.Theme }, now);
    }

    /// <summary>A completed initiative's final cost stays committed; the rest is released.</summary>
    public async Task CompleteAsync(InitiativeCompleted completed, CancellationToken cancellationToken)
    {
        Money.RequireValid(completed.FinalCost, nameof(completed.FinalCost));
        var now = time.Now();
        var reservation = await books.LockReservationAsync(completed.InitiativeId, cancellationToken);
        if (reservation is null || reservation.Status is ReservationStatus.Released or ReservationStatus.Completed)
        {
            return;
        }
        var wijk = await books.LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken);
        var about = new Entry(InitiativesService, $"Completed at a final cost of €{completed.FinalCost:0.00}", $"event:{completed.EventId}")
        {
            InitiativeId = completed.InitiativeId,
            Theme = reservation.Theme,
        };
        if (reservation.Status == ReservationStatus.Reserved)
        {
            // Its proposal took it out of the pipeline already.
            reservation.Release(wijk, about with { Reason = "Completed without an accepted deal" }, now);
            return;
        }
        if (completed.FinalCost > reservation.Amount)
        {
            LogCostAboveCommitment(logger, completed.InitiativeId, completed.FinalCost, reservation.Amount);
        }
        reservation.Complete(completed.FinalCost, wijk, about, now);
    }

    /// <summary>A submitted initiative enters its wijk's pipeline (once).</summary>
    public async Task EnterPipelineAsync(InitiativeSubmitted submitted, CancellationToken cancellationToken)
    {
        if (await db.Pipeline.AnyAsync(p => p.InitiativeId == submitted.InitiativeId, cancellationToken))
        {
            return;
        }
        var item = new PipelineItem(submitted.TenantId, submitted.InitiativeId, submitted.AreaId, submitted.Theme, submitted.RequestedAmount, submitted.OccurredAt);
        // Queues keep no order among themselves: a deal answered before this arrived has taken it out of the pipeline already.
        if (await db.Reservations.AnyAsync(r => r.InitiativeId == submitted.InitiativeId, cancellationToken))
        {
            item.Leave(time.Now());
        }
        db.Pipeline.Add(item);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal version {Version} of initiative {InitiativeId} is not newer than version {Current}; ignored")]
    private static partial void LogStaleVersion(ILogger logger, Guid initiativeId, int version, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal version {Version} of initiative {InitiativeId} was proposed after a deal was accepted; ignored")]
    private static partial void LogProposalAfterAcceptance(ILogger logger, Guid initiativeId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Initiative {InitiativeId} completed at €{FinalCost} above its commitment of €{Committed}; the commitment stays")]
    private static partial void LogCostAboveCommitment(ILogger logger, Guid initiativeId, decimal finalCost, decimal committed);
}
