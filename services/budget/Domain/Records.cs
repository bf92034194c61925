using Buurt.Contracts;

namespace Buurt.Budget.Domain;

/// <summary>A council amendment: one-off money for a year, with its reference, maybe earmarked for a theme and/or a wijk.</summary>
public sealed class Amendment
{
    private Amendment()
    {
    }

    public Amendment(string tenantId, int year, string reference, decimal amount, Theme? theme, Guid? areaId, string description, string recordedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        (TenantId, Year, Reference, Amount, Theme, AreaId, Description, RecordedBy, RecordedAt) =
            (tenantId, year, reference, amount, theme, areaId, description, recordedBy, at);
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public int Year { get; private set; }

    public string Reference { get; private set; } = "";

    public decimal Amount { get; private set; }

    public Theme? Theme { get; private set; }

    public Guid? AreaId { get; private set; }

    public string Description { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>A payment a budget controller recorded for an initiative's deal.</summary>
public sealed class Payment
{
    private Payment()
    {
    }

    public Payment(string tenantId, Guid initiativeId, Guid areaId, int year, decimal amount, string? reference, string recordedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        (TenantId, InitiativeId, AreaId, Year, Amount, Reference, RecordedBy, RecordedAt) =
            (tenantId, initiativeId, areaId, year, amount, reference, recordedBy, at);
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid AreaId { get; private set; }

    public int Year { get; private set; }

    public decimal Amount { get; private set; }

    public string? Reference { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>
/// An initiative's request while it has no deal yet: the pipeline of money that may come a wijk
/// budget's way. It leaves the pipeline when a deal is proposed or the initiative ends.
/// </summary>
public sealed class PipelineItem
{
    private PipelineItem()
    {
    }

    public PipelineItem(string tenantId, Guid initiativeId, Guid areaId, Theme theme, decimal requestedAmount, DateTimeOffset submittedAt)
    {
        Money.RequireValid(requestedAmount, nameof(requestedAmount));
        (TenantId, InitiativeId, AreaId, Theme, RequestedAmount, SubmittedAt, Year) =
            (tenantId, initiativeId, areaId, theme, requestedAmount, submittedAt, BudgetYearRule.YearOf(submittedAt));
    }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid AreaId { get; private set; }

    public Theme Theme { get; private set; }

    public decimal RequestedAmount { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The budget year of the submission (Europe/Amsterdam).</summary>
    public int Year { get; private set; }

    /// <summary>Set when a deal is proposed or the initiative is withdrawn or declined.</summary>
    public DateTimeOffset? LeftAt { get; private set; }

    public bool IsOpen => LeftAt is null;

    public void Leave(DateTimeOffset at) => LeftAt ??= at;
}
