using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;

namespace Buurt.Initiatives.UseCases;

/// <summary>The buurtdeal: proposed and revised by the director, accepted by every party, funded (or refused) by the budget, its commitments kept.</summary>
public sealed partial class Deals(InitiativesDbContext db, TimeProvider time, ILogger<Deals> logger)
{
    /// <summary>The director of the wijk proposes the deal, or revises the proposed one; the budget is asked for the money.</summary>
    public async Task<InitiativeView> ProposeAsync(Guid id, Actor director, DealTerms terms, string? note, CancellationToken cancellationToken)
    {
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        director.RequireDirectorOf(initiative.AreaId);
        var settings = await db.SettingsAsync(cancellationToken);
        var current = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken);
        var deal = initiative.ProposeDeal(current, terms, director.Id, note, settings, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new InitiativeView(initiative, deal, initiative.AllowedMoves(LifeCycleActor.Director, settings));
    }

    /// <summary>A party (initiators, director, alderman) accepts the proposed deal for their side.</summary>
    public async Task<InitiativeView> AcceptAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        var part = actor.RequirePartIn(initiative);
        var settings = await db.SettingsAsync(cancellationToken);
        var deal = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken);
        initiative.AcceptDeal(deal, part, actor.Id, settings, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new InitiativeView(initiative, deal, initiative.AllowedMoves(part, settings));
    }

    /// <summary>A party marks a commitment of the accepted deal done, with a note.</summary>
    public async Task<Commitment> MarkCommitmentDoneAsync(Guid id, Guid commitmentId, Actor actor, string? note, CancellationToken cancellationToken)
    {
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        var part = actor.RequirePartIn(initiative);
        var deal = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken);
        var commitment = initiative.MarkCommitmentDone(deal, commitmentId, part, actor.Id, note, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return commitment;
    }

    /// <summary>The budget reserved the money of a deal version (<c>FundsReserved</c>).</summary>
    public async Task FundsReservedAsync(Guid initiativeId, int version, string approver, CancellationToken cancellationToken)
    {
        if (await FindAnsweredAsync(initiativeId, version, cancellationToken) is not var (initiative, deal))
        {
            return;
        }
        initiative.FundsReserved(deal, approver, await db.SettingsAsync(cancellationToken), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The budget refused the money of a deal version (<c>FundsReservationRejected</c>).</summary>
    public async Task FundsRejectedAsync(Guid initiativeId, int version, string reason, string detail, CancellationToken cancellationToken)
    {
        if (await FindAnsweredAsync(initiativeId, version, cancellationToken) is not var (initiative, deal))
        {
            return;
        }
        initiative.FundsRejected(deal, reason, detail, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The initiative and the deal version the budget answered; null (logged) when this service does not know them.</summary>
    private async Task<(Initiative, Deal)?> FindAnsweredAsync(Guid initiativeId, int version, CancellationToken cancellationToken)
    {
        var found = await db.FindDealVersionAsync(initiativeId, version, cancellationToken);
        if (found is null)
        {
            LogUnknownDeal(logger, initiativeId, version);
        }
        return found;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The budget answered for initiative {InitiativeId} deal version {Version}, which this service does not know.")]
    private static partial void LogUnknownDeal(ILogger logger, Guid initiativeId, int version);
}
