using System.ComponentModel.DataAnnotations;
using Buurt.Budget.Domain;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Api;

namespace Buurt.Budget.Api;

/// <summary>The council's total for a year.</summary>
public sealed record BudgetTotalRequest
{
    /// <summary>Euros, whole cents, zero or more.</summary>
    [Required, EuroAmount]
    public decimal? Total { get; init; }
}

/// <summary>A wijk's allocation in a year (the new amount, not a change).</summary>
public sealed record AllocationRequest
{
    [Required, EuroAmount]
    public decimal? Amount { get; init; }

    /// <summary>Why, for the ledger.</summary>
    [StringLength(500)]
    public string? Reason { get; init; }
}

/// <summary>A council amendment: one-off money for the year.</summary>
public sealed record AmendmentRequest
{
    /// <summary>The council's reference, e.g. "A21-182"; unique per year.</summary>
    [Required, StringLength(40, MinimumLength = 1)]
    public string? Reference { get; init; }

    /// <summary>Euros, more than zero, whole cents.</summary>
    [Required, EuroAmount]
    public decimal? Amount { get; init; }

    /// <summary>Earmarked for this theme (optional).</summary>
    public Theme? Theme { get; init; }

    /// <summary>Earmarked for this wijk (optional); without it the money goes to the year's pool to allocate.</summary>
    public Guid? AreaId { get; init; }

    [StringLength(500)]
    public string? Description { get; init; }
}

/// <summary>A payment for an initiative's committed deal.</summary>
public sealed record PaymentRequest
{
    [Required]
    public Guid? InitiativeId { get; init; }

    /// <summary>Euros, more than zero, whole cents, at most what is committed and unpaid.</summary>
    [Required, EuroAmount]
    public decimal? Amount { get; init; }

    /// <summary>The invoice or payment order reference.</summary>
    [StringLength(100)]
    public string? Reference { get; init; }
}

/// <summary>A budget controller's correction of one bucket of a wijk's balance.</summary>
public sealed record CorrectionRequest
{
    [Required]
    public Guid? AreaId { get; init; }

    /// <summary>allocated, amended, reserved, committed or paid.</summary>
    [Required]
    public Bucket? Bucket { get; init; }

    /// <summary>Signed euros (whole cents, not zero): what to add to the bucket.</summary>
    [Required, Range(typeof(decimal), "-10000000", "10000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal? Amount { get; init; }

    [Required, StringLength(500, MinimumLength = 1)]
    public string? Reason { get; init; }

    /// <summary>The initiative the correction concerns, for the ledger (optional).</summary>
    public Guid? InitiativeId { get; init; }
}

/// <summary>A role's mandate.</summary>
public sealed record MandateRequest
{
    /// <summary>The largest single award the role may approve, in euros.</summary>
    [Required, EuroAmount]
    public decimal? MaxAmount { get; init; }
}

/// <summary>The executive's decision to fund an initiative above every mandate.</summary>
public sealed record ExecutiveDecisionRequest
{
    [Required]
    public Guid? InitiativeId { get; init; }

    /// <summary>The decision's reference, e.g. "B&amp;W 2026-114".</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string? Reference { get; init; }

    /// <summary>Up to how much the decision allows.</summary>
    [Required, EuroAmount]
    public decimal? MaxAmount { get; init; }
}

/// <summary>The municipality's budget settings.</summary>
public sealed record SettingsRequest
{
    /// <summary>none (default) or available.</summary>
    [Required]
    public CarryOverRule? CarryOver { get; init; }
}

/// <summary>Filters of the ledger.</summary>
public sealed record LedgerQuery
{
    public Guid? AreaId { get; init; }

    public Guid? InitiativeId { get; init; }

    /// <summary>allocation, amendment, reservation, release, commitment, payment or correction.</summary>
    public string? Kind { get; init; }
}

/// <summary>Only one wijk's lines (optional).</summary>
public sealed record AreaFilter
{
    public Guid? AreaId { get; init; }
}

/// <summary>A year's budget.</summary>
public sealed record BudgetYearResponse(
    int Year, decimal Total, decimal PoolAmended, decimal CarriedOver, decimal AllocatedToWijken, decimal Unallocated,
    bool Closed, DateTimeOffset? ClosedAt)
{
    public static BudgetYearResponse From(BudgetYear y) =>
        new(y.Year, y.Total, y.PoolAmended, y.CarriedOver, y.AllocatedToWijken, y.Unallocated, y.IsClosed, y.ClosedAt);
}

/// <summary>The public summary of a wijk's budget in a year (euros): how much is left.</summary>
public sealed record AreaBudgetSummary(decimal Allocated, decimal Amended, decimal Reserved, decimal Committed, decimal Paid, decimal Available)
{
    public static readonly AreaBudgetSummary Zero = new(0, 0, 0, 0, 0, 0);

    public static AreaBudgetSummary From(WijkBalance b) => new(b.Allocated, b.Amended, b.Reserved, b.Committed, b.Paid, b.Available);
}

/// <summary>A wijk's budget in a year as the controller sees it; % used = (reserved + committed) / (allocated + amended).</summary>
public sealed record AreaBudgetResponse(
    Guid AreaId, string? Name, int Year, decimal Allocated, decimal Amended, decimal Reserved, decimal Committed, decimal Paid,
    decimal Available, decimal PercentUsed)
{
    public static AreaBudgetResponse From(WijkBalance b, string? name) => new(
        b.AreaId, name, b.Year, b.Allocated, b.Amended, b.Reserved, b.Committed, b.Paid, b.Available,
        Money.Percent(b.Reserved + b.Committed, b.Budget));
}

/// <summary>A year's money per theme: amendments earmarked for it and the deals of its initiatives (null: no theme).</summary>
public sealed record ThemeBudgetResponse(Theme? Theme, decimal Amended, decimal Reserved, decimal Committed, decimal Paid);

/// <summary>One line of the ledger.</summary>
public sealed record LedgerEntryResponse(
    Guid Id, long Sequence, int Year, Guid? AreaId, LedgerKind Kind, decimal Amount,
    decimal AllocatedChange, decimal AmendedChange, decimal ReservedChange, decimal CommittedChange, decimal PaidChange,
    Guid? InitiativeId, Theme? Theme, string? Reference, string Actor, string Reason, string Source, DateTimeOffset RecordedAt)
{
    public static LedgerEntryResponse From(LedgerEntry e) => new(
        e.Id, e.Sequence, e.Year, e.AreaId, e.Kind, e.Amount,
        e.AllocatedChange, e.AmendedChange, e.ReservedChange, e.CommittedChange, e.PaidChange,
        e.InitiativeId, e.Theme, e.Reference, e.Actor, e.Reason, e.Source, e.RecordedAt);
}

public sealed record AmendmentResponse(Guid Id, int Year, string Reference, decimal Amount, Theme? Theme, Guid? AreaId, string Description, DateTimeOffset RecordedAt)
{
    public static AmendmentResponse From(Amendment a) => new(a.Id, a.Year, a.Reference, a.Amount, a.Theme, a.AreaId, a.Description, a.RecordedAt);
}

public sealed record PaymentResponse(Guid Id, Guid InitiativeId, Guid AreaId, int Year, decimal Amount, string? Reference, DateTimeOffset RecordedAt)
{
    public static PaymentResponse From(Payment p) => new(p.Id, p.InitiativeId, p.AreaId, p.Year, p.Amount, p.Reference, p.RecordedAt);
}

/// <summary>Where an initiative's money stands.</summary>
public sealed record ReservationResponse(
    Guid InitiativeId, Guid AreaId, int Year, Theme Theme, int DealVersion, ReservationStatus Status, decimal Amount, decimal Paid, string Approver)
{
    public static ReservationResponse From(Reservation r) =>
        new(r.InitiativeId, r.AreaId, r.Year, r.Theme, r.DealVersion, r.Status, r.Amount, r.Paid, r.Approver);
}

public sealed record MandateResponse(string Role, decimal MaxAmount);

public sealed record ExecutiveDecisionResponse(Guid InitiativeId, string Reference, decimal MaxAmount, DateTimeOffset RecordedAt)
{
    public static ExecutiveDecisionResponse From(ExecutiveDecision d) => new(d.InitiativeId, d.Reference, d.MaxAmount, d.RecordedAt);
}

public sealed record SettingsResponse(CarryOverRule CarryOver);
