namespace Buurt.Web.Api;

/// <summary>
/// The budget's books as the budget controller keeps them (always as the user: nothing of this is
/// public or shared from a cache): the year, its wijken and themes, the ledger and its CSV,
/// amendments, corrections, executive decisions, mandates and payments. Every write carries the
/// form's idempotency key.
/// </summary>
public sealed class BudgetBooksApi(HttpClient client)
{
    private const string Base = "/api/budget/v1";

    /// <summary>The years with a budget, newest first (the first hundred).</summary>
    public Task<(Paged<BudgetYearBooks>? Answer, ApiProblem? Problem)> YearsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<BudgetYearBooks>>(HttpMethod.Get, $"{Base}/budgets?pageSize=100", null, cancellationToken);

    /// <summary>The year, or a 404 problem when it has no budget yet.</summary>
    public Task<(BudgetYearBooks? Answer, ApiProblem? Problem)> YearAsync(int year, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<BudgetYearBooks>(HttpMethod.Get, $"{Base}/budgets/{year}", null, cancellationToken);

    /// <summary>Every wijk's balance in the year (a municipality has far fewer than a hundred wijken).</summary>
    public Task<(Paged<WijkBooks>? Answer, ApiProblem? Problem)> WijkenAsync(int year, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<WijkBooks>>(HttpMethod.Get, $"{Base}/budgets/{year}/areas?pageSize=100", null, cancellationToken);

    public Task<(List<ThemeBooks>? Answer, ApiProblem? Problem)> ThemesAsync(int year, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<ThemeBooks>>(HttpMethod.Get, $"{Base}/budgets/{year}/themes", null, cancellationToken);

    public Task<(Paged<LedgerLine>? Answer, ApiProblem? Problem)> LedgerAsync(
        int year, Guid? areaId, Guid? initiativeId, string? kind, int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<LedgerLine>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/budgets/{year}/ledger",
            ("areaId", areaId?.ToString()), ("initiativeId", initiativeId?.ToString()), ("kind", kind),
            ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    /// <summary>The ledger as CSV, read as it comes (the caller streams it on and disposes the answer).</summary>
    public Task<HttpResponseMessage> ExportAsync(int year, Guid? areaId, CancellationToken cancellationToken) =>
        client.SendAsync(GatewayApis.Get(GatewayApis.WithQuery($"{Base}/budgets/{year}/ledger/export", ("areaId", areaId?.ToString())), asUser: true),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<(Paged<AmendmentBooks>? Answer, ApiProblem? Problem)> AmendmentsAsync(int year, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<AmendmentBooks>>(HttpMethod.Get, $"{Base}/budgets/{year}/amendments?pageSize=100", null, cancellationToken);

    public Task<(List<MandateBooks>? Answer, ApiProblem? Problem)> MandatesAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<MandateBooks>>(HttpMethod.Get, $"{Base}/mandates", null, cancellationToken);

    public Task<(Paged<ExecutiveDecisionBooks>? Answer, ApiProblem? Problem)> ExecutiveDecisionsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<ExecutiveDecisionBooks>>(HttpMethod.Get, $"{Base}/executive-decisions?pageSize=100", null, cancellationToken);

    /// <summary>Payments, newest first, optionally of one initiative.</summary>
    public Task<(Paged<PaymentBooks>? Answer, ApiProblem? Problem)> PaymentsAsync(Guid? initiativeId, int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<PaymentBooks>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/payments",
            ("initiativeId", initiativeId?.ToString()), ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    /// <summary>Where an initiative's money stands; a 404 problem when it has none.</summary>
    public Task<(ReservationBooks? Answer, ApiProblem? Problem)> ReservationAsync(Guid initiativeId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<ReservationBooks>(HttpMethod.Get, $"{Base}/reservations/{initiativeId}", null, cancellationToken);

    public Task<(BudgetYearBooks? Answer, ApiProblem? Problem)> SetTotalAsync(int year, decimal total, string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<BudgetYearBooks>(HttpMethod.Put, $"{Base}/budgets/{year}", new { total }, cancellationToken, key);

    public Task<(WijkBooks? Answer, ApiProblem? Problem)> AllocateAsync(
        int year, Guid areaId, decimal amount, string? reason, string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<WijkBooks>(HttpMethod.Put, $"{Base}/budgets/{year}/allocations/{areaId}", new { amount, reason }, cancellationToken, key);

    public Task<(AmendmentBooks? Answer, ApiProblem? Problem)> AmendAsync(int year, AmendmentTerms amendment, string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<AmendmentBooks>(HttpMethod.Post, $"{Base}/budgets/{year}/amendments", amendment, cancellationToken, key);

    public Task<(WijkBooks? Answer, ApiProblem? Problem)> CorrectAsync(int year, CorrectionTerms correction, string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<WijkBooks>(HttpMethod.Post, $"{Base}/budgets/{year}/corrections", correction, cancellationToken, key);

    public Task<(ExecutiveDecisionBooks? Answer, ApiProblem? Problem)> DecideAsync(ExecutiveDecisionTerms decision, string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<ExecutiveDecisionBooks>(HttpMethod.Post, $"{Base}/executive-decisions", decision, cancellationToken, key);

    public Task<(PaymentBooks? Answer, ApiProblem? Problem)> PayAsync(PaymentTerms payment, string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PaymentBooks>(HttpMethod.Post, $"{Base}/payments", payment, cancellationToken, key);

    /// <summary>Closes the year (carrying over by the municipality's rule); a 409 problem when it is closed already or the next year is.</summary>
    public Task<(BudgetYearBooks? Answer, ApiProblem? Problem)> CloseAsync(int year, string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<BudgetYearBooks>(HttpMethod.Post, $"{Base}/budgets/{year}/close", null, cancellationToken, key);
}

// The budget API's answers and requests (its names; enum values stay its kebab-case strings).

/// <summary>A year: the council's total, the pool (amendments for no wijk), carried over, allocated to wijken, left to allocate.</summary>
public sealed record BudgetYearBooks(int Year, decimal Total, decimal PoolAmended, decimal CarriedOver, decimal AllocatedToWijken, decimal Unallocated,
    bool Closed, DateTimeOffset? ClosedAt);

/// <summary>A wijk's balance in a year; % used = (reserved + committed) / (allocated + amended).</summary>
public sealed record WijkBooks(Guid AreaId, string? Name, int Year, decimal Allocated, decimal Amended, decimal Reserved, decimal Committed,
    decimal Paid, decimal Available, decimal PercentUsed);

/// <summary>A year per theme (null: no theme): earmarked by amendments, and its deals' money.</summary>
public sealed record ThemeBooks(string? Theme, decimal Amended, decimal Reserved, decimal Committed, decimal Paid);

public sealed record LedgerLine(Guid Id, long Sequence, int Year, Guid? AreaId, string Kind, decimal Amount,
    decimal AllocatedChange, decimal AmendedChange, decimal ReservedChange, decimal CommittedChange, decimal PaidChange,
    Guid? InitiativeId, string? Theme, string? Reference, string Actor, string Reason, string Source, DateTimeOffset RecordedAt);

public sealed record AmendmentBooks(Guid Id, int Year, string Reference, decimal Amount, string? Theme, Guid? AreaId, string Description, DateTimeOffset RecordedAt);

public sealed record PaymentBooks(Guid Id, Guid InitiativeId, Guid AreaId, int Year, decimal Amount, string? Reference, DateTimeOffset RecordedAt);

/// <summary>An initiative's money: status reserved, committed, released or completed; paid of amount.</summary>
public sealed record ReservationBooks(Guid InitiativeId, Guid AreaId, int Year, string Theme, int DealVersion, string Status, decimal Amount, decimal Paid,
    string Approver)
{
    /// <summary>What may still be paid: committed and unpaid.</summary>
    public decimal Payable => Status is "committed" or "completed" ? Amount - Paid : 0;
}

public sealed record MandateBooks(string Role, decimal MaxAmount);

public sealed record ExecutiveDecisionBooks(Guid InitiativeId, string Reference, decimal MaxAmount, DateTimeOffset RecordedAt);

public sealed record AmendmentTerms(string Reference, decimal Amount, string? Theme, Guid? AreaId, string? Description);

public sealed record CorrectionTerms(Guid AreaId, string Bucket, decimal Amount, string Reason, Guid? InitiativeId);

public sealed record ExecutiveDecisionTerms(Guid InitiativeId, string Reference, decimal MaxAmount);

public sealed record PaymentTerms(Guid InitiativeId, decimal Amount, string? Reference);
