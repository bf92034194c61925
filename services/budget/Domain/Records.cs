using Buurt.Contracts;
using Buurt.Contracts.Budget;
using Buurt.ServiceDefaults.Domain;

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

/// <summary>A payment a budget controller recorded for an initiative's deal; the initiatives service hears of it (<c>PaymentRecorded</c>).</summary>
public sealed class Payment : Aggregate
{
    private Payment()
    {
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

    /// <summary>
    /// Pays from a committed deal, booked in its wijk (locked by the caller). Refused in a closed
    /// year and above what is committed and unpaid.
    /// </summary>
    public static Payment Record(Reservation reservation, WijkBalance wijk, decimal amount, string? reference, Entry about, DateTimeOffset at)
    {
        wijk.RequireOpen();
        reservation.Pay(amount, at);
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(at),
            TenantId = reservation.TenantId,
            InitiativeId = reservation.InitiativeId,
            AreaId = reservation.AreaId,
            Year = reservation.Year,
            Amount = amount,
            Reference = reference,
            RecordedBy = about.Actor,
            RecordedAt = at,
        };
        wijk.Book(LedgerKind.Payment, amount, Buckets.Pay(amount),
            about with { InitiativeId = reservation.InitiativeId, Theme = reservation.Theme, Reference = reference }, at);
        payment.Raise(new PaymentRecorded(payment.TenantId, Guid.CreateVersion7(at), at, payment.Id, payment.InitiativeId, payment.AreaId, payment.Year, amount));
        return payment;
    }
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
