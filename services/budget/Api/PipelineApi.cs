using Buurt.Budget.Data;
using Buurt.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.Api;

/// <summary>/api/budget/v1/pipeline: per wijk, what initiatives without a deal yet ask for.</summary>
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
        var total = await Open(db).Select(p => p.AreaId).Distinct().LongCountAsync(cancellationToken);
        var items = await Open(db).GroupBy(p => p.AreaId).OrderBy(g => g.Key).Skip(page.Skip).Take(page.Size)
            .Select(g => new PipelineResponse(g.Key, g.Count(), g.Sum(p => p.RequestedAmount)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<PipelineResponse>(items, page.PageNumber, page.Size, total));
    }

    /// <summary>One wijk's pipeline; zero when nothing is asked.</summary>
    private static async Task<Ok<PipelineResponse>> Get(Guid areaId, BudgetDbContext db, CancellationToken cancellationToken)
    {
        var open = Open(db).Where(p => p.AreaId == areaId);
        return TypedResults.Ok(new PipelineResponse(
            areaId, await open.CountAsync(cancellationToken), await open.SumAsync(p => p.RequestedAmount, cancellationToken)));
    }

    private static IQueryable<Domain.PipelineItem> Open(BudgetDbContext db) => db.Pipeline.AsNoTracking().Where(p => p.LeftAt == null);
}

/// <summary>How many initiatives of a wijk are in the pipeline and what they ask in total (euros).</summary>
public sealed record PipelineResponse(Guid AreaId, int Initiatives, decimal RequestedAmount);
