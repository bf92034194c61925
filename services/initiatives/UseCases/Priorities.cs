using Buurt.AreaCopy;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;

namespace Buurt.Initiatives.UseCases;

/// <summary>Each wijk's wijkplan priorities, kept by its director or the municipality's admin.</summary>
public sealed class Priorities(InitiativesDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<WijkPriority> CreateAsync(Actor keeper, Guid areaId, PriorityDetails details, CancellationToken cancellationToken)
    {
        await EnsureMayKeepAsync(keeper, areaId, cancellationToken);
        var priority = WijkPriority.Create(tenant.RequiredTenantId, areaId, details, time.GetUtcNow());
        db.Priorities.Add(priority);
        await db.SaveChangesAsync(cancellationToken);
        return priority;
    }

    /// <summary>Changes a priority; it stays in its wijk.</summary>
    public async Task<WijkPriority> ChangeAsync(Guid id, Actor keeper, Guid areaId, PriorityDetails details, CancellationToken cancellationToken)
    {
        var priority = await db.FindPriorityAsync(id, cancellationToken);
        if (areaId != priority.AreaId)
        {
            throw RuleException.Invalid("areaId", "A priority stays in its wijk.");
        }
        await EnsureMayKeepAsync(keeper, priority.AreaId, cancellationToken);
        priority.Change(details);
        await db.SaveChangesAsync(cancellationToken);
        return priority;
    }

    private async Task EnsureMayKeepAsync(Actor keeper, Guid areaId, CancellationToken cancellationToken)
    {
        if (!await db.Areas.IsWijkAsync(areaId, cancellationToken))
        {
            throw RuleException.Invalid("areaId", $"There is no wijk {areaId} in this municipality.");
        }
        keeper.RequireKeeperOfPriorities(areaId);
    }
}
