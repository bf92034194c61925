using System.Text.Json;

namespace Buurt.Contracts.Identity;

/// <summary>
/// Identity's public API format of <c>GET /api/identity/v1/areas</c>: a municipality's wijken with
/// their buurten, by name. Services that keep a copy of the areas catch up from it.
/// </summary>
public sealed record AreaList(IReadOnlyList<WijkResponse> Items);

/// <summary>A wijk in identity's area list, with its buurten and, when known, its boundary (a GeoJSON geometry, WGS84).</summary>
public sealed record WijkResponse(Guid Id, string Name, string Code, JsonElement? Boundary, IReadOnlyList<BuurtResponse> Buurten);

/// <summary>A buurt in identity's area list.</summary>
public sealed record BuurtResponse(Guid Id, string Name, string Code);

/// <summary>An area as identity's answers name it (the wijk of a postcode, of a new resident).</summary>
public sealed record AreaReference(Guid Id, string Name);
