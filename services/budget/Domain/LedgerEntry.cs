using Buurt.Contracts;

namespace Buurt.Budget.Domain;

/// <summary>The kinds of ledger entries.</summary>
public enum LedgerKind
{
    Allocation,
    Amendment,
    Reservation,
    Release,
    Commitment,
    Payment,
    Correction,
}

/// <summary>
/// One append-only line of the books: what changed (per bucket), who did it, when, why and its
/// source (an event id or an API call). Balances are the sums of these; an entry is never
/// changed or deleted. <c>AreaId</c> is null for the year's own lines (the council's total, an
/// amendment for no wijk, money carried in).
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Order of recording (paging, CSV).</summary>
    public long Sequence { get; private set; }

    public string TenantId { get; private set; } = "";

    public int Year { get; private set; }

    public Guid? AreaId { get; private set; }

    public LedgerKind Kind { get; private set; }

    /// <summary>The money the entry is about (signed for a change of an allocation or a correction).</summary>
    public decimal Amount { get; private set; }

    public decimal AllocatedChange { get; private set; }

    public decimal AmendedChange { get; private set; }

    public decimal ReservedChange { get; private set; }

    public decimal CommittedChange { get; private set; }

    public decimal PaidChange { get; private set; }

    public Guid? InitiativeId { get; private set; }

    public Theme? Theme { get; private set; }

    /// <summary>The council's or executive's reference, a payment's reference.</summary>
    public string? Reference { get; private set; }

    /// <summary>Who: the user's subject, or "service:initiatives" for the deal's events.</summary>
    public string Actor { get; private set; } = "";

    public string Reason { get; private set; } = "";

    /// <summary>"event:{event id}" or "api:{idempotency key or request id}".</summary>
    public string Source { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static LedgerEntry Record(
        string tenantId, int year, Guid? areaId, LedgerKind kind, decimal amount, Buckets change,
        Entry about, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            TenantId = tenantId,
            Year = year,
            AreaId = areaId,
            Kind = kind,
            Amount = amount,
            AllocatedChange = change.Allocated,
            AmendedChange = change.Amended,
            ReservedChange = change.Reserved,
            CommittedChange = change.Committed,
            PaidChange = change.Paid,
            InitiativeId = about.InitiativeId,
            Theme = about.Theme,
            Reference = about.Reference,
            Actor = about.Actor,
            Reason = about.Reason,
            Source = about.Source,
            RecordedAt = at,
        };
}

/// <summary>Who, why and from where an entry comes, and what it concerns.</summary>
public sealed record Entry(string Actor, string Reason, string Source)
{
    public Guid? InitiativeId { get; init; }

    public Theme? Theme { get; init; }

    public string? Reference { get; init; }
}
