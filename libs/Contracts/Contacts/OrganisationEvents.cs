namespace Buurt.Contracts.Contacts;

/// <summary>
/// An organisation joined a municipality's wijk network. <c>Kind</c> is one of municipality, police,
/// social-work, housing-corporation, resident-group, school, venue-operator, care, church, business,
/// media or other.
/// </summary>
public sealed record OrganisationRegistered(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OrganisationId,
    string Name,
    string Kind) : IIntegrationEvent;

/// <summary>An organisation was renamed or given another kind.</summary>
public sealed record OrganisationChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OrganisationId,
    string Name,
    string Kind) : IIntegrationEvent;

/// <summary>An organisation left the network (it is kept for history, no longer listed).</summary>
public sealed record OrganisationEnded(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OrganisationId) : IIntegrationEvent;
