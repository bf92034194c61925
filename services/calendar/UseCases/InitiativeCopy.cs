using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.UseCases;

/// <summary>
/// The calendar's copy of initiatives, from their events. Events may come in any order: a withdrawal
/// that arrives before the submission makes the copy closed, and the submission then leaves it so.
/// The inbox's transaction saves what these change.
/// </summary>
public sealed class InitiativeCopy(CalendarDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>Submitted by <paramref name="initiatorId"/> (null in events from before it was carried).</summary>
    public async Task SubmittedAsync(Guid initiativeId, Guid areaId, Guid? initiatorId, CancellationToken cancellationToken)
    {
        var initiative = await db.Initiatives.FirstOrDefaultAsync(i => i.Id == initiativeId, cancellationToken);
        if (initiative is null)
        {
            db.Initiatives.Add(new CopiedInitiative(tenant.RequiredTenantId, initiativeId, areaId, initiatorId));
            return;
        }
        initiative.KnowInitiator(initiatorId);
    }

    /// <summary>Withdrawn or declined: the copy is closed and the initiative's milestones are hidden.</summary>
    public async Task ClosedAsync(Guid initiativeId, Guid areaId, InitiativeState state, CancellationToken cancellationToken)
    {
        var initiative = await db.Initiatives.FirstOrDefaultAsync(i => i.Id == initiativeId, cancellationToken);
        if (initiative is null)
        {
            initiative = new CopiedInitiative(tenant.RequiredTenantId, initiativeId, areaId, null);
            db.Initiatives.Add(initiative);
        }
        initiative.Close(state);
        var now = time.GetUtcNow();
        foreach (var milestone in await db.Activities.Where(a => a.InitiativeId == initiativeId).ToListAsync(cancellationToken))
        {
            milestone.Hide(now);
        }
    }
}
