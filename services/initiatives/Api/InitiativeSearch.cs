using Buurt.Contracts;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Buurt.Initiatives.Api;

/// <summary>The filters and sort orders the list, the map and the exports share, checked once.</summary>
public static class InitiativeSearch
{
    public static readonly IReadOnlyList<string> SortOrders = ["newest", "oldest", "support", "title", "answer-due", "amount"];

    /// <summary>The matching initiatives, not yet sorted; a bad filter value is a 400 naming it.</summary>
    public static IQueryable<Initiative> Matching(this IQueryable<Initiative> initiatives, InitiativeQuery query)
    {
        if (query.AreaId is { } areaId)
        {
            initiatives = initiatives.Where(i => i.AreaId == areaId);
        }
        if (query.BuurtId is { } buurtId)
        {
            initiatives = initiatives.Where(i => i.BuurtId == buurtId);
        }
        if (query.PriorityId is { } priorityId)
        {
            initiatives = initiatives.Where(i => i.PriorityId == priorityId);
        }
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var statuses = query.Status.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => InitiativeLifeCycle.ParseApiName(name, "status"))
                .ToList();
            initiatives = initiatives.Where(i => statuses.Contains(i.Status));
        }
        if (!string.IsNullOrWhiteSpace(query.Theme))
        {
            if (!Enum.TryParse<Theme>(query.Theme, ignoreCase: true, out var theme) || !Enum.IsDefined(theme) || int.TryParse(query.Theme, out _))
            {
                throw RuleException.Invalid("theme", $"'{query.Theme}' is no theme; use sociaal, fysiek or veilig.");
            }
            initiatives = initiatives.Where(i => i.Theme == theme);
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var words = query.Q.Trim();
            initiatives = initiatives.Where(i => EF.Property<NpgsqlTsVector>(i, InitiativesDbContext.SearchVector)
                .Matches(EF.Functions.WebSearchToTsQuery("dutch", words)));
        }
        return initiatives;
    }

    public static IQueryable<Initiative> Sorted(this IQueryable<Initiative> initiatives, InitiativeQuery query) => (query.Sort ?? "newest") switch
    {
        "newest" => initiatives.OrderByDescending(i => i.SubmittedAt).ThenBy(i => i.Id),
        "oldest" => initiatives.OrderBy(i => i.SubmittedAt).ThenBy(i => i.Id),
        "support" => initiatives.OrderByDescending(i => i.SupportCount).ThenByDescending(i => i.SubmittedAt).ThenBy(i => i.Id),
        "title" => initiatives.OrderBy(i => i.Title).ThenBy(i => i.Id),
        // The staff's board: the soonest promised answer first, those awaiting none last; the largest request first.
        "answer-due" => initiatives.OrderBy(i => i.AnswerDueBy == null).ThenBy(i => i.AnswerDueBy).ThenBy(i => i.SubmittedAt).ThenBy(i => i.Id),
        "amount" => initiatives.OrderByDescending(i => i.RequestedAmount).ThenByDescending(i => i.SubmittedAt).ThenBy(i => i.Id),
        var other => throw RuleException.Invalid("sort", $"'{other}' is no sort order; use {string.Join(", ", SortOrders)}."),
    };

    /// <summary>Parses <c>bbox=minLon,minLat,maxLon,maxLat</c> (WGS84, as in OGC API Features).</summary>
    public static (double MinLon, double MinLat, double MaxLon, double MaxLat)? ParseBox(string? bbox)
    {
        if (string.IsNullOrWhiteSpace(bbox))
        {
            return null;
        }
        var parts = bbox.Split(',');
        var numbers = new double[4];
        if (parts.Length != 4
            || parts.Where((p, n) => !double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out numbers[n])).Any()
            || numbers[0] > numbers[2] || numbers[1] > numbers[3]
            || numbers[0] < -180 || numbers[2] > 180 || numbers[1] < -90 || numbers[3] > 90)
        {
            throw RuleException.Invalid("bbox", "A box is minLon,minLat,maxLon,maxLat in WGS84 degrees, min before max.");
        }
        return (numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    public static IQueryable<Initiative> Within(this IQueryable<Initiative> initiatives,
        (double MinLon, double MinLat, double MaxLon, double MaxLat)? box)
    {
        initiatives = initiatives.Where(i => i.Location != null);
        return box is { } b
            ? initiatives.Where(i => i.Location!.Lon >= b.MinLon && i.Location.Lon <= b.MaxLon && i.Location.Lat >= b.MinLat && i.Location.Lat <= b.MaxLat)
            : initiatives;
    }
}
