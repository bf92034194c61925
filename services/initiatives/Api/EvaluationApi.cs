using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>Tellen en vertellen: the evaluation's story and reviews, and the residents' ratings.</summary>
public static class EvaluationApi
{
    public static RouteGroupBuilder MapEvaluation(this RouteGroupBuilder initiatives)
    {
        initiatives.MapPut("/{id:guid}/evaluation", Write).WithName("WriteEvaluation").RequireAuthorization()
            .WithSummary("The initiators or the director write the story and review each commitment (once the initiative is completed).");
        initiatives.MapGet("/{id:guid}/evaluation", Read).WithName("GetEvaluation");
        initiatives.MapPost("/{id:guid}/ratings", Rate).WithName("RateInitiative").RequireAuthorization(BuurtPolicies.Resident)
            .WithSummary("A resident of the wijk rates the completed initiative 1 to 5 with a comment, once, within the rating period.");
        initiatives.MapGet("/{id:guid}/ratings", Ratings).WithName("InitiativeRatings");
        return initiatives;
    }

    private static async Task<Ok<EvaluationResponse>> Write(
        Guid id, EvaluationRequest request, ClaimsPrincipal user, Evaluations evaluations, CancellationToken cancellationToken)
    {
        var (evaluation, deal) = await evaluations.WriteAsync(id, Caller.Of(user), request.Story!,
            [.. request.Reviews!.Select(r => new CommitmentReview(r.CommitmentId!.Value, r.Outcome!.Value, r.Note))], cancellationToken);
        return TypedResults.Ok(EvaluationResponse.From(evaluation, evaluation.IsCompleteFor(deal)));
    }

    private static async Task<Ok<EvaluationResponse>> Read(Guid id, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var evaluation = await db.Evaluations.AsNoTracking().FirstOrDefaultAsync(e => e.InitiativeId == id, cancellationToken)
            ?? throw RuleException.NotFound($"Initiative {id} has no evaluation yet.");
        var initiative = await db.Initiatives.AsNoTracking().FirstAsync(i => i.Id == id, cancellationToken);
        var deal = await db.CurrentDealAsync(initiative, tracked: false, cancellationToken);
        return TypedResults.Ok(EvaluationResponse.From(evaluation, deal is not null && evaluation.IsCompleteFor(deal)));
    }

    private static async Task<Created<RatingSummary>> Rate(
        Guid id, RatingRequest request, ClaimsPrincipal user, Evaluations evaluations, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        await evaluations.RateAsync(id, Caller.Of(user), request.Score!.Value, request.Comment, cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/initiatives/{id}/ratings", await SummaryAsync(db, id, cancellationToken));
    }

    private static async Task<Ok<RatingSummary>> Ratings(Guid id, InitiativesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await SummaryAsync(db, id, cancellationToken));

    private static async Task<RatingSummary> SummaryAsync(InitiativesDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var ratings = db.Ratings.AsNoTracking().Where(r => r.InitiativeId == id);
        var count = await ratings.CountAsync(cancellationToken);
        var average = count == 0 ? (double?)null : Math.Round(await ratings.AverageAsync(r => r.Score, cancellationToken), 2);
        var comments = await ratings.Where(r => r.Comment != null).OrderByDescending(r => r.At).Take(50)
            .Select(r => new RatingComment(r.Score, r.Comment!, r.At)).ToListAsync(cancellationToken);
        return new RatingSummary(count, average, comments);
    }
}

public sealed record EvaluationRequest
{
    [Required, StringLength(Evaluation.StoryMaxLength, MinimumLength = 1)]
    public string? Story { get; init; }

    [Required]
    public IReadOnlyList<ReviewRequest>? Reviews { get; init; }
}

public sealed record ReviewRequest
{
    [Required]
    public Guid? CommitmentId { get; init; }

    /// <summary>kept, partly or not-kept.</summary>
    [Required]
    public CommitmentOutcome? Outcome { get; init; }

    [StringLength(Evaluation.ReviewNoteMaxLength)]
    public string? Note { get; init; }
}

public sealed record EvaluationResponse(string Story, IReadOnlyList<CommitmentReview> Reviews, DateTimeOffset UpdatedAt, bool Complete)
{
    public static EvaluationResponse From(Evaluation e, bool complete) => new(e.Story, e.Reviews, e.UpdatedAt, complete);
}

public sealed record RatingRequest
{
    [Required, Range(1, 5)]
    public int? Score { get; init; }

    [StringLength(Rating.CommentMaxLength)]
    public string? Comment { get; init; }
}

public sealed record RatingComment(int Score, string Comment, DateTimeOffset At);

public sealed record RatingSummary(int Count, double? Average, IReadOnlyList<RatingComment> Comments);
