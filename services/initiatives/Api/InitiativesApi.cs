using Buurt.Areas;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>/api/initiatives/v1/initiatives: submit, list and read initiatives.</summary>
public static class InitiativesApi
{
    public static void MapInitiatives(this IEndpointRouteBuilder api)
    {
        var initiatives = api.MapGroup("/initiatives").WithTags("Initiatives");
        initiatives.MapPost("", Submit).WithName("SubmitInitiative").RequireAuthorization(BuurtPolicies.Resident);
        initiatives.MapGet("", List).WithName("ListInitiatives");
        initiatives.MapGet("/{id:guid}", Get).WithName("GetInitiative");
    }

    /// <summary>Submit an initiative; it starts in the submitted state.</summary>
    private static async Task<Results<Created<InitiativeResponse>, ValidationProblem>> Submit(
        SubmitInitiativeRequest request,
        ITenantContext tenant,
        InitiativesDbContext db,
        TimeProvider time,
        LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var areaId = request.AreaId!.Value;
        if (!await db.Areas.AnyAsync(a => a.Id == areaId && a.Kind == Area.Wijk, cancellationToken))
        {
            return ApiProblems.Field("areaId", $"There is no wijk {request.AreaId} in this municipality.");
        }

        var (initiative, submitted) = Initiative.Submit(
            tenantId, request.Title!, request.Description!, request.AreaId.Value, request.Theme!.Value,
            request.RequestedAmount!.Value,
            request.Location is { } l ? new GeoPoint(l.Lat!.Value, l.Lon!.Value) : null,
            time.GetUtcNow());
        db.Initiatives.Add(initiative);
        db.AddIntegrationEvent(submitted);
        await db.SaveChangesAsync(cancellationToken);
        // A path, not a URL: behind the gateway the service does not know the public host.
        return TypedResults.Created(links.GetPathByName("GetInitiative", new { id = initiative.Id }), InitiativeResponse.From(initiative));
    }

    /// <summary>Initiatives, newest first, optionally of one wijk.</summary>
    private static async Task<Ok<PagedList<InitiativeResponse>>> List(
        [AsParameters] InitiativeQuery query,
        [AsParameters] PageRequest page,
        InitiativesDbContext db,
        CancellationToken cancellationToken)
    {
        var matching = db.Initiatives.AsNoTracking();
        if (query.AreaId is { } areaId)
        {
            matching = matching.Where(i => i.AreaId == areaId);
        }
        var total = await matching.LongCountAsync(cancellationToken);
        var items = await matching
            .OrderByDescending(i => i.SubmittedAt).ThenBy(i => i.Id)
            .Skip(page.Skip).Take(page.Size)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<InitiativeResponse>(
            items.ConvertAll(InitiativeResponse.From), page.PageNumber, page.Size, total));
    }

    /// <summary>One initiative.</summary>
    private static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> Get(
        Guid id, InitiativesDbContext db, CancellationToken cancellationToken) =>
        await db.Initiatives.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is { } initiative
            ? TypedResults.Ok(InitiativeResponse.From(initiative))
            : ApiProblems.NotFound($"There is no initiative {id}.");
}
