using Buurt.Initiatives.Domain;
using Microsoft.Extensions.Options;

namespace Buurt.Initiatives.Data;

/// <summary>
/// The wijken from configuration ("Areas:{tenant}"), until identity publishes them. Their ids are
/// UUIDv5 of "{tenant}/{code}", so identity can take them over unchanged.
/// </summary>
internal sealed class ConfiguredAreaCatalog(IOptions<AreaCatalogOptions> options) : IAreaCatalog
{
    public Area? Find(string tenantId, Guid areaId) =>
        options.Value.TryGetValue(tenantId, out var areas) ? areas.FirstOrDefault(a => a.Id == areaId) : null;
}

internal sealed class AreaCatalogOptions : Dictionary<string, List<Area>>;
