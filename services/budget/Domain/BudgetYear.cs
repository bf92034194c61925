namespace Buurt.Budget.Domain;

/// <summary>
/// A municipality's wijk budget of one year: the council's total, amendments not earmarked for a
/// wijk (the pool), money carried over from the year before, and how much of it is allocated to
/// wijken. Allocations never exceed total + pool + carried over (also a CHECK constraint).
/// Once closed, only a budget controller's corrections change the year.
/// </summary>
public sealed class BudgetYear
{
    private BudgetYear()
    {
    }

    public string TenantId { get; private set; } = "";

    public int Year { get; private set; }

    public decimal Total { get; private set; }

    /// <summary>Amendments of this year earmarked for no wijk: money to allocate.</summary>
    public decimal PoolAmended { get; private set; }

    public decimal CarriedOver { get; private set; }

    public decimal AllocatedToWijken { get; private set; }

    public decimal Unallocated => Total + PoolAmended + CarriedOver - AllocatedToWijken;

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public bool IsClosed => ClosedAt is not null;

    public uint Version { get; private set; }

    public static BudgetYear Open(string tenantId, int year) => new() { TenantId = tenantId, Year = year };

    /// <summary>Sets the council's total; returns the change. Refused below what is allocated already.</summary>
    public decimal SetTotal(decimal total)
    {
        Money.RequireValid(total, nameof(total));
        RequireOpen();
        if (total + PoolAmended + CarriedOver < AllocatedToWijken)
        {
            throw new BookingRefusedException(
                $"{AllocatedToWijken:0.00} is allocated to wijken already; the total cannot be less than {AllocatedToWijken - PoolAmended - CarriedOver:0.00}.");
        }
        var change = total - Total;
        Total = total;
        return change;
    }

    /// <summary>Changes what is allocated to wijken by <paramref name="change"/>; refused above what is left.</summary>
    public void Allocate(decimal change, bool correction = false)
    {
        if (!correction)
        {
            RequireOpen();
        }
        if (change > Unallocated)
        {
            throw new BookingRefusedException($"Only {Unallocated:0.00} of the year's budget is left to allocate; {change:0.00} more was asked.");
        }
        AllocatedToWijken += change;
    }

    public void AmendPool(decimal amount)
    {
        RequireOpen();
        PoolAmended += amount;
    }

    public void CarryIn(decimal amount)
    {
        RequireOpen();
        CarriedOver += amount;
    }

    public void Close(string by, DateTimeOffset at)
    {
        RequireOpen();
        ClosedAt = at;
        ClosedBy = by;
    }

    internal static BookingRefusedException ClosedError(int year) =>
        new($"The budget of {year} is closed; only corrections by a budget controller change it.");

    public void RequireOpen()
    {
        if (IsClosed)
        {
            throw ClosedError(Year);
        }
    }
}
