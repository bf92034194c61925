using System.Text.Json;
using Buurt.Contracts.Identity;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Api;

/// <summary>/api/identity/v1/areas and /postcodes: the municipality's wijken, buurten and postcode ranges, public.</summary>
public static class AreasApi
{
    public static void MapAreas(this IEndpointRouteBuilder api)
    {
        // Public and slow to change: the gateway may share answers for a minute.
        api.MapGet("/areas", ListAsync).WithTags("Areas").WithName("ListAreas").CachePublicly(TimeSpan.FromMinutes(1));
        api.MapGet("/postcodes", ListPostcodesAsync).WithTags("Areas").WithName("ListPostcodeRanges").CachePublicly(TimeSpan.FromMinutes(1));
        api.MapGet("/postcodes/{postcode}", FindByPostcodeAsync).WithTags("Areas").WithName("FindAreaByPostcode")
            .CachePublicly(TimeSpan.FromMinutes(1));
    }

    /// <summary>Every wijk with its buurten, by name.</summary>
    private static async Task<Ok<AreaList>> ListAsync(IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var buurten = areas.Where(a => a.Kind == AreaKind.Buurt).ToLookup(a => a.ParentId);
        var wijken = areas.Where(a => a.Kind == AreaKind.Wijk)
            .Select(w => new WijkResponse(w.Id, w.Name, w.Code, Geometry(w.BoundaryGeoJson),
                [.. buurten[w.Id].Select(b => new BuurtResponse(b.Id, b.Name, b.Code))]))
            .ToList();
        return TypedResults.Ok(new AreaList(wijken));
    }

    /// <summary>Every PC4 range of the municipality with its wijk, in postcode order (services that answer by postcode copy them).</summary>
    private static async Task<Ok<PostcodeRangeList>> ListPostcodesAsync(IdentityServiceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PostcodeRangeList(await db.PostcodeRanges.AsNoTracking().OrderBy(r => r.From)
            .Select(r => new PostcodeRangeItem(r.From, r.To, r.AreaId)).ToListAsync(cancellationToken)));

    private static JsonElement? Geometry(string? geoJson) =>
        geoJson is null ? null : JsonSerializer.Deserialize<JsonElement>(geoJson);

    /// <summary>The wijk a PC4 postcode (1221, or a full 1221 AB) lies in.</summary>
    /// <remarks>
    /// Its 400 and 404 are answered, not thrown: the exception handler would add
    /// <c>Cache-Control: no-cache, no-store</c>, and this public read carries caching headers only on a 200.
    /// </remarks>
    private static async Task<Results<Ok<PostcodeResponse>, ValidationProblem, ProblemHttpResult>> FindByPostcodeAsync(
        string postcode, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        if (Postcode.Pc4Of(postcode) is not { } pc4)
        {
            return ApiProblems.Field("postcode", Postcode.FormatRule);
        }
        var area = await db.WijkOfAsync(pc4, cancellationToken);
        return area is null
            ? ApiProblems.NotFound($"Postcode {pc4} lies in no wijk of this municipality.")
            : TypedResults.Ok(new PostcodeResponse(pc4.ToString(System.Globalization.CultureInfo.InvariantCulture), new AreaReference(area.Id, area.Name)));
    }
}

public sealed record PostcodeResponse(string Postcode, AreaReference Area);
