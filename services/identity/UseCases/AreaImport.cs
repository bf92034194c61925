using System.Text.Json;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.UseCases;

/// <summary>
/// A municipality's wijken, buurten and postcode ranges from a file (CSV, or GeoJSON in the shape
/// of the CBS wijk- en buurtkaart), all or nothing: areas are matched by code, so importing the same
/// file twice changes nothing; each new area and range is an event like one made by hand.
/// </summary>
public sealed class AreaImport(IdentityServiceDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>One area of the file; <paramref name="Where"/> names it in errors (e.g. <c>rows[3]</c>).</summary>
    public sealed record Row(string Where, AreaKind Kind, string Code, string Name, string? ParentCode, JsonElement? Boundary, IReadOnlyList<(int From, int To)> Postcodes);

    public sealed record Result(int Created, int Changed, int Unchanged, int PostcodeRanges);

    public async Task<Result> ImportAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            throw RuleException.Invalid("file", "The file holds no wijk or buurt.");
        }
        foreach (var duplicate in rows.GroupBy(r => Area.NormalizedCode(r.Code)).Where(g => g.Count() > 1).Select(g => g.Skip(1).First()))
        {
            throw RuleException.Invalid($"{duplicate.Where}.code", $"The code {duplicate.Code} is in the file twice.");
        }
        var now = time.GetUtcNow();
        var existing = await db.Areas.ToDictionaryAsync(a => a.Code, cancellationToken);
        int created = 0, changed = 0, unchanged = 0;
        // Wijken first, so that buurten find their wijk, whatever the file's order.
        foreach (var row in rows.OrderBy(r => r.Kind == AreaKind.Wijk ? 0 : 1))
        {
            var code = Area.NormalizedCode(row.Code);
            if (existing.TryGetValue(code, out var area))
            {
                if (area.Kind != row.Kind)
                {
                    throw RuleException.Invalid($"{row.Where}.code", $"{code} is already a {Area.KindName(area.Kind)} here.");
                }
                var renamed = area.Name != row.Name.Trim();
                if (renamed)
                {
                    area.Change(row.Name, code, now);
                }
                var outlined = row.Boundary is { } boundary && area.Outline(boundary);
                if (renamed || outlined) changed++; else unchanged++;
                continue;
            }
            Area? parent = null;
            if (row.Kind == AreaKind.Buurt && (row.ParentCode is null || !existing.TryGetValue(Area.NormalizedCode(row.ParentCode), out parent) || parent.Kind != AreaKind.Wijk))
            {
                throw RuleException.Invalid($"{row.Where}.parent", $"The buurt {code} names no wijk of this file or this municipality ({row.ParentCode}).");
            }
            try
            {
                area = Area.Register(Guid.CreateVersion7(now), tenant.RequiredTenantId, row.Kind, row.Name, code, parent?.Id, parent?.Kind, row.Boundary, now);
            }
            catch (RuleException e) when (e.Field is not null)
            {
                throw RuleException.Invalid($"{row.Where}.{e.Field}", e.Message);
            }
            db.Areas.Add(area);
            existing[code] = area;
            created++;
        }

        var ranges = await db.PostcodeRanges.AsNoTracking().Select(r => new { r.From, r.To, r.AreaId }).ToListAsync(cancellationToken);
        var taken = ranges.Select(r => (r.From, r.To, r.AreaId)).ToList();
        var added = 0;
        foreach (var row in rows.Where(r => r.Postcodes.Count > 0))
        {
            var wijk = existing[Area.NormalizedCode(row.Code)];
            foreach (var (from, to) in row.Postcodes)
            {
                if (taken.Any(r => r.AreaId == wijk.Id && r.From == from && r.To == to))
                {
                    continue; // imported before
                }
                if (taken.FindIndex(r => r.From <= to && from <= r.To) is >= 0 and var at && taken[at] is var overlap)
                {
                    throw RuleException.Invalid($"{row.Where}.postcodes", $"Postcodes {from}-{to} overlap {overlap.From}-{overlap.To}, which already lie in another wijk.");
                }
                try
                {
                    wijk.AddPostcodes(from, to, now);
                }
                catch (RuleException e)
                {
                    throw RuleException.Invalid($"{row.Where}.postcodes", e.Message);
                }
                taken.Add((from, to, wijk.Id));
                added++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Result(created, changed, unchanged, added);
    }
}
