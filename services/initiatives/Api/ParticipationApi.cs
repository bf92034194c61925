using System.ComponentModel.DataAnnotations;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
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

    private static async Task<Ok<SupportResponse>> Support(
        Guid id, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadAsync(id, cancellationToken);
        var caller = new Caller(http.User);
        caller.RequireResidentOf(initiative.AreaId);
        if (await db.Supports.AnyAsync(s => s.InitiativeId == id && s.ResidentId == caller.Id, cancellationToken))
        {
            throw RuleException.Conflict("You already support this initiative.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Supports.Add(new Support(initiative, caller.Id, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        // The count moves in the database, in the same transaction: concurrent supporters never lose one.
        var count = await CountAsync(db, id, +1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new SupportResponse(true, count));
    }

    private static async Task<Ok<SupportResponse>> Unsupport(
        Guid id, HttpContext http, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var caller = new Caller(http.User);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Supports.Where(s => s.InitiativeId == id && s.ResidentId == caller.Id).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw await db.Initiatives.AnyAsync(i => i.Id == id, cancellationToken)
                ? RuleException.Conflict("You do not support this initiative.")
                : RuleException.NotFound($"There is no initiative {id}.");
        }
        var count = await CountAsync(db, id, -1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new SupportResponse(false, count));
    }

    private static async Task<int> CountAsync(InitiativesDbContext db, Guid id, int change, CancellationToken cancellationToken)
    {
        await db.Initiatives.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.SupportCount, i => i.SupportCount + change), cancellationToken);
        return await db.Initiatives.Where(i => i.Id == id).Select(i => i.SupportCount).SingleAsync(cancellationToken);
    }

    private static async Task<Created<PollResponse>> OpenPoll(
        Guid id, OpenPollRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadAsync(id, cancellationToken);
        var caller = new Caller(http.User);
        caller.RequireDirectorOf(initiative.AreaId);
        var now = time.GetUtcNow();
        var poll = Domain.Poll.Open(initiative, request.Question!, request.Options!, request.ClosesAt!.Value,
            request.Results ?? PollResults.Live, caller.Id, now);
        db.Polls.Add(poll);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/initiatives/{id}/polls/{poll.Id}", PollResponse.From(poll, new Dictionary<int, int>(), now));
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

    private static async Task<Poll> FindPollAsync(InitiativesDbContext db, Guid id, Guid pollId, CancellationToken cancellationToken) =>
        await db.Polls.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pollId && p.InitiativeId == id, cancellationToken)
            ?? throw RuleException.NotFound($"Initiative {id} has no poll {pollId}.");

    private static async Task<Ok<PollResponse>> Poll(Guid id, Guid pollId, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var poll = await FindPollAsync(db, id, pollId, cancellationToken);
        return TypedResults.Ok(PollResponse.From(poll, await CountsAsync(db, pollId, cancellationToken), time.GetUtcNow()));
    }

    private static async Task<Ok<PollResponse>> Vote(
        Guid id, Guid pollId, VoteRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var poll = await FindPollAsync(db, id, pollId, cancellationToken);
        var caller = new Caller(http.User);
        caller.RequireResidentOf(poll.AreaId);
        var now = time.GetUtcNow();
        var vote = poll.Vote(caller.Id, request.Option!.Value, now);
        if (await db.Votes.AnyAsync(v => v.PollId == pollId && v.ResidentId == caller.Id, cancellationToken))
        {
            throw RuleException.Conflict("You already voted in this poll.");
        }
        db.Votes.Add(vote);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PollResponse.From(poll, await CountsAsync(db, pollId, cancellationToken), now));
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
