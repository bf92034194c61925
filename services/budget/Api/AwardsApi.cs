using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.Budget.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.Api;

/// <summary>
/// Who may award how much and what was paid: /mandates and /settings (tenant admin),
/// /executive-decisions and /payments (budget controller), /reservations (an initiative's money).
/// </summary>
public static class AwardsApi
{
    public static void MapAwards(this IEndpointRouteBuilder api)
    {
        var mandates = api.MapGroup("/mandates").WithTags("Mandates");
        mandates.MapGet("", ListMandates).WithName("ListMandates").RequireAuthorization(BuurtPolicies.Staff);
        mandates.MapPut("/{role}", SetMandate).WithName("SetMandate").RequireAuthorization(BuurtPolicies.TenantAdmin)
            .WithIdempotencyKey().Produces<MandateResponse>().ProducesValidationProblem().ProducesProblem(409);

        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("", GetSettings).WithName("GetBudgetSettings").RequireAuthorization(BuurtPolicies.Staff);
        settings.MapPut("", SetSettings).WithName("SetBudgetSettings").RequireAuthorization(BuurtPolicies.TenantAdmin).WithIdempotencyKey();

        var decisions = api.MapGroup("/executive-decisions").WithTags("Executive decisions");
        decisions.MapGet("", ListDecisions).WithName("ListExecutiveDecisions").RequireAuthorization(BuurtPolicies.Staff);
        decisions.MapPost("", RecordDecision).WithName("RecordExecutiveDecision").RequireAuthorization(BuurtPolicies.BudgetController)
            .WithIdempotencyKey().Produces<ExecutiveDecisionResponse>(201).ProducesValidationProblem().ProducesProblem(409);

        var payments = api.MapGroup("/payments").WithTags("Payments");
        payments.MapGet("", ListPayments).WithName("ListPayments").RequireAuthorization(BuurtPolicies.Staff);
        payments.MapGet("/{id:guid}", GetPayment).WithName("GetPayment").RequireAuthorization(BuurtPolicies.Staff)
            .Produces<PaymentResponse>().ProducesProblem(404);
        payments.MapPost("", Pay).WithName("RecordPayment").RequireAuthorization(BuurtPolicies.BudgetController)
            .WithIdempotencyKey().Produces<PaymentResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/reservations/{id:guid}", GetReservation).WithTags("Reservations").WithName("GetReservation")
            .RequireAuthorization(BuurtPolicies.Staff).Produces<ReservationResponse>().ProducesProblem(404);
    }

    /// <summary>Every role's mandate, smallest first.</summary>
    private static async Task<Ok<List<MandateResponse>>> ListMandates(BudgetDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Mandates.AsNoTracking().OrderBy(m => m.MaxAmount)
            .Select(m => new MandateResponse(m.Role, m.MaxAmount)).ToListAsync(cancellationToken));

    /// <summary>Sets a role's mandate (director or alderman); a director's never exceeds an alderman's.</summary>
    private static async Task<Ok<MandateResponse>> SetMandate(string role, MandateRequest request, AwardRules rules, CancellationToken cancellationToken)
    {
        var mandate = await rules.SetMandateAsync(role, request.MaxAmount!.Value, cancellationToken);
        return TypedResults.Ok(new MandateResponse(mandate.Role, mandate.MaxAmount));
    }

    private static async Task<Ok<SettingsResponse>> GetSettings(BudgetDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SettingsResponse((await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.CarryOver ?? CarryOverRule.None));

    /// <summary>Sets the carry-over rule applied when a year is closed.</summary>
    private static async Task<Ok<SettingsResponse>> SetSettings(SettingsRequest request, AwardRules rules, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SettingsResponse((await rules.SetCarryOverAsync(request.CarryOver!.Value, cancellationToken)).CarryOver));

    private static async Task<Ok<PagedList<ExecutiveDecisionResponse>>> ListDecisions([AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.ExecutiveDecisions.AsNoTracking().OrderByDescending(d => d.RecordedAt)
            .ToPageAsync(page, ExecutiveDecisionResponse.From, cancellationToken));
    }

    /// <summary>Records the executive's decision to fund an initiative above every mandate (one per initiative).</summary>
    private static async Task<IResult> RecordDecision(ExecutiveDecisionRequest request, AwardRules rules, HttpContext http, CancellationToken cancellationToken)
    {
        if (Writes.CheckPositive(request.MaxAmount!.Value, "maxAmount") is { } problem)
        {
            return problem;
        }
        var decision = await rules.RecordExecutiveDecisionAsync(request.InitiativeId!.Value, request.Reference!, request.MaxAmount.Value,
            Writes.EntryFor(http, "").Actor, cancellationToken);
        return TypedResults.Created((string?)null, ExecutiveDecisionResponse.From(decision));
    }

    /// <summary>Payments, newest first, optionally of one initiative.</summary>
    private static async Task<Ok<PagedList<PaymentResponse>>> ListPayments(
        Guid? initiativeId, [AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        var payments = db.Payments.AsNoTracking();
        if (initiativeId is { } id)
        {
            payments = payments.Where(p => p.InitiativeId == id);
        }
        return TypedResults.Ok(await payments.OrderByDescending(p => p.RecordedAt).ToPageAsync(page, PaymentResponse.From, cancellationToken));
    }

    private static async Task<IResult> GetPayment(Guid id, BudgetDbContext db, CancellationToken cancellationToken) =>
        await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } payment
            ? TypedResults.Ok(PaymentResponse.From(payment))
            : ApiProblems.NotFound($"There is no payment {id}.");

    /// <summary>Records a payment for an initiative's committed deal; refused above what is committed and unpaid, or in a closed year.</summary>
    private static async Task<IResult> Pay(PaymentRequest request, BudgetBookings bookings, HttpContext http, LinkGenerator links, CancellationToken cancellationToken)
    {
        if (Writes.CheckPositive(request.Amount!.Value, "amount") is { } problem)
        {
            return problem;
        }
        var payment = await bookings.PayAsync(request.InitiativeId!.Value, request.Amount.Value, request.Reference,
            Writes.EntryFor(http, $"Payment of {request.Amount:0.00}"), cancellationToken);
        return TypedResults.Created(links.GetPathByName("GetPayment", new { id = payment.Id }), PaymentResponse.From(payment));
    }

    /// <summary>Where an initiative's money stands: its deal version, reserved or committed, paid.</summary>
    private static async Task<IResult> GetReservation(Guid id, BudgetDbContext db, CancellationToken cancellationToken) =>
        await db.Reservations.AsNoTracking().FirstOrDefaultAsync(r => r.InitiativeId == id, cancellationToken) is { } reservation
            ? TypedResults.Ok(ReservationResponse.From(reservation))
            : ApiProblems.NotFound($"Initiative {id} has no money in the budget.");
}
