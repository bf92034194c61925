using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Data;

/// <summary>The reads every step starts with: one thing by its id or a 404, the current deal, the support count.</summary>
public static class InitiativeQueries
{
    /// <summary>Loads an initiative to change it, or a 404.</summary>
    public static Task<Initiative> FindInitiativeAsync(this InitiativesDbContext db, Guid id, CancellationToken cancellationToken) =>
        FindAsync(db.Initiatives, id, cancellationToken);

    /// <summary>Reads an initiative (untracked), or a 404.</summary>
    public static Task<Initiative> ReadInitiativeAsync(this InitiativesDbContext db, Guid id, CancellationToken cancellationToken) =>
        FindAsync(db.Initiatives.AsNoTracking(), id, cancellationToken);

    private static async Task<Initiative> FindAsync(IQueryable<Initiative> initiatives, Guid id, CancellationToken cancellationToken) =>
        await initiatives.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
        ?? throw RuleException.NotFound($"There is no initiative {id}.");

    /// <summary>The deal version on the table or accepted, with its commitments; null before any proposal.</summary>
    public static async Task<Deal?> CurrentDealAsync(this InitiativesDbContext db, Initiative initiative, bool tracked, CancellationToken cancellationToken)
    {
        if (initiative.DealVersion == 0)
        {
            return null;
        }
        var deals = tracked ? db.Deals : db.Deals.AsNoTracking();
        return await deals.Include(d => d.Commitments)
            .FirstAsync(d => d.InitiativeId == initiative.Id && d.Version == initiative.DealVersion, cancellationToken);
    }

    /// <summary>An initiative and one version of its deal, to change them; null when either is unknown.</summary>
    public static async Task<(Initiative Initiative, Deal Deal)?> FindDealVersionAsync(
        this InitiativesDbContext db, Guid initiativeId, int version, CancellationToken cancellationToken)
    {
        var initiative = await db.Initiatives.FirstOrDefaultAsync(i => i.Id == initiativeId, cancellationToken);
        var deal = await db.Deals.Include(d => d.Commitments)
            .FirstOrDefaultAsync(d => d.InitiativeId == initiativeId && d.Version == version, cancellationToken);
        return initiative is null || deal is null ? null : (initiative, deal);
    }

    /// <summary>Reads a poll of the initiative (untracked), or a 404.</summary>
    public static async Task<Poll> ReadPollAsync(this InitiativesDbContext db, Guid id, Guid pollId, CancellationToken cancellationToken) =>
        await db.Polls.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pollId && p.InitiativeId == id, cancellationToken)
        ?? throw RuleException.NotFound($"Initiative {id} has no poll {pollId}.");

    /// <summary>Loads a comment of the initiative to change it, or a 404.</summary>
    public static async Task<Comment> FindCommentAsync(this InitiativesDbContext db, Guid id, Guid commentId, CancellationToken cancellationToken) =>
        await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId && c.InitiativeId == id, cancellationToken)
        ?? throw RuleException.NotFound($"Initiative {id} has no comment {commentId}.");

    /// <summary>Loads a wijk priority to change it, or a 404.</summary>
    public static async Task<WijkPriority> FindPriorityAsync(this InitiativesDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Priorities.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw RuleException.NotFound($"There is no priority {id}.");

    /// <summary>
    /// Moves the support count in the database (call inside the support's transaction: concurrent
    /// supporters never lose one) and returns the new count.
    /// </summary>
    public static async Task<int> ChangeSupportCountAsync(this InitiativesDbContext db, Guid id, int change, CancellationToken cancellationToken)
    {
        await db.Initiatives.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.SupportCount, i => i.SupportCount + change), cancellationToken);
        return await db.Initiatives.Where(i => i.Id == id).Select(i => i.SupportCount).SingleAsync(cancellationToken);
    }
}
