using Buurt.Contracts.Initiatives;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.UseCases;

/// <summary>Residents take part: they support an initiative of their wijk and vote in its polls, which the director opens.</summary>
public sealed class Participation(InitiativesDbContext db, TimeProvider time)
{
    /// <summary>A resident of the wijk supports the initiative, once; returns the new support count.</summary>
    public async Task<int> SupportAsync(Guid id, Actor resident, CancellationToken cancellationToken)
    {
        // Tracked, so that what it raises is stored with the support (it is not changed itself).
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        resident.RequireResidentOf(initiative.AreaId);
        if (await db.Supports.AnyAsync(s => s.InitiativeId == id && s.ResidentId == resident.Id, cancellationToken))
        {
            throw RuleException.Conflict("You already support this initiative.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        initiative.AddSupport(resident.Id, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var count = await db.ChangeSupportCountAsync(id, +1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>A resident takes their support back; returns the new support count.</summary>
    public async Task<int> WithdrawSupportAsync(Guid id, Actor resident, CancellationToken cancellationToken)
    {
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Supports.Where(s => s.InitiativeId == id && s.ResidentId == resident.Id).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw RuleException.Conflict("You do not support this initiative.");
        }
        initiative.SupportWithdrawn(resident.Id, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var count = await db.ChangeSupportCountAsync(id, -1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>The director of the wijk opens a poll on the initiative.</summary>
    public async Task<Poll> OpenPollAsync(Guid id, Actor director, NewPoll asked, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadInitiativeAsync(id, cancellationToken);
        director.RequireDirectorOf(initiative.AreaId);
        var poll = Poll.Open(initiative, asked, director.Id, time.GetUtcNow());
        db.Polls.Add(poll);
        await db.SaveChangesAsync(cancellationToken);
        return poll;
    }

    /// <summary>A resident of the wijk votes once, before the poll closes; returns the poll.</summary>
    public async Task<Poll> VoteAsync(Guid id, Guid pollId, Actor resident, int option, CancellationToken cancellationToken)
    {
        var poll = await db.ReadPollAsync(id, pollId, cancellationToken);
        resident.RequireResidentOf(poll.AreaId);
        var vote = poll.Vote(resident.Id, option, time.GetUtcNow());
        if (await db.Votes.AnyAsync(v => v.PollId == pollId && v.ResidentId == resident.Id, cancellationToken))
        {
            throw RuleException.Conflict("You already voted in this poll.");
        }
        db.Votes.Add(vote);
        await db.SaveChangesAsync(cancellationToken);
        return poll;
    }

    /// <summary>
    /// A copy of who follows what (notifications, at its start) asked for it: an
    /// <see cref="InitiativeFollowersReplayed"/> per initiative of the municipality, with its current
    /// supporters (since their support) and its commenters (their newest comment), in the inbox's
    /// transaction. Read untracked and grouped in the database: a popular initiative has thousands.
    /// </summary>
    public async Task ReplayFollowersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var initiatives = await db.Initiatives.AsNoTracking()
            .Select(i => new { i.TenantId, i.Id, i.AreaId, i.InitiatorId, i.Title })
            .ToListAsync(cancellationToken);
        var supporters = (await db.Supports.AsNoTracking()
                .Select(s => new { s.InitiativeId, s.ResidentId, s.At })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.InitiativeId, s => new InitiativeFollowerFact(s.ResidentId, s.At));
        var commenters = (await db.Comments.AsNoTracking()
                .GroupBy(c => new { c.InitiativeId, c.AuthorId })
                .Select(g => new { g.Key.InitiativeId, g.Key.AuthorId, At = g.Max(c => c.At) })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.InitiativeId, c => new InitiativeFollowerFact(c.AuthorId, c.At));
        foreach (var initiative in initiatives)
        {
            db.AddIntegrationEvent(new InitiativeFollowersReplayed(initiative.TenantId, Guid.CreateVersion7(now), now, initiative.Id, initiative.AreaId,
                initiative.InitiatorId, initiative.Title, [.. supporters[initiative.Id]], [.. commenters[initiative.Id]]));
        }
    }
}
