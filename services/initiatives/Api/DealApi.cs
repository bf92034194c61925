using System.Security.Claims;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
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
        Guid id, DealRequest request, ClaimsPrincipal user, Deals deals, CancellationToken cancellationToken)
    {
        var terms = new DealTerms(request.Amount!.Value,
        [
            .. request.ResidentCommitments!.Select(c => Terms(CommitmentSide.Resident, c)),
            .. (request.MunicipalCommitments ?? []).Select(c => Terms(CommitmentSide.Municipal, c)),
        ]);
        return TypedResults.Ok(InitiativeResponse.From(await deals.ProposeAsync(id, Caller.Of(user), terms, request.Note, cancellationToken)));
    }

    private static CommitmentTerms Terms(CommitmentSide side, CommitmentRequest c) => new(
        side, c.Description!, c.Owner!, c.DueDate,
        c.Recurrence is { } r ? new Recurrence(r.Frequency!.Value, r.Interval ?? 1, r.Until!.Value) : null);

    private static async Task<Ok<InitiativeResponse>> Accept(Guid id, ClaimsPrincipal user, Deals deals, CancellationToken cancellationToken) =>
        TypedResults.Ok(InitiativeResponse.From(await deals.AcceptAsync(id, Caller.Of(user), cancellationToken)));

    private static async Task<Ok<CommitmentResponse>> MarkDone(
        Guid id, Guid commitmentId, CommitmentDoneRequest? request, ClaimsPrincipal user, Deals deals, CancellationToken cancellationToken) =>
        TypedResults.Ok(CommitmentResponse.From(await deals.MarkCommitmentDoneAsync(id, commitmentId, Caller.Of(user), request?.Note, cancellationToken)));

    private static async Task<Ok<PagedList<OverdueCommitment>>> Overdue(
        [AsParameters] PageRequest page, ClaimsPrincipal user, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = WorkingDays.LocalDate(time.GetUtcNow());
        var overdue =
            from c in db.Commitments.AsNoTracking()
            join i in db.Initiatives.AsNoTracking() on c.InitiativeId equals i.Id
            where c.Status == CommitmentStatus.Open && c.NextDue < today
            select new { c, i.Title, i.AreaId };
        if (Caller.Of(user).OwnWijkenOnly is { } wijken)
        {
            overdue = overdue.Where(o => wijken.Contains(o.AreaId));
        }
        var total = await overdue.LongCountAsync(cancellationToken);
        var rows = await overdue.OrderBy(o => o.c.NextDue).ThenBy(o => o.c.Id).Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<OverdueCommitment>(
            rows.ConvertAll(o => new OverdueCommitment(o.c.InitiativeId, o.Title, o.AreaId, CommitmentResponse.From(o.c))), page.PageNumber, page.Size, total));
    }
}
