using Buurt.ServiceDefaults.Domain;

namespace Buurt.Budget.Domain;

/// <summary>
/// A wijk's money in one year: the running sum of its ledger entries, kept in one row so that a
/// row lock serialises every booking on it. Available = allocated + amended − reserved − committed,
/// never below zero (also a CHECK constraint in PostgreSQL). Every change is a <see cref="Book"/>ing,
/// which records its ledger entry with it.
/// </summary>
public sealed class WijkBalance : Aggregate
{
    private WijkBalance()
    {
    }

    public string TenantId { get; private set; } = "";

    public int Year { get; private set; }

    public Guid AreaId { get; private set; }

    public decimal Allocated { get; private set; }

    public decimal Amended { get; private set; }

    public decimal Reserved { get; private set; }

    public decimal Committed { get; private set; }

    public decimal Paid { get; private set; }

    public decimal Available => Allocated + Amended - Reserved - Committed;

    /// <summary>The wijk's money this year: allocation and amendments.</summary>
    public decimal Budget => Allocated + Amended;

    /// <summary>
    /// The year is closed (a copy of the year's flag, set under this row's lock when the year
    /// closes): a reservation that locks this row sees it without reading the year.
    /// </summary>
    public bool Closed { get; private set; }

    public uint Version { get; private set; }

    public void Close() => Closed = true;

    /// <summary>Closing a year marks every wijk's row under its lock, so the row alone answers "is this year open?".</summary>
    public void RequireOpen()
    {
        if (Closed)
        {
            throw BudgetYear.ClosedError(Year);
        }
    }

    public static WijkBalance Empty(string tenantId, int year, Guid areaId) => new() { TenantId = tenantId, Year = year, AreaId = areaId };

    /// <summary>
    /// Applies a booking and records its ledger entry, or refuses it (a 409; nothing changes) when
    /// the balance would be impossible.
    /// </summary>
    public void Book(LedgerKind kind, decimal amount, Buckets change, Entry about, DateTimeOffset at)
    {
        Apply(change);
        Record(LedgerEntry.Record(TenantId, Year, AreaId, kind, amount, change, about, at));
    }

    private void Apply(Buckets change)
    {
        var allocated = Allocated + change.Allocated;
        var amended = Amended + change.Amended;
        var reserved = Reserved + change.Reserved;
        var committed = Committed + change.Committed;
        var paid = Paid + change.Paid;
        if (allocated < 0 || amended < 0 || reserved < 0 || committed < 0 || paid < 0)
        {
            throw RuleException.Conflict("A wijk's allocation, amendments, reservations, commitments and payments cannot go below zero.");
        }
        if (paid > committed)
        {
            throw RuleException.Conflict($"Paid ({paid:0.00}) would exceed what is committed ({committed:0.00}).");
        }
        if (allocated + amended - reserved - committed < 0)
        {
            throw RuleException.Conflict(
                $"Available would go below zero: budget {allocated + amended:0.00}, reserved {reserved:0.00}, committed {committed:0.00}.");
        }
        (Allocated, Amended, Reserved, Committed, Paid) = (allocated, amended, reserved, committed, paid);
    }
}
