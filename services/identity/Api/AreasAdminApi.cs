using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Api;

/// <summary>The tenant admin keeps the municipality's wijken, buurten and postcode ranges; each change is an event.</summary>
public static class AreasAdminApi
{
    public static void MapAreasAdmin(this IEndpointRouteBuilder api)
    {
        var areas = api.MapGroup("/areas").WithTags("Areas").RequireAuthorization(BuurtPolicies.TenantAdmin);
        areas.MapPost("", RegisterAsync).WithName("RegisterArea");
        areas.MapPut("/{id:guid}", ChangeAsync).WithName("ChangeArea");
        areas.MapPost("/{id:guid}/postcodes", AddPostcodesAsync).WithName("AddPostcodeRange");
    }

    private static async Task<Results<Created<AreaResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterAreaRequest request, ITenantContext tenant, IdentityServiceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var kind = request.Kind!.Value;
        if (kind == AreaKind.Wijk && request.ParentId is not null)
        {
            return ApiProblems.Field("parentId", "A wijk lies in no other area.");
        }
        if (kind == AreaKind.Buurt
            && (request.ParentId is not { } parent || !await db.Areas.AnyAsync(a => a.Id == parent && a.Kind == AreaKind.Wijk, cancellationToken)))
        {
            return ApiProblems.Field("parentId", "A buurt lies in a wijk of this municipality.");
        }
        if (request.Boundary is { } boundary && !IsPolygon(boundary))
        {
            return ApiProblems.Field("boundary", "A boundary is a GeoJSON geometry of type Polygon or MultiPolygon.");
        }
        if (await CodeTakenAsync(db, request.Code!, except: null, cancellationToken))
        {
            return CodeTaken(request.Code!);
        }
        var (area, registered) = Area.Register(
            Guid.CreateVersion7(), tenant.RequiredTenantId, kind, request.Name!, request.Code!, request.ParentId, time.GetUtcNow(),
            request.Boundary?.GetRawText());
        db.Areas.Add(area);
        db.AddIntegrationEvent(registered);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/identity/v1/areas/{area.Id}", AreaResponse.From(area));
    }

    private static async Task<Results<Ok<AreaResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, ChangeAreaRequest request, IdentityServiceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return NotFound(id);
        }
        if (await CodeTakenAsync(db, request.Code!, except: id, cancellationToken))
        {
            return CodeTaken(request.Code!);
        }
        db.AddIntegrationEvent(area.Change(request.Name!, request.Code!, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AreaResponse.From(area));
    }

    private static async Task<Results<Created<PostcodeRangeResponse>, ValidationProblem, ProblemHttpResult>> AddPostcodesAsync(
        Guid id, AddPostcodeRangeRequest request, ITenantContext tenant, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return NotFound(id);
        }
        if (area.Kind != AreaKind.Wijk)
        {
            return ApiProblems.Field("id", "Postcodes map to a wijk, not to a buurt.");
        }
        int from = request.From!.Value, to = request.To!.Value;
        if (to < from)
        {
            return ApiProblems.Field("to", "The range ends at or after its start.");
        }
        var overlapping = await db.PostcodeRanges.AnyAsync(r => r.From <= to && from <= r.To, cancellationToken);
        if (overlapping)
        {
            return ApiProblems.Conflict($"Postcodes {from}-{to} overlap a range that already belongs to a wijk.");
        }
        db.PostcodeRanges.Add(new PostcodeRange(tenant.RequiredTenantId, from, to, id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/identity/v1/postcodes/{from}", new PostcodeRangeResponse(from, to, id));
    }

    private static bool IsPolygon(JsonElement geometry) =>
        geometry.ValueKind == JsonValueKind.Object
        && geometry.TryGetProperty("type", out var type) && type.GetString() is "Polygon" or "MultiPolygon"
        && geometry.TryGetProperty("coordinates", out var coordinates) && coordinates.ValueKind == JsonValueKind.Array
        && coordinates.GetArrayLength() > 0;

    private static Task<bool> CodeTakenAsync(IdentityServiceDbContext db, string code, Guid? except, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Areas.AnyAsync(a => a.Code == normalized && a.Id != except, cancellationToken);
    }

    private static ProblemHttpResult CodeTaken(string code) =>
        ApiProblems.Conflict($"Another area of this municipality has the code {code.Trim().ToUpperInvariant()}.");

    private static ProblemHttpResult NotFound(Guid id) => ApiProblems.NotFound($"There is no area {id} in this municipality.");
}

public sealed record RegisterAreaRequest
{
    /// <summary>wijk or buurt.</summary>
    [Required]
    public AreaKind? Kind { get; init; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>Letters, digits and dashes, unique in the municipality.</summary>
    [Required, StringLength(20, MinimumLength = 1), RegularExpression("^[A-Za-z0-9-]+$")]
    public string? Code { get; init; }

    /// <summary>The wijk of a buurt.</summary>
    public Guid? ParentId { get; init; }

    /// <summary>Optional GeoJSON Polygon or MultiPolygon (WGS84).</summary>
    public JsonElement? Boundary { get; init; }
}

public sealed record ChangeAreaRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; init; }

    [Required, StringLength(20, MinimumLength = 1), RegularExpression("^[A-Za-z0-9-]+$")]
    public string? Code { get; init; }
}

public sealed record AddPostcodeRangeRequest
{
    [Required, Range(1000, 9999)]
    public int? From { get; init; }

    [Required, Range(1000, 9999)]
    public int? To { get; init; }
}

public sealed record AreaResponse(Guid Id, AreaKind Kind, string Name, string Code, Guid? ParentId)
{
    public static AreaResponse From(Area area) => new(area.Id, area.Kind, area.Name, area.Code, area.ParentId);
}

public sealed record PostcodeRangeResponse(int From, int To, Guid AreaId);
