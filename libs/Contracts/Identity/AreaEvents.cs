namespace Buurt.Contracts.Identity;

/// <summary>
/// A wijk or buurt was registered; other services keep their own copy to validate area ids.
/// <c>Kind</c> is "wijk" or "buurt"; <c>ParentId</c> is the wijk of a buurt.
/// </summary>
public sealed record AreaRegistered(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AreaId,
    string Kind,
    string Name,
    string Code,
    Guid? ParentId) : IIntegrationEvent;

/// <summary>A wijk or buurt was renamed or given another code.</summary>
public sealed record AreaChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AreaId,
    string Name,
    string Code) : IIntegrationEvent;
