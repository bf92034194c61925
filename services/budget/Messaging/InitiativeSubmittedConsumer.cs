using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.Contracts.Initiatives;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.Messaging;

/// <summary>A submitted initiative's requested amount enters its wijk's pipeline (once: the inbox sees to that).</summary>
public sealed class InitiativeSubmittedConsumer(BudgetDbContext db) : IConsumer<InitiativeSubmitted>
{
    public async Task Consume(ConsumeContext<InitiativeSubmitted> context)
    {
        var submitted = context.Message;
        var pipeline = await db.Pipelines.FirstOrDefaultAsync(p => p.AreaId == submitted.AreaId, context.CancellationToken);
        if (pipeline is null)
        {
            pipeline = AreaPipeline.Empty(submitted.TenantId, submitted.AreaId);
            db.Pipelines.Add(pipeline);
        }
        pipeline.Add(submitted.RequestedAmount, submitted.OccurredAt);
    }
}
