using Buurt.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Buurt.AreaCopy;

/// <summary>Keeps the copy of the areas: a registered area is added (once: it may already be there from the catch-up).</summary>
public sealed class AreaRegisteredConsumer(AreaStore store) : IConsumer<AreaRegistered>
{
    public async Task Consume(ConsumeContext<AreaRegistered> context)
    {
        var e = context.Message;
        if (!await store.Areas.AnyAsync(a => a.Id == e.AreaId, context.CancellationToken))
        {
            store.Areas.Add(new CopiedArea(e.TenantId, e.AreaId, e.Kind, e.Name, e.Code, e.ParentId));
        }
    }
}

/// <summary>A renamed area is renamed in the copy too.</summary>
public sealed class AreaChangedConsumer(AreaStore store) : IConsumer<AreaChanged>
{
    public async Task Consume(ConsumeContext<AreaChanged> context)
    {
        var e = context.Message;
        var area = await store.Areas.FirstOrDefaultAsync(a => a.Id == e.AreaId, context.CancellationToken);
        area?.Rename(e.Name, e.Code);
    }
}
