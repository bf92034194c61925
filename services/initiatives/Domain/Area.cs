namespace Buurt.Initiatives.Domain;

/// <summary>A wijk as this service knows it: enough to validate and label initiatives.</summary>
public sealed record Area(Guid Id, string Name, string Code);

/// <summary>The wijken of each tenant.</summary>
public interface IAreaCatalog
{
    Area? Find(string tenantId, Guid areaId);
}
