using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.UseCases;

/// <summary>Tellen en vertellen: the evaluation the initiators and the director write, and the residents' ratings.</summary>
public sealed class Evaluations(InitiativesDbContext db, TimeProvider time)
{
    /// <summary>The initiators or the director write (or rewrite) the evaluation; returns it with the deal it reviews.</summary>
    public async Task<(Evaluation Evaluation, Deal Deal)> WriteAsync(Guid id, Actor author, string story, IReadOnlyList<CommitmentReview> reviews,
        CancellationToken cancellationToken)
    {
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        var deal = await db.CurrentDealAsync(initiative, tracked: false, cancellationToken);
        var existing = await db.Evaluations.FirstOrDefaultAsync(e => e.InitiativeId == id, cancellationToken);
        var evaluation = initiative.WriteEvaluation(existing, deal, story, reviews, author.PartIn(initiative), author.Id, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        // Written, so there is a deal (the initiative refuses an evaluation without one).
        return (evaluation, deal!);
    }

    /// <summary>A resident of the wijk rates the completed initiative, once, within the rating period.</summary>
    public async Task RateAsync(Guid id, Actor resident, int score, string? comment, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadInitiativeAsync(id, cancellationToken);
        resident.RequireResidentOf(initiative.AreaId);
        var rating = new Rating(initiative, resident.Id, score, comment, await db.SettingsAsync(cancellationToken), time.GetUtcNow());
        if (await db.Ratings.AnyAsync(r => r.InitiativeId == id && r.ResidentId == resident.Id, cancellationToken))
        {
            throw RuleException.Conflict("You already rated this initiative.");
        }
        db.Ratings.Add(rating);
        await db.SaveChangesAsync(cancellationToken);
    }
}
