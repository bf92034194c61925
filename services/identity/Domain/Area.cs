using Buurt.Contracts.Identity;

namespace Buurt.Identity.Domain;

public enum AreaKind
{
    /// <summary>A district with its own team and budget.</summary>
    Wijk,

    /// <summary>A neighbourhood within a wijk.</summary>
    Buurt,
}

/// <summary>A wijk or one of its buurten.</summary>
public sealed class Area
{
    private Area()
    {
    }

    public Area(Guid id, string tenantId, AreaKind kind, string name, string code, Guid? parentId = null)
    {
        if (kind == AreaKind.Buurt && parentId is null)
        {
            throw new ArgumentException("A buurt lies in a wijk.", nameof(parentId));
        }
        if (kind == AreaKind.Wijk && parentId is not null)
        {
            throw new ArgumentException("A wijk lies in no other area.", nameof(parentId));
        }
        Id = id;
        TenantId = tenantId;
        Kind = kind;
        Name = name;
        Code = code;
        ParentId = parentId;
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public AreaKind Kind { get; private set; }

    /// <summary>A new area with the event that tells the other services.</summary>
    public static (Area Area, AreaRegistered Registered) Register(
        Guid id, string tenantId, AreaKind kind, string name, string code, Guid? parentId, DateTimeOffset now, string? boundaryGeoJson = null)
    {
        var area = new Area(id, tenantId, kind, name.Trim(), code.Trim().ToUpperInvariant(), parentId) { BoundaryGeoJson = boundaryGeoJson };
        return (area, new AreaRegistered(tenantId, Guid.CreateVersion7(now), now, id, KindName(kind), area.Name, area.Code, parentId));
    }

    /// <summary>A new name or code, with the event.</summary>
    public AreaChanged Change(string name, string code, DateTimeOffset now)
    {
        Name = name.Trim();
        Code = code.Trim().ToUpperInvariant();
        return new AreaChanged(TenantId, Guid.CreateVersion7(now), now, Id, Name, Code);
    }

    public static string KindName(AreaKind kind) => kind == AreaKind.Wijk ? "wijk" : "buurt";

    public string Name { get; private set; } = "";

    /// <summary>Short code, unique within the tenant (e.g. HZ).</summary>
    public string Code { get; private set; } = "";

    /// <summary>The wijk of a buurt.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>Optional GeoJSON geometry of the boundary.</summary>
    public string? BoundaryGeoJson { get; private set; }

    public uint Version { get; private set; }
}

/// <summary>A range of PC4 postcodes (both ends included) that lies in one wijk.</summary>
public sealed class PostcodeRange
{
    private PostcodeRange()
    {
    }

    public PostcodeRange(string tenantId, int from, int to, Guid areaId)
    {
        if (!Postcode.IsPc4(from) || !Postcode.IsPc4(to) || to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "A range runs from one PC4 (1000-9999) to the same or a higher one.");
        }
        TenantId = tenantId;
        From = from;
        To = to;
        AreaId = areaId;
    }

    public long Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public int From { get; private set; }

    public int To { get; private set; }

    public Guid AreaId { get; private set; }
}

/// <summary>Dutch postcodes: "1221 AB" has the PC4 1221.</summary>
public static class Postcode
{
    public static bool IsPc4(int value) => value is >= 1000 and <= 9999;

    /// <summary>The PC4 of "1221", "1221AB" or "1221 ab"; null if it is none.</summary>
    public static int? Pc4Of(string? postcode)
    {
        var text = (postcode ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (text.Length is not (4 or 6) || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pc4) || !IsPc4(pc4))
        {
            return null;
        }
        return text.Length == 4 || (char.IsAsciiLetter(text[4]) && char.IsAsciiLetter(text[5])) ? pc4 : null;
    }
}
