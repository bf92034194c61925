using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Buurt.Identity.Domain;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Identity.Api;

/// <summary>/api/identity/v1/areas for the tenant admin: wijken, buurten and postcode ranges (<see cref="AreaAdministration"/>).</summary>
public static class AreasAdminApi
{
    public static void MapAreasAdmin(this IEndpointRouteBuilder api)
    {
        var areas = api.MapGroup("/areas").WithTags("Areas").RequireAuthorization(BuurtPolicies.TenantAdmin);
        areas.MapPost("", RegisterAsync).WithName("RegisterArea").ProducesValidationProblem().ProducesProblem(409);
        areas.MapPut("/{id:guid}", ChangeAsync).WithName("ChangeArea").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        // Boundaries make big files: up to 8 MiB here (the gateway lets this path through too).
        areas.MapPost("/imports", ImportAsync).WithName("ImportAreas").Accepts<string>("text/csv", "application/geo+json")
            .WithMetadata(new BodySizeLimit(ImportLimitBytes)).ProducesValidationProblem().ProducesProblem(415);
        areas.MapPost("/{id:guid}/postcodes", AddPostcodesAsync).WithName("AddPostcodeRange")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        areas.MapDelete("/{id:guid}/postcodes/{from:int}", RemovePostcodesAsync).WithName("RemovePostcodeRange").ProducesProblem(404)
            .WithSummary("Removes the wijk's range that starts at from; its postcodes then lie in no wijk until added again.");
    }

    public const long ImportLimitBytes = 8 * 1024 * 1024;

    /// <summary>A CSV or a CBS-shaped GeoJSON file of wijken, buurten and postcode ranges, all or nothing.</summary>
    private static async Task<Results<Ok<AreaImport.Result>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, AreaImport import, CancellationToken cancellationToken)
    {
        var type = request.ContentType is { } header ? new System.Net.Mime.ContentType(header).MediaType : null;
        Func<string, IReadOnlyList<AreaImport.Row>>? parse = type switch
        {
            "text/csv" => AreaImportFormats.FromCsv,
            "application/geo+json" or "application/json" => AreaImportFormats.FromGeoJson,
            _ => null,
        };
        if (parse is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file",
                detail: "Send text/csv (kind,code,name,parent,postcodes) or application/geo+json (the CBS wijk- en buurtkaart's shape).");
        }
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var rows = parse(await reader.ReadToEndAsync(cancellationToken));
        return TypedResults.Ok(await import.ImportAsync(rows, cancellationToken));
    }

    private static async Task<Created<AreaResponse>> RegisterAsync(
        RegisterAreaRequest request, AreaAdministration areas, CancellationToken cancellationToken)
    {
        var area = await areas.RegisterAsync(request.Kind!.Value, request.Name!, request.Code!, request.ParentId, request.Boundary, cancellationToken);
        return TypedResults.Created($"/api/identity/v1/areas/{area.Id}", AreaResponse.From(area));
    }

    private static async Task<Ok<AreaResponse>> ChangeAsync(
        Guid id, ChangeAreaRequest request, AreaAdministration areas, CancellationToken cancellationToken) =>
        TypedResults.Ok(AreaResponse.From(await areas.ChangeAsync(id, request.Name!, request.Code!, cancellationToken)));

    private static async Task<Created<PostcodeRangeResponse>> AddPostcodesAsync(
        Guid id, AddPostcodeRangeRequest request, AreaAdministration areas, CancellationToken cancellationToken)
    {
        var range = await areas.AddPostcodeRangeAsync(id, request.From!.Value, request.To!.Value, cancellationToken);
        return TypedResults.Created($"/api/identity/v1/postcodes/{range.From}", new PostcodeRangeResponse(range.From, range.To, range.AreaId));
    }

    private static async Task<NoContent> RemovePostcodesAsync(Guid id, int from, AreaAdministration areas, CancellationToken cancellationToken)
    {
        await areas.RemovePostcodeRangeAsync(id, from, cancellationToken);
        return TypedResults.NoContent();
    }
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
