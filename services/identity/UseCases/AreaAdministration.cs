using System.Text.Json;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.UseCases;

/// <summary>The tenant admin keeps the municipality's wijken, buurten and postcode ranges; each area change is an event.</summary>
public sealed class AreaAdministration(IdentityServiceDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<Area> RegisterAsync(
        AreaKind kind, string name, string code, Guid? parentId, JsonElement? boundary, CancellationToken cancellationToken)
    {
        var parentKind = parentId is { } id
            ? await db.Areas.Where(a => a.Id == id).Select(a => (AreaKind?)a.Kind).FirstOrDefaultAsync(cancellationToken)
            : null;
        var area = Area.Register(Guid.CreateVersion7(), tenant.RequiredTenantId, kind, name, code, parentId, parentKind, boundary, time.GetUtcNow());
        await EnsureCodeIsFreeAsync(area.Code, except: null, cancellationToken);
        db.Areas.Add(area);
        await db.SaveChangesAsync(cancellationToken);
        return area;
    }

    public async Task<Area> ChangeAsync(Guid id, string name, string code, CancellationToken cancellationToken)
    {
        var area = await db.AreaAsync(id, cancellationToken);
        await EnsureCodeIsFreeAsync(Area.NormalizedCode(code), except: id, cancellationToken);
        area.Change(name, code, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return area;
    }

    /// <summary>PC4 postcodes from..to lie in the wijk (an event tells the other services); ranges of a municipality never overlap.</summary>
    public async Task<PostcodeRange> AddPostcodeRangeAsync(Guid wijkId, int from, int to, CancellationToken cancellationToken)
    {
        var wijk = await db.AreaAsync(wijkId, cancellationToken);
        var range = wijk.AddPostcodes(from, to, time.GetUtcNow());
        if (await db.PostcodeRanges.AnyAsync(r => r.From <= to && from <= r.To, cancellationToken))
        {
            throw RuleException.Conflict($"Postcodes {from}-{to} overlap a range that already belongs to a wijk.");
        }
        await db.SaveChangesAsync(cancellationToken);
        return range;
    }

    /// <summary>The wijk's range that starts at <paramref name="from"/> is removed (an event tells the other services).</summary>
    public async Task RemovePostcodeRangeAsync(Guid wijkId, int from, CancellationToken cancellationToken)
    {
        var wijk = await db.AreaAsync(wijkId, cancellationToken);
        var range = await db.PostcodeRanges.FirstOrDefaultAsync(r => r.AreaId == wijkId && r.From == from, cancellationToken)
            ?? throw RuleException.NotFound($"The wijk has no postcode range starting at {from}.");
        wijk.RemovePostcodes(range, time.GetUtcNow());
        db.PostcodeRanges.Remove(range);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureCodeIsFreeAsync(string code, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.Areas.AnyAsync(a => a.Code == code && a.Id != except, cancellationToken))
        {
            throw RuleException.Conflict($"Another area of this municipality has the code {code}.");
        }
    }
}
