using Buurt.Contracts;

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
/// wijk and year, and how much is reserved or committed and paid.
/// </summary>
public sealed class Reservation
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

    public void Reserve(Guid areaId, int year, Theme theme, int dealVersion, decimal amount, string approver, DateTimeOffset at)
    {
        (AreaId, Year, Theme, DealVersion, Amount, Approver, Status, Paid, UpdatedAt) =
            (areaId, year, theme, dealVersion, amount, approver, ReservationStatus.Reserved, 0m, at);
    }

    /// <summary>Records a version that got no money (rejected): nothing is held for the initiative.</summary>
    public void Reject(int dealVersion, DateTimeOffset at)
    {
        (DealVersion, Amount, Status, UpdatedAt) = (dealVersion, 0m, ReservationStatus.Released, at);
    }

    public void Commit(DateTimeOffset at) => (Status, UpdatedAt) = (ReservationStatus.Committed, at);

    /// <summary>Gives back what is open; returns it.</summary>
    public decimal Release(DateTimeOffset at)
    {
        var open = Open;
        Amount -= open;
        Status = ReservationStatus.Released;
        UpdatedAt = at;
        return open;
    }

    /// <summary>The final cost is what is committed from now on (never below what was paid); returns what is released.</summary>
    public decimal Complete(decimal finalCost, DateTimeOffset at)
    {
        var final = Math.Min(Amount, Math.Max(finalCost, Paid));
        var released = Amount - final;
        (Amount, Status, UpdatedAt) = (final, ReservationStatus.Completed, at);
        return released;
    }

    public void Pay(decimal amount, DateTimeOffset at)
    {
        if (amount > Payable)
        {
            throw new BookingRefusedException($"Only {Payable:0.00} of this initiative's commitment is left to pay; {amount:0.00} was asked.");
        }
        Paid += amount;
        UpdatedAt = at;
    }
}
