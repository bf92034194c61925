using Buurt.AreaCopy;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.UseCases;

/// <summary>An initiative's way through the buurtcyclus: submitted by a resident, moved on by the director, withdrawn or declined.</summary>
public sealed class InitiativeCycle(InitiativesDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>A resident submits an initiative for a wijk of the municipality (and a buurt and priority of that wijk).</summary>
    public async Task<InitiativeView> SubmitAsync(NewInitiative details, Actor initiator, CancellationToken cancellationToken)
    {
        var areaId = details.AreaId;
        if (!await db.Areas.IsWijkAsync(areaId, cancellationToken))
        {
            throw RuleException.Invalid("areaId", $"There is no wijk {areaId} in this municipality.");
        }
        if (details.BuurtId is { } buurtId && !await db.Areas.AnyAsync(a => a.Id == buurtId && a.ParentId == areaId, cancellationToken))
        {
            throw RuleException.Invalid("buurtId", $"There is no buurt {buurtId} in wijk {areaId}.");
        }
        if (details.PriorityId is { } priorityId && !await db.Priorities.AnyAsync(p => p.Id == priorityId && p.AreaId == areaId, cancellationToken))
        {
            throw RuleException.Invalid("priorityId", $"Wijk {areaId} has no priority {priorityId}.");
        }
        var settings = await db.SettingsAsync(cancellationToken);
        var initiative = Initiative.Submit(tenant.RequiredTenantId, details, initiator.Id, settings, time.GetUtcNow());
        db.Initiatives.Add(initiative);
        await db.SaveChangesAsync(cancellationToken);
        return new InitiativeView(initiative, null, initiative.AllowedMoves(LifeCycleActor.Initiator, settings));
    }

    /// <summary>The initiators (withdraw) or the director of the wijk move the initiative; the deal's own moves go through <see cref="Deals"/>.</summary>
    public async Task<InitiativeView> MoveAsync(Guid id, Actor actor, InitiativeStatus to, string? note, string? reason, decimal? finalCost,
        CancellationToken cancellationToken)
    {
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        var part = actor.RequirePartIn(initiative);
        var settings = await db.SettingsAsync(cancellationToken);
        var deal = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken);
        var evaluation = to == InitiativeStatus.Evaluated
            ? await db.Evaluations.FirstOrDefaultAsync(e => e.InitiativeId == id, cancellationToken)
            : null;
        initiative.Move(new Move(to, part, actor.Id) { Note = note, Reason = reason, FinalCost = finalCost, Deal = deal, Evaluation = evaluation },
            settings, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new InitiativeView(initiative, deal, initiative.AllowedMoves(part, settings));
    }
}
