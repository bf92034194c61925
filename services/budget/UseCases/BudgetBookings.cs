using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.UseCases;

/// <summary>
/// A budget controller's bookings: a year's total, allocations, amendments, payments, closing a
/// year, corrections. Each is one transaction (or a share in the one already open: an idempotency
/// key's, the demo data's) with the ledger entries and events it causes; a rule that says no
/// throws a <see cref="RuleException"/> before anything is saved.
/// </summary>
public sealed class BudgetBookings(BudgetDbContext db, LockedBooks books, ITenantContext tenant, TimeProvider time)
{
    /// <summary>Sets a year's total, opening the year if it is new; returns it and whether it was new.</summary>
    public async Task<(BudgetYear Year, bool Created)> SetTotalAsync(int year, decimal total, Entry about, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var (budget, created) = await books.OpenYearAsync(year, cancellationToken);
        budget.SetTotal(total, about, time.Now());
        await write.CommitAsync(cancellationToken);
        return (budget, created);
    }

    /// <summary>Sets a wijk's allocation in a year (the ledger gets the difference).</summary>
    public async Task<WijkBalance> AllocateAsync(int year, Guid areaId, decimal amount, Entry about, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var budget = await books.LockOpenYearAsync(year, cancellationToken);
        var wijk = await books.LockOrCreateBalanceAsync(year, areaId, cancellationToken);
        budget.AllocateTo(wijk, amount, about, time.Now());
        await write.CommitAsync(cancellationToken);
        return wijk;
    }

    /// <summary>Records a council amendment (once per reference and year): to the wijk it is earmarked for, or to the year's pool.</summary>
    public async Task<Amendment> AmendAsync(
        int year, string reference, decimal amount, Contracts.Theme? theme, Guid? areaId, string description, Entry about, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var budget = await books.LockOpenYearAsync(year, cancellationToken);
        if (await db.Amendments.AnyAsync(a => a.Year == year && a.Reference == reference, cancellationToken))
        {
            throw RuleException.Conflict($"Amendment {reference} of {year} is recorded already.");
        }
        var now = time.Now();
        var amendment = new Amendment(tenant.RequiredTenantId, year, reference, amount, theme, areaId, description, about.Actor, now);
        db.Amendments.Add(amendment);
        var wijk = areaId is { } id ? await books.LockOrCreateBalanceAsync(year, id, cancellationToken) : null;
        budget.Amend(amendment, wijk, about, now);
        await write.CommitAsync(cancellationToken);
        return amendment;
    }

    /// <summary>Records a payment for an initiative's committed deal and tells the others.</summary>
    public async Task<Payment> PayAsync(Guid initiativeId, decimal amount, string? reference, Entry about, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var reservation = await books.LockReservationAsync(initiativeId, cancellationToken)
            ?? throw RuleException.NotFound($"No deal of initiative {initiativeId} has money in the budget.");
        reservation.RequireCommitted();
        // The wijk's row, not the year's: payments do not queue behind allocations and amendments.
        var wijk = await books.LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken);
        var payment = Payment.Record(reservation, wijk, amount, reference, about, time.Now());
        db.Payments.Add(payment);
        await write.CommitAsync(cancellationToken);
        return payment;
    }

    /// <summary>Closes a year; with the tenant's carry-over rule, each wijk's available money is allocated to it in the next year.</summary>
    public async Task<BudgetYear> CloseAsync(int year, Entry about, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var carryOver = (await db.Settings.FirstOrDefaultAsync(cancellationToken))?.CarryOver ?? CarryOverRule.None;
        var budget = await CloseAsync(year, carryOver, about, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return budget;
    }

    /// <summary>Closes a year by the given carry-over rule (the demo data closes its past years without).</summary>
    internal async Task<BudgetYear> CloseAsync(int year, CarryOverRule carryOver, Entry about, CancellationToken cancellationToken)
    {
        var budget = await books.LockOpenYearAsync(year, cancellationToken);
        // Reservations lock only their wijk's row: every row is locked and marked, so none books into the closed year.
        var wijken = await books.LockBalancesOfYearAsync(year, cancellationToken);
        var now = time.Now();
        budget.Close(wijken, about.Actor, now);
        var carried = carryOver == CarryOverRule.Available ? BudgetYear.CarriedOverFrom(wijken) : [];
        if (carried.Count > 0)
        {
            var (next, _) = await books.OpenYearAsync(year + 1, cancellationToken);
            var into = new List<(decimal, WijkBalance)>(carried.Count);
            foreach (var from in carried)
            {
                into.Add((from.Available, await books.LockOrCreateBalanceAsync(year + 1, from.AreaId, cancellationToken)));
            }
            next.CarryIn(into, about with { Reason = $"Carried over from {year}" }, now);
        }
        return budget;
    }

    /// <summary>A budget controller's correction of one bucket of a wijk's balance, also in a closed year.</summary>
    public async Task<WijkBalance> CorrectAsync(int year, Guid areaId, Bucket bucket, decimal amount, Entry about, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var budget = await books.LockYearAsync(year, cancellationToken) ?? throw RuleException.NotFound($"There is no budget for {year}.");
        var wijk = await books.LockOrCreateBalanceAsync(year, areaId, cancellationToken);
        budget.Correct(wijk, bucket, amount, about, time.Now());
        await write.CommitAsync(cancellationToken);
        return wijk;
    }
}
