using System.Text.Json;
using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Identity.Domain;

public enum AreaKind
{
    /// <summary>A district with its own team and budget.</summary>
    Wijk,

    /// <summary>A neighbourhood within a wijk.</summary>
    Buurt,
}

/// <summary>A wijk or one of its buurten. Each registration and change tells the other services (an event).</summary>
public sealed class Area : Aggregate
{
    private Area()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public AreaKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Short code, unique within the tenant (e.g. HZ).</summary>
    public string Code { get; private set; } = "";

    /// <summary>The wijk of a buurt.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>Optional GeoJSON geometry of the boundary.</summary>
    public string? BoundaryGeoJson { get; private set; }

    public uint Version { get; private set; }

    /// <summary>
    /// A new area. A wijk lies in no other area; a buurt lies in a wijk of the same municipality:
    /// <paramref name="parentKind"/> is the kind of <paramref name="parentId"/> there, null when it has no such area.
    /// </summary>
    public static Area Register(
        Guid id, string tenantId, AreaKind kind, string name, string code, Guid? parentId, AreaKind? parentKind, JsonElement? boundary,
        DateTimeOffset now)
    {
        if (kind == AreaKind.Wijk && parentId is not null)
        {
            throw RuleException.Invalid("parentId", "A wijk lies in no other area.");
        }
        if (kind == AreaKind.Buurt && (parentId is null || parentKind != AreaKind.Wijk))
        {
            throw RuleException.Invalid("parentId", "A buurt lies in a wijk of this municipality.");
        }
        if (boundary is { } geometry && !IsPolygon(geometry))
        {
            throw RuleException.Invalid("boundary", "A boundary is a GeoJSON geometry of type Polygon or MultiPolygon.");
        }
        var area = new Area
        {
            Id = id,
            TenantId = tenantId,
            Kind = kind,
            Name = name.Trim(),
            Code = NormalizedCode(code),
            ParentId = parentId,
            BoundaryGeoJson = boundary?.GetRawText(),
        };
        area.Raise(new AreaRegistered(tenantId, Guid.CreateVersion7(now), now, id, KindName(kind), area.Name, area.Code, parentId));
        return area;
    }

    /// <summary>A new name or code.</summary>
    public void Change(string name, string code, DateTimeOffset now)
    {
        Name = name.Trim();
        Code = NormalizedCode(code);
        Raise(new AreaChanged(TenantId, Guid.CreateVersion7(now), now, Id, Name, Code));
    }

    /// <summary>A new boundary (from an import); false when it is the one it has.</summary>
    public bool Outline(JsonElement boundary)
    {
        if (!IsPolygon(boundary))
        {
            throw RuleException.Invalid("boundary", "A boundary is a GeoJSON geometry of type Polygon or MultiPolygon.");
        }
        var text = boundary.GetRawText();
        if (text == BoundaryGeoJson)
        {
            return false;
        }
        BoundaryGeoJson = text;
        return true;
    }

    /// <summary>PC4 postcodes from..to lie in this wijk: the range is stored with the area and the other services are told.</summary>
    public PostcodeRange AddPostcodes(int from, int to, DateTimeOffset now)
    {
        var range = PostcodeRange.Of(this, from, to);
        Record(range);
        Raise(new PostcodeRangeAdded(TenantId, Guid.CreateVersion7(now), now, Id, from, to));
        return range;
    }

    /// <summary>The range no longer lies in this wijk (the caller removes its row); the other services are told.</summary>
    public void RemovePostcodes(PostcodeRange range, DateTimeOffset now) =>
        Raise(new PostcodeRangeRemoved(TenantId, Guid.CreateVersion7(now), now, Id, range.From, range.To));

    /// <summary>Codes are kept in capitals without surrounding spaces: " hz" is HZ.</summary>
    public static string NormalizedCode(string code) => code.Trim().ToUpperInvariant();

    public static string KindName(AreaKind kind) => kind == AreaKind.Wijk ? "wijk" : "buurt";

    private static bool IsPolygon(JsonElement geometry) =>
        geometry.ValueKind == JsonValueKind.Object
        && geometry.TryGetProperty("type", out var type) && type.GetString() is "Polygon" or "MultiPolygon"
        && geometry.TryGetProperty("coordinates", out var coordinates) && coordinates.ValueKind == JsonValueKind.Array
        && coordinates.GetArrayLength() > 0;
}

/// <summary>A range of PC4 postcodes (both ends included) that lies in one wijk.</summary>
public sealed class PostcodeRange
{
    private PostcodeRange()
    {
    }

    public long Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public int From { get; private set; }

    public int To { get; private set; }

    public Guid AreaId { get; private set; }

    /// <summary>Postcodes from <paramref name="from"/> to <paramref name="to"/> that lie in <paramref name="wijk"/>.</summary>
    public static PostcodeRange Of(Area wijk, int from, int to)
    {
        if (wijk.Kind != AreaKind.Wijk)
        {
            throw RuleException.Invalid("id", "Postcodes map to a wijk, not to a buurt.");
        }
        if (!Postcode.IsPc4(from))
        {
            throw RuleException.Invalid("from", Postcode.Pc4Rule);
        }
        if (!Postcode.IsPc4(to))
        {
            throw RuleException.Invalid("to", Postcode.Pc4Rule);
        }
        if (to < from)
        {
            throw RuleException.Invalid("to", "The range ends at or after its start.");
        }
        return new PostcodeRange { TenantId = wijk.TenantId, From = from, To = to, AreaId = wijk.Id };
    }
}
