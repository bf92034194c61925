namespace Buurt.Contracts.Budget;

/// <summary>
/// The budget reserved a deal's amount in the wijk's budget of <c>Year</c>. <c>Approver</c> is the
/// role whose mandate covers the amount (<c>director</c> or <c>alderman</c>); the deal also needs
/// that role's acceptance.
/// </summary>
public sealed record FundsReserved(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    int DealVersion,
    decimal Amount,
    int Year,
    string Approver) : IIntegrationEvent;

/// <summary>
/// The budget could not reserve a deal's amount. <c>Reason</c> is one of
/// <see cref="FundsRejectionReasons"/>; <c>Detail</c> says it in words for the people involved.
/// </summary>
public sealed record FundsReservationRejected(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    int DealVersion,
    decimal Amount,
    string Reason,
    string Detail) : IIntegrationEvent;

/// <summary>The machine-readable reasons of <see cref="FundsReservationRejected"/>.</summary>
public static class FundsRejectionReasons
{
    /// <summary>Not enough left in the wijk's budget this year.</summary>
    public const string InsufficientFunds = "insufficient-funds";

    /// <summary>Above the largest mandate (no executive decision recorded for it).</summary>
    public const string AboveMandate = "above-mandate";

    /// <summary>The wijk has no budget (unknown wijk, no allocation or a closed year).</summary>
    public const string NoBudget = "no-budget";
}

/// <summary>A budget controller recorded a payment for an initiative's deal.</summary>
public sealed record PaymentRecorded(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PaymentId,
    Guid InitiativeId,
    Guid AreaId,
    int Year,
    decimal Amount) : IIntegrationEvent;
