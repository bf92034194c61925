using Buurt.Initiatives.Domain;
using Microsoft.Extensions.Options;

namespace Buurt.Initiatives.Data;

/// <summary>
/// The wijken from configuration ("Areas:{tenant}"), until identity publishes them as events.
/// Their ids are those of identity's demo data, so the switch changes no stored initiative.
/// </summary>
internal sealed class ConfiguredAreaCatalog(IOptions<AreaCatalogOptions> options) : IAreaCatalog
{
    public Area? Find(string tenantId, Guid areaId) =>
        options.Value.TryGetValue(tenantId, out var areas) ? areas.FirstOrDefault(a => a.Id == areaId) : null;
}

internal sealed class AreaCatalogOptions : Dictionary<string, List<Area>>;
