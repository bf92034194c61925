using Buurt.Budget.Data;
using Buurt.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.Api;

/// <summary>/api/budget/v1/pipeline: per wijk, what submitted initiatives ask for.</summary>
public static class PipelineApi
{
    public static void MapPipeline(this IEndpointRouteBuilder api)
    {
        var pipeline = api.MapGroup("/pipeline").WithTags("Pipeline");
        pipeline.MapGet("", List).WithName("ListPipelines");
        pipeline.MapGet("/{areaId:guid}", Get).WithName("GetPipeline");
    }

    /// <summary>Every wijk with initiatives in the pipeline.</summary>
    private static async Task<Ok<PagedList<PipelineResponse>>> List(
        [AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        var all = db.Pipelines.AsNoTracking();
        var total = await all.LongCountAsync(cancellationToken);
        var items = await all.OrderBy(p => p.AreaId).Skip(page.Skip).Take(page.Size)
            .Select(p => new PipelineResponse(p.AreaId, p.Initiatives, p.RequestedAmount))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<PipelineResponse>(items, page.PageNumber, page.Size, total));
    }

    /// <summary>One wijk's pipeline; zero when nothing was asked yet.</summary>
    private static async Task<Ok<PipelineResponse>> Get(Guid areaId, BudgetDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Pipelines.AsNoTracking()
            .Where(p => p.AreaId == areaId)
            .Select(p => new PipelineResponse(p.AreaId, p.Initiatives, p.RequestedAmount))
            .FirstOrDefaultAsync(cancellationToken) ?? new PipelineResponse(areaId, 0, 0m));
}

/// <summary>How many initiatives of a wijk are in the pipeline and what they ask in total (euros).</summary>
public sealed record PipelineResponse(Guid AreaId, int Initiatives, decimal RequestedAmount);
