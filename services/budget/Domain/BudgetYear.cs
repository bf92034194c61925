using Buurt.ServiceDefaults.Domain;

namespace Buurt.Budget.Domain;

/// <summary>
/// A municipality's wijk budget of one year: the council's total, amendments not earmarked for a
/// wijk (the pool), money carried over from the year before, and how much of it is allocated to
/// wijken. Allocations never exceed total + pool + carried over (also a CHECK constraint).
/// Once closed, only a budget controller's corrections change the year. The year's own ledger
/// lines (no wijk) are recorded with its changes; a wijk's lines by its <see cref="WijkBalance"/>.
/// </summary>
public sealed class BudgetYear : Aggregate
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

    /// <summary>Sets the council's total; the ledger gets the change. Refused below what is allocated already.</summary>
    public void SetTotal(decimal total, Entry about, DateTimeOffset at)
    {
        Money.RequireValid(total, nameof(total));
        RequireOpen();
        if (total + PoolAmended + CarriedOver < AllocatedToWijken)
        {
            throw RuleException.Conflict(
                $"{AllocatedToWijken:0.00} is allocated to wijken already; the total cannot be less than {AllocatedToWijken - PoolAmended - CarriedOver:0.00}.");
        }
        var change = total - Total;
        Total = total;
        if (change != 0)
        {
            BookYear(LedgerKind.Allocation, change, Buckets.Allocate(change), about, at);
        }
    }

    /// <summary>Sets a wijk's allocation; the year and the wijk's ledger get the difference. Refused above what is left, or below what the wijk uses.</summary>
    public void AllocateTo(WijkBalance wijk, decimal amount, Entry about, DateTimeOffset at)
    {
        RequireOpen();
        var change = amount - wijk.Allocated;
        if (change != 0)
        {
            Allocate(change, correction: false);
            wijk.Book(LedgerKind.Allocation, change, Buckets.Allocate(change), about, at);
        }
    }

    /// <summary>A council amendment: to the wijk it is earmarked for, or to the year's pool.</summary>
    public void Amend(Amendment amendment, WijkBalance? wijk, Entry about, DateTimeOffset at)
    {
        RequireOpen();
        about = about with { Reference = amendment.Reference, Theme = amendment.Theme };
        if (wijk is not null)
        {
            wijk.Book(LedgerKind.Amendment, amendment.Amount, Buckets.Amend(amendment.Amount), about, at);
            return;
        }
        PoolAmended += amendment.Amount;
        BookYear(LedgerKind.Amendment, amendment.Amount, Buckets.Amend(amendment.Amount), about, at);
    }

    /// <summary>Closes the year and marks every wijk's row of it (locked by the caller), so none books into it any more.</summary>
    public void Close(IEnumerable<WijkBalance> wijken, string by, DateTimeOffset at)
    {
        RequireOpen();
        foreach (var wijk in wijken)
        {
            wijk.Close();
        }
        ClosedAt = at;
        ClosedBy = by;
    }

    /// <summary>The wijken of a closed year whose available money carries over, in wijk order.</summary>
    public static IReadOnlyList<WijkBalance> CarriedOverFrom(IEnumerable<WijkBalance> closed) =>
        closed.Where(b => b.Available > 0).OrderBy(b => b.AreaId).ToList();

    /// <summary>
    /// The year before's available money comes in as carried over, each wijk's allocated to the same
    /// wijk of this year (<paramref name="carried"/>: the amount and this year's row of that wijk).
    /// </summary>
    public void CarryIn(IReadOnlyList<(decimal Amount, WijkBalance To)> carried, Entry about, DateTimeOffset at)
    {
        RequireOpen();
        var sum = carried.Sum(c => c.Amount);
        CarriedOver += sum;
        BookYear(LedgerKind.Allocation, sum, Buckets.Allocate(sum), about, at);
        foreach (var (amount, to) in carried)
        {
            Allocate(amount, correction: false);
            to.Book(LedgerKind.Allocation, amount, Buckets.Allocate(amount), about, at);
        }
    }

    /// <summary>A budget controller's correction of one bucket of a wijk's balance, also in a closed year; the books must stay possible.</summary>
    public void Correct(WijkBalance wijk, Bucket bucket, decimal amount, Entry about, DateTimeOffset at)
    {
        if (IsClosed)
        {
            wijk.Close();
        }
        if (bucket == Bucket.Allocated)
        {
            Allocate(amount, correction: true);
        }
        wijk.Book(LedgerKind.Correction, amount, Buckets.Of(bucket, amount), about, at);
    }

    /// <summary>Changes what is allocated to wijken by <paramref name="change"/>; refused above what is left.</summary>
    private void Allocate(decimal change, bool correction)
    {
        if (!correction)
        {
            RequireOpen();
        }
        if (change > Unallocated)
        {
            throw RuleException.Conflict($"Only {Unallocated:0.00} of the year's budget is left to allocate; {change:0.00} more was asked.");
        }
        AllocatedToWijken += change;
    }

    private void BookYear(LedgerKind kind, decimal amount, Buckets change, Entry about, DateTimeOffset at) =>
        Record(LedgerEntry.Record(TenantId, Year, null, kind, amount, change, about, at));

    internal static RuleException ClosedError(int year) =>
        RuleException.Conflict($"The budget of {year} is closed; only corrections by a budget controller change it.");

    public void RequireOpen()
    {
        if (IsClosed)
        {
            throw ClosedError(Year);
        }
    }
}
