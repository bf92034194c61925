using Buurt.Contracts.Identity;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Messaging;

/// <summary>Keeps this service's copy of the areas: a registered area is added (once: it may already be there from the catch-up).</summary>
public sealed class AreaRegisteredConsumer(InitiativesDbContext db) : IConsumer<AreaRegistered>
{
    public async Task Consume(ConsumeContext<AreaRegistered> context)
    {
        var e = context.Message;
        if (!await db.Areas.AnyAsync(a => a.Id == e.AreaId, context.CancellationToken))
        {
            db.Areas.Add(new Area(e.TenantId, e.AreaId, e.Kind, e.Name, e.Code, e.ParentId));
        }
    }
}

/// <summary>A renamed area is renamed here too.</summary>
public sealed class AreaChangedConsumer(InitiativesDbContext db) : IConsumer<AreaChanged>
{
    public async Task Consume(ConsumeContext<AreaChanged> context)
    {
        var e = context.Message;
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Id == e.AreaId, context.CancellationToken);
        area?.Rename(e.Name, e.Code);
    }
}
