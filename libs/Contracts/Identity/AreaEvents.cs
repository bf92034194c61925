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

/// <summary>
/// PC4 postcodes <c>From</c> to <c>To</c> (both included) lie in wijk <c>AreaId</c>. Ranges of a
/// municipality never overlap; services that answer by postcode keep their own copy of them.
/// </summary>
public sealed record PostcodeRangeAdded(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AreaId,
    int From,
    int To) : IIntegrationEvent;

/// <summary>PC4 postcodes <c>From</c> to <c>To</c> no longer lie in wijk <c>AreaId</c> (the range was removed; its postcodes may be added to another wijk).</summary>
public sealed record PostcodeRangeRemoved(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AreaId,
    int From,
    int To) : IIntegrationEvent;
