using System.Security.Claims;
using System.Text.Json;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>/api/initiatives/v1/initiatives: submit, find, read, the map and the open-data exports.</summary>
public static class InitiativesApi
{
    /// <summary>The map shows at most this many points per request; zoom in (a smaller box) for the rest.</summary>
    public const int MapLimit = 1000;

    /// <summary>
    /// How long the gateway may share the public list and map between anonymous callers of one
    /// municipality: a new initiative shows there within this many seconds (signed in: at once).
    /// </summary>
    public static readonly TimeSpan PublicFor = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapInitiatives(this IEndpointRouteBuilder api)
    {
        var initiatives = api.MapGroup("/initiatives").WithTags("Initiatives");
        initiatives.MapPost("", Submit).WithName("SubmitInitiative").RequireAuthorization(BuurtPolicies.Resident).ProducesValidationProblem();
        initiatives.MapGet("", List).WithName("ListInitiatives").CachePubliclyWhenAnonymous(PublicFor);
        initiatives.MapGet("/map", Map).WithName("InitiativesMap").CachePubliclyWhenAnonymous(PublicFor)
            .WithSummary("The matching initiatives with a location as a GeoJSON FeatureCollection; bbox=minLon,minLat,maxLon,maxLat.");
        initiatives.MapGet("/export.csv", ExportCsv).WithName("ExportInitiativesCsv")
            .WithSummary("Open data: every matching initiative as CSV, without personal data (names only with consent).");
        initiatives.MapGet("/export.geojson", ExportGeoJson).WithName("ExportInitiativesGeoJson")
            .WithSummary("Open data: every matching initiative with a location as GeoJSON, without personal data.");
        initiatives.MapGet("/{id:guid}", Get).WithName("GetInitiative");
        initiatives.MapGet("/mine", Mine).WithName("MyInitiatives").RequireAuthorization()
            .WithSummary("The signed-in person's own initiatives (as initiator), newest first, paged.");
        return initiatives;
    }

    /// <summary>Submit an initiative; it starts in the submitted state with its first promised answer date.</summary>
    private static async Task<Created<InitiativeResponse>> Submit(
        SubmitInitiativeRequest request, ClaimsPrincipal user, InitiativeCycle cycle, LinkGenerator links, CancellationToken cancellationToken)
    {
        var submitted = await cycle.SubmitAsync(
            new NewInitiative(request.Title!, request.Description!, request.AreaId!.Value, request.BuurtId, request.Theme!.Value, request.SubTheme,
                request.RequestedAmount!.Value,
                request.Location is { } l ? new GeoPoint(l.Lat!.Value, l.Lon!.Value) : null,
                request.AddressText, request.PriorityId, request.PublicName),
            Caller.Of(user), cancellationToken);
        // A path, not a URL: behind the gateway the service does not know the public host.
        return TypedResults.Created(links.GetPathByName("GetInitiative", new { id = submitted.Initiative.Id }), InitiativeResponse.From(submitted));
    }

    /// <summary>Initiatives matching the filters, sorted and paged (newest first by default).</summary>
    private static async Task<Ok<PagedList<InitiativeSummary>>> List(
        [AsParameters] InitiativeQuery query,
        [AsParameters] PageRequest page,
        InitiativesDbContext db,
        CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Initiatives.AsNoTracking().Matching(query).Sorted(query).Select(InitiativeSummary.Of).ToPageAsync(page, cancellationToken));
    }

    /// <summary>The caller's initiatives: what "my initiatives" lists, with status and answer date.</summary>
    private static async Task<Ok<PagedList<InitiativeSummary>>> Mine(
        [AsParameters] PageRequest page, ClaimsPrincipal user, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var me = Caller.Of(user).Id;
        return TypedResults.Ok(await db.Initiatives.AsNoTracking().Where(i => i.InitiatorId == me)
            .OrderByDescending(i => i.SubmittedAt).ThenBy(i => i.Id).Select(InitiativeSummary.Of).ToPageAsync(page, cancellationToken));
    }

    /// <summary>One initiative with its current deal; a signed-in party also gets the moves they may make.</summary>
    private static async Task<Ok<InitiativeResponse>> Get(
        Guid id, ClaimsPrincipal user, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadInitiativeAsync(id, cancellationToken);
        var deal = await db.CurrentDealAsync(initiative, tracked: false, cancellationToken);
        var part = Caller.Of(user).PartIn(initiative);
        var allowed = part is { } p ? initiative.AllowedMoves(p, await db.SettingsAsync(cancellationToken)) : null;
        return TypedResults.Ok(InitiativeResponse.From(initiative, deal, allowed));
    }

    /// <summary>The GeoJSON the map draws: points with what a marker shows, newest first, at most <see cref="MapLimit"/>.</summary>
    private static async Task<IResult> Map(
        [AsParameters] InitiativeQuery query,
        string? bbox,
        InitiativesDbContext db,
        CancellationToken cancellationToken)
    {
        var matching = db.Initiatives.AsNoTracking().Matching(query).Within(InitiativeSearch.ParseBox(bbox));
        var points = await matching.Sorted(query).Take(MapLimit + 1)
            .Select(i => new MapPoint(i.Id, i.Title, i.Status, i.Theme, i.AreaId, i.SupportCount, i.Location!.Lat, i.Location.Lon))
            .ToListAsync(cancellationToken);
        var truncated = points.Count > MapLimit;
        var features = points.Take(MapLimit).Select(p => Feature(p.Lon, p.Lat, new Dictionary<string, object?>
        {
            ["id"] = p.Id,
            ["title"] = p.Title,
            ["status"] = p.Status.ApiName(),
            ["theme"] = p.Theme.ToString().ToLowerInvariant(),
            ["areaId"] = p.AreaId,
            ["supportCount"] = p.SupportCount,
        })).ToList();
        return TypedResults.Json(new Dictionary<string, object?>
        {
            ["type"] = "FeatureCollection",
            ["features"] = features,
            ["numberReturned"] = features.Count,
            ["truncated"] = truncated,
        }, contentType: "application/geo+json");
    }

    private sealed record MapPoint(Guid Id, string Title, InitiativeStatus Status, Contracts.Theme Theme, Guid AreaId, int SupportCount, double Lat, double Lon);

    private static Dictionary<string, object?> Feature(double lon, double lat, Dictionary<string, object?> properties) => new()
    {
        ["type"] = "Feature",
        ["geometry"] = new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = new[] { lon, lat } },
        ["properties"] = properties,
    };

    /// <summary>What the open data exports: no ids of people, the initiators' name only with their consent.</summary>
    private sealed record OpenDataRow(
        Guid Id, string Title, string Description, string? Wijk, string? Buurt, Contracts.Theme Theme, string? SubTheme, InitiativeStatus Status,
        DateTimeOffset SubmittedAt, decimal RequestedAmount, int SupportCount, GeoPoint? Location, string? PublicName)
    {
        public double? Lat => Location?.Lat;

        public double? Lon => Location?.Lon;
    }

    private static IAsyncEnumerable<OpenDataRow> OpenData(InitiativesDbContext db, InitiativeQuery query, bool withLocationOnly) =>
        (withLocationOnly ? db.Initiatives.AsNoTracking().Matching(query).Within(null) : db.Initiatives.AsNoTracking().Matching(query))
        .Sorted(query)
        .Select(i => new OpenDataRow(
            i.Id, i.Title, i.Description,
            db.Areas.Where(a => a.Id == i.AreaId).Select(a => a.Name).FirstOrDefault(),
            db.Areas.Where(a => a.Id == i.BuurtId).Select(a => a.Name).FirstOrDefault(),
            i.Theme, i.SubTheme, i.Status, i.SubmittedAt, i.RequestedAmount, i.SupportCount,
            i.Location, i.PublicName))
        .AsAsyncEnumerable();

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private static readonly string[] s_csvColumns =
        ["id", "title", "description", "wijk", "buurt", "theme", "subTheme", "status", "submittedAt", "requestedAmount", "supportCount", "lat", "lon", "initiators"];

    /// <summary>CSV (RFC 4180, UTF-8, comma-separated, invariant numbers), streamed.</summary>
    private static async Task ExportCsv([AsParameters] InitiativeQuery query, HttpContext http, InitiativesDbContext db)
    {
        // Check the filters before the first byte goes out: a bad one is still a 400.
        _ = db.Initiatives.Matching(query).Sorted(query);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"initiatieven.csv\"";
        await using var csv = CsvWriter.For(http.Response);
        await csv.WriteRowAsync(s_csvColumns, http.RequestAborted);
        await foreach (var r in OpenData(db, query, withLocationOnly: false).WithCancellation(http.RequestAborted))
        {
            csv.Value(r.Id).Text(r.Title).Text(r.Description).Text(r.Wijk).Text(r.Buurt).Value(r.Theme.ToString().ToLowerInvariant())
                .Text(r.SubTheme).Value(r.Status.ApiName()).Value(r.SubmittedAt).Euro(r.RequestedAmount)
                .Value(r.SupportCount).Value(r.Lat).Value(r.Lon).Text(r.PublicName);
            await csv.EndRowAsync(http.RequestAborted);
        }
    }

    /// <summary>GeoJSON FeatureCollection of every matching initiative with a location, streamed.</summary>
    private static async Task ExportGeoJson([AsParameters] InitiativeQuery query, HttpContext http, InitiativesDbContext db)
    {
        _ = db.Initiatives.Matching(query).Sorted(query);
        http.Response.ContentType = "application/geo+json";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"initiatieven.geojson\"";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        await foreach (var r in OpenData(db, query, withLocationOnly: true).WithCancellation(http.RequestAborted))
        {
            // Serialize(writer, ...) would flush synchronously, which Kestrel refuses; WriteTo only buffers.
            JsonSerializer.SerializeToElement(Feature(r.Lon!.Value, r.Lat!.Value, new Dictionary<string, object?>
            {
                ["id"] = r.Id,
                ["title"] = r.Title,
                ["description"] = r.Description,
                ["wijk"] = r.Wijk,
                ["buurt"] = r.Buurt,
                ["theme"] = r.Theme.ToString().ToLowerInvariant(),
                ["subTheme"] = r.SubTheme,
                ["status"] = r.Status.ApiName(),
                ["submittedAt"] = r.SubmittedAt,
                ["requestedAmount"] = r.RequestedAmount,
                ["supportCount"] = r.SupportCount,
                ["initiators"] = r.PublicName,
            }), s_json).WriteTo(json);
            if (json.BytesPending > 16 * 1024)
            {
                await json.FlushAsync(http.RequestAborted);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
