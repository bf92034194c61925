using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>The buurtdeal: propose or revise it, accept it, mark its commitments done, list the overdue ones.</summary>
public static class DealApi
{
    public static RouteGroupBuilder MapDeals(this RouteGroupBuilder initiatives)
    {
        initiatives.MapPut("/{id:guid}/deal", Propose).WithName("ProposeDeal").RequireAuthorization(BuurtPolicies.Staff)
            .WithSummary("The director of the wijk proposes the deal, or revises the proposed one (a new version); asks the budget to reserve the amount.");
        initiatives.MapPost("/{id:guid}/deal/acceptances", Accept).WithName("AcceptDeal").RequireAuthorization()
            .WithSummary("The caller accepts the proposed deal for their side: initiators, director, or (above the director's mandate) alderman.");
        initiatives.MapPost("/{id:guid}/deal/commitments/{commitmentId:guid}/completions", MarkDone).WithName("CompleteCommitment").RequireAuthorization()
            .WithSummary("Marks a commitment (or this occurrence of a recurring one) done, with a note.");
        initiatives.MapGet("/commitments/overdue", Overdue).WithName("OverdueCommitments").RequireAuthorization(BuurtPolicies.Staff)
            .WithSummary("Open commitments of accepted deals past their due date.");
        return initiatives;
    }

    private static async Task<Ok<InitiativeResponse>> Propose(
        Guid id, DealRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var initiative = await db.FindAsync(id, cancellationToken);
        var caller = new Caller(http.User);
        caller.RequireDirectorOf(initiative.AreaId);
        var settings = await db.SettingsAsync(cancellationToken);
        var current = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken);
        var terms = new DealTerms(request.Amount!.Value,
        [
            .. request.ResidentCommitments!.Select(c => Terms(CommitmentSide.Resident, c)),
            .. (request.MunicipalCommitments ?? []).Select(c => Terms(CommitmentSide.Municipal, c)),
        ]);
        var (deal, changes) = initiative.ProposeDeal(current, terms, caller.Id, request.Note, settings, time.GetUtcNow());
        db.Deals.Add(deal);
        db.Store(changes);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(InitiativeResponse.From(initiative, deal, initiative.AllowedMoves(LifeCycleActor.Director, settings)));
    }

    private static CommitmentTerms Terms(CommitmentSide side, CommitmentRequest c) => new(
        side, c.Description!, c.Owner!, c.DueDate,
        c.Recurrence is { } r ? new Recurrence(r.Frequency!.Value, r.Interval ?? 1, r.Until!.Value) : null);

    private static async Task<Ok<InitiativeResponse>> Accept(
        Guid id, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var initiative = await db.FindAsync(id, cancellationToken);
        var caller = new Caller(http.User);
        var part = caller.RequirePartIn(initiative);
        var settings = await db.SettingsAsync(cancellationToken);
        var deal = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken)
            ?? throw RuleException.Conflict($"No deal has been proposed; the initiative is {initiative.Status.ApiName()}.");
        db.Store(initiative.AcceptDeal(deal, part, caller.Id, settings, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(InitiativeResponse.From(initiative, deal, initiative.AllowedMoves(part, settings)));
    }

    private static async Task<Ok<CommitmentResponse>> MarkDone(
        Guid id, Guid commitmentId, CommitmentDoneRequest? request, HttpContext http, InitiativesDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var initiative = await db.FindAsync(id, cancellationToken);
        var caller = new Caller(http.User);
        var part = caller.RequirePartIn(initiative);
        var deal = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken)
            ?? throw RuleException.Conflict("The initiative has no deal.");
        db.Store(initiative.MarkCommitmentDone(deal, commitmentId, part, caller.Id, request?.Note, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CommitmentResponse.From(deal.Commitments.Single(c => c.Id == commitmentId)));
    }

    private static async Task<Ok<PagedList<OverdueCommitment>>> Overdue(
        [AsParameters] PageRequest page, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = WorkingDays.LocalDate(time.GetUtcNow());
        var overdue =
            from c in db.Commitments.AsNoTracking()
            join i in db.Initiatives.AsNoTracking() on c.InitiativeId equals i.Id
            where c.Status == CommitmentStatus.Open && c.NextDue < today
            select new { c, i.Title, i.AreaId };
        if (new Caller(http.User).OwnWijkenOnly is { } wijken)
        {
            overdue = overdue.Where(o => wijken.Contains(o.AreaId));
        }
        var total = await overdue.LongCountAsync(cancellationToken);
        var rows = await overdue.OrderBy(o => o.c.NextDue).ThenBy(o => o.c.Id).Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<OverdueCommitment>(
            rows.ConvertAll(o => new OverdueCommitment(o.c.InitiativeId, o.Title, o.AreaId, CommitmentResponse.From(o.c))), page.PageNumber, page.Size, total));
    }
}
