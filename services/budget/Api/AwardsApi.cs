using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
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
    private static async Task<IResult> SetMandate(
        string role, MandateRequest request, BudgetDbContext db, Books books, CancellationToken cancellationToken)
    {
        if (!Mandate.Roles.Contains(role))
        {
            return ApiProblems.Field("role", $"Only {string.Join(" and ", Mandate.Roles)} hold a mandate.");
        }
        var amount = request.MaxAmount!.Value;
        var all = await db.Mandates.ToListAsync(cancellationToken);
        var smaller = Mandate.Roles.TakeWhile(r => r != role).ToHashSet();
        if (all.Any(m => m.Role != role && (smaller.Contains(m.Role) ? m.MaxAmount > amount : m.MaxAmount < amount)))
        {
            return ApiProblems.Conflict($"Mandates rise from {string.Join(" to ", Mandate.Roles)}; {amount:0.00} for {role} breaks that order.");
        }
        var mandate = all.FirstOrDefault(m => m.Role == role);
        if (mandate is null)
        {
            mandate = new Mandate(db.TenantIdOrThrow(), role, amount);
            db.Mandates.Add(mandate);
        }
        mandate.MaxAmount = amount;
        mandate.UpdatedAt = books.Now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MandateResponse(role, amount));
    }

    private static async Task<Ok<SettingsResponse>> GetSettings(BudgetDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SettingsResponse((await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.CarryOver ?? CarryOverRule.None));

    /// <summary>Sets the carry-over rule applied when a year is closed.</summary>
    private static async Task<Ok<SettingsResponse>> SetSettings(SettingsRequest request, BudgetDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new TenantSettings(db.TenantIdOrThrow());
            db.Settings.Add(settings);
        }
        settings.CarryOver = request.CarryOver!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new SettingsResponse(settings.CarryOver));
    }

    private static async Task<Ok<PagedList<ExecutiveDecisionResponse>>> ListDecisions([AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.ExecutiveDecisions.AsNoTracking().OrderByDescending(d => d.RecordedAt)
            .ToPageAsync(page, ExecutiveDecisionResponse.From, cancellationToken));
    }

    /// <summary>Records the executive's decision to fund an initiative above every mandate (one per initiative).</summary>
    private static async Task<IResult> RecordDecision(
        ExecutiveDecisionRequest request, BudgetDbContext db, Books books, HttpContext http, CancellationToken cancellationToken)
    {
        if (Writes.CheckPositive(request.MaxAmount!.Value, "maxAmount") is { } problem)
        {
            return problem;
        }
        if (await db.ExecutiveDecisions.AnyAsync(d => d.InitiativeId == request.InitiativeId, cancellationToken))
        {
            return ApiProblems.Conflict($"An executive decision for initiative {request.InitiativeId} is recorded already.");
        }
        var decision = new ExecutiveDecision(db.TenantIdOrThrow(), request.InitiativeId!.Value, request.Reference!, request.MaxAmount.Value,
            Writes.EntryFor(http, "").Actor, books.Now);
        db.ExecutiveDecisions.Add(decision);
        await db.SaveChangesAsync(cancellationToken);
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
    private static async Task<IResult> Pay(PaymentRequest request, Books books, HttpContext http, LinkGenerator links, CancellationToken cancellationToken) =>
        Writes.CheckPositive(request.Amount!.Value, "amount") ?? await Writes.BookAsync(books, async () =>
        {
            var payment = await books.PayAsync(request.InitiativeId!.Value, request.Amount.Value, request.Reference,
                Writes.EntryFor(http, $"Payment of {request.Amount:0.00}"), cancellationToken);
            return TypedResults.Created(links.GetPathByName("GetPayment", new { id = payment.Id }), PaymentResponse.From(payment));
        }, cancellationToken);

    /// <summary>Where an initiative's money stands: its deal version, reserved or committed, paid.</summary>
    private static async Task<IResult> GetReservation(Guid id, BudgetDbContext db, CancellationToken cancellationToken) =>
        await db.Reservations.AsNoTracking().FirstOrDefaultAsync(r => r.InitiativeId == id, cancellationToken) is { } reservation
            ? TypedResults.Ok(ReservationResponse.From(reservation))
            : ApiProblems.NotFound($"Initiative {id} has no money in the budget.");
}
