using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>Support (once per resident of the wijk) and buurtpeilingen (polls).</summary>
public static class ParticipationApi
{
    public static RouteGroupBuilder MapParticipation(this RouteGroupBuilder initiatives)
    {
        initiatives.MapPut("/{id:guid}/support", Support).WithName("SupportInitiative").RequireAuthorization(BuurtPolicies.Resident)
            .WithSummary("A resident of the initiative's wijk supports it, once (a second time is 409).");
        initiatives.MapDelete("/{id:guid}/support", Unsupport).WithName("WithdrawSupport").RequireAuthorization(BuurtPolicies.Resident)
            .WithSummary("Takes the caller's support back.");
        initiatives.MapPost("/{id:guid}/polls", OpenPoll).WithName("OpenPoll").RequireAuthorization(BuurtPolicies.Staff)
            .WithSummary("The director of the wijk opens a poll: question, options, closing time, results live or after closing.");
        initiatives.MapGet("/{id:guid}/polls", Polls).WithName("ListPolls");
        initiatives.MapGet("/{id:guid}/polls/{pollId:guid}", Poll).WithName("GetPoll");
        initiatives.MapPost("/{id:guid}/polls/{pollId:guid}/votes", Vote).WithName("Vote").RequireAuthorization(BuurtPolicies.Resident)
            .WithSummary("A resident of the wijk votes once, before the poll closes.");
        return initiatives;
    }

    private static async Task<Ok<SupportResponse>> Support(Guid id, ClaimsPrincipal user, Participation participation, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SupportResponse(true, await participation.SupportAsync(id, Caller.Of(user), cancellationToken)));

    private static async Task<Ok<SupportResponse>> Unsupport(Guid id, ClaimsPrincipal user, Participation participation, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SupportResponse(false, await participation.WithdrawSupportAsync(id, Caller.Of(user), cancellationToken)));

    private static async Task<Created<PollResponse>> OpenPoll(
        Guid id, OpenPollRequest request, ClaimsPrincipal user, Participation participation, TimeProvider time, CancellationToken cancellationToken)
    {
        var poll = await participation.OpenPollAsync(id, Caller.Of(user),
            new NewPoll(request.Question!, request.Options!, request.ClosesAt!.Value, request.Results ?? PollResults.Live), cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/initiatives/{id}/polls/{poll.Id}", PollResponse.From(poll, new Dictionary<int, int>(), time.GetUtcNow()));
    }

    private static async Task<Ok<IReadOnlyList<PollResponse>>> Polls(Guid id, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var polls = await db.Polls.AsNoTracking().Where(p => p.InitiativeId == id).OrderBy(p => p.OpenedAt).ToListAsync(cancellationToken);
        var ids = polls.ConvertAll(p => p.Id);
        var counts = await db.Votes.Where(v => ids.Contains(v.PollId)).GroupBy(v => new { v.PollId, v.Option })
            .Select(g => new { g.Key.PollId, g.Key.Option, Count = g.Count() }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<PollResponse>>(polls.ConvertAll(p =>
            PollResponse.From(p, counts.Where(c => c.PollId == p.Id).ToDictionary(c => c.Option, c => c.Count), now)));
    }

    private static async Task<Ok<PollResponse>> Poll(Guid id, Guid pollId, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var poll = await db.ReadPollAsync(id, pollId, cancellationToken);
        return TypedResults.Ok(PollResponse.From(poll, await CountsAsync(db, pollId, cancellationToken), time.GetUtcNow()));
    }

    private static async Task<Ok<PollResponse>> Vote(
        Guid id, Guid pollId, VoteRequest request, ClaimsPrincipal user, Participation participation, InitiativesDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var poll = await participation.VoteAsync(id, pollId, Caller.Of(user), request.Option!.Value, cancellationToken);
        return TypedResults.Ok(PollResponse.From(poll, await CountsAsync(db, pollId, cancellationToken), time.GetUtcNow()));
    }

    private static Task<Dictionary<int, int>> CountsAsync(InitiativesDbContext db, Guid pollId, CancellationToken cancellationToken) =>
        db.Votes.Where(v => v.PollId == pollId).GroupBy(v => v.Option).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}

public sealed record SupportResponse(bool Supported, int SupportCount);

public sealed record OpenPollRequest
{
    [Required, StringLength(Domain.Poll.QuestionMaxLength, MinimumLength = 1)]
    public string? Question { get; init; }

    [Required, MinLength(Domain.Poll.MinOptions), MaxLength(Domain.Poll.MaxOptions)]
    public IReadOnlyList<string>? Options { get; init; }

    [Required]
    public DateTimeOffset? ClosesAt { get; init; }

    /// <summary>live (default) or after-closing.</summary>
    public PollResults? Results { get; init; }
}

public sealed record VoteRequest
{
    /// <summary>The option's index, from 0.</summary>
    [Required]
    public int? Option { get; init; }
}

/// <summary>A poll; <c>results</c> (votes per option) and <c>totalVotes</c> only when the poll's setting shows them.</summary>
public sealed record PollResponse(
    Guid Id, string Question, IReadOnlyList<string> Options, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, bool Closed,
    PollResults ResultsShown, IReadOnlyList<int>? Results, int? TotalVotes)
{
    public static PollResponse From(Domain.Poll p, IReadOnlyDictionary<int, int> counts, DateTimeOffset now)
    {
        var shown = p.ShowsResults(now);
        return new(p.Id, p.Question, p.Options, p.OpenedAt, p.ClosesAt, p.IsClosed(now), p.Results,
            shown ? [.. p.Options.Select((_, n) => counts.GetValueOrDefault(n))] : null,
            shown ? counts.Values.Sum() : null);
    }
}
