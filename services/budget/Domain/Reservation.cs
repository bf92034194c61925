using Buurt.Contracts;
using Buurt.Contracts.Budget;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Budget.Domain;

/// <summary>Where an initiative's money stands.</summary>
public enum ReservationStatus
{
    /// <summary>A proposed deal's amount is held.</summary>
    Reserved,

    /// <summary>The deal was accepted: the amount is committed.</summary>
    Committed,

    /// <summary>Given back (withdrawn, declined, or replaced by a rejected later version).</summary>
    Released,

    /// <summary>Carried out; committed is the final cost.</summary>
    Completed,
}

/// <summary>
/// The money of one initiative's deal (at most one per initiative): the version that counts, its
/// wijk and year, and how much is reserved or committed and paid. Each step books in the wijk's
/// balance; reserving and rejecting answer the initiatives service (<c>FundsReserved</c>,
/// <c>FundsReservationRejected</c>).
/// </summary>
public sealed class Reservation : Aggregate
{
    private Reservation()
    {
    }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid AreaId { get; private set; }

    public int Year { get; private set; }

    public Theme Theme { get; private set; }

    public int DealVersion { get; private set; }

    /// <summary>What is held now: the reservation, or the commitment (paid included).</summary>
    public decimal Amount { get; private set; }

    public decimal Paid { get; private set; }

    public ReservationStatus Status { get; private set; }

    /// <summary>director or alderman.</summary>
    public string Approver { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>What may still be paid.</summary>
    public decimal Payable => Status is ReservationStatus.Committed or ReservationStatus.Completed ? Amount - Paid : 0m;

    /// <summary>Money held but not paid: what a release gives back.</summary>
    public decimal Open => Status switch
    {
        ReservationStatus.Reserved => Amount,
        ReservationStatus.Committed => Amount - Paid,
        _ => 0m,
    };

    public static Reservation New(string tenantId, Guid initiativeId) => new() { TenantId = tenantId, InitiativeId = initiativeId, Status = ReservationStatus.Released };

    /// <summary>A funded deal's amount is held in its wijk (booked there) and the initiatives service hears so.</summary>
    public void Reserve(DealTerms deal, string approver, WijkBalance wijk, Entry about, DateTimeOffset at)
    {
        wijk.Book(LedgerKind.Reservation, deal.Amount, Buckets.Reserve(deal.Amount), about, at);
        (AreaId, Year, Theme, DealVersion, Amount, Approver, Status, Paid, UpdatedAt) =
            (deal.AreaId, deal.Year, deal.Theme, deal.Version, deal.Amount, approver, ReservationStatus.Reserved, 0m, at);
        Raise(new FundsReserved(TenantId, Guid.CreateVersion7(at), at, InitiativeId, deal.AreaId, deal.Version, deal.Amount, deal.Year, approver));
    }

    /// <summary>Records a version that got no money (rejected): nothing is held for the initiative, and the initiatives service hears why.</summary>
    public void Reject(DealTerms deal, FundingVerdict verdict, DateTimeOffset at)
    {
        if (verdict.RejectionReason is not { } reason)
        {
            throw new ArgumentException("The verdict funds the deal.", nameof(verdict));
        }
        (DealVersion, Amount, Status, UpdatedAt) = (deal.Version, 0m, ReservationStatus.Released, at);
        Raise(new FundsReservationRejected(TenantId, Guid.CreateVersion7(at), at, InitiativeId, deal.AreaId, deal.Version, deal.Amount, reason, verdict.Detail!));
    }

    /// <summary>The accepted deal's reservation becomes a commitment in its wijk.</summary>
    public void Commit(WijkBalance wijk, Entry about, DateTimeOffset at)
    {
        wijk.Book(LedgerKind.Commitment, Amount, Buckets.Commit(Amount), about, at);
        (Status, UpdatedAt) = (ReservationStatus.Committed, at);
    }

    /// <summary>Gives back what is open, from the bucket it is in; returns it.</summary>
    public decimal Release(WijkBalance wijk, Entry about, DateTimeOffset at)
    {
        var open = Open;
        wijk.Book(LedgerKind.Release, open, Status == ReservationStatus.Reserved ? Buckets.ReleaseReserved(open) : Buckets.ReleaseCommitted(open), about, at);
        Amount -= open;
        Status = ReservationStatus.Released;
        UpdatedAt = at;
        return open;
    }

    /// <summary>The final cost is what is committed from now on (never below what was paid, never above what was committed); the rest is released. Returns what is released.</summary>
    public decimal Complete(decimal finalCost, WijkBalance wijk, Entry about, DateTimeOffset at)
    {
        var final = Math.Min(Amount, Math.Max(finalCost, Paid));
        var released = Amount - final;
        if (released > 0)
        {
            wijk.Book(LedgerKind.Release, released, Buckets.ReleaseCommitted(released), about, at);
        }
        (Amount, Status, UpdatedAt) = (final, ReservationStatus.Completed, at);
        return released;
    }

    /// <summary>Part of a <see cref="Payment"/>: refused above what is committed and unpaid.</summary>
    /// <summary>Only an accepted deal's money is paid (checked before any wijk is locked: a rejected deal has none).</summary>
    public void RequireCommitted()
    {
        if (Status is not (ReservationStatus.Committed or ReservationStatus.Completed))
        {
            throw RuleException.Conflict($"Initiative {InitiativeId} has no accepted deal with money committed; there is nothing to pay.");
        }
    }

    internal void Pay(decimal amount, DateTimeOffset at)
    {
        if (amount > Payable)
        {
            throw RuleException.Conflict($"Only {Payable:0.00} of this initiative's commitment is left to pay; {amount:0.00} was asked.");
        }
        Paid += amount;
        UpdatedAt = at;
    }
}
