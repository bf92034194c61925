namespace Buurt.Contracts.Contacts;

/// <summary>
/// When a venue is open on one day of the week, in local wall time of the municipality
/// (Europe/Amsterdam); a day may have several periods.
/// </summary>
public sealed record VenueOpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// A venue (community centre, library, school hall) where events and office hours can take place:
/// the calendar offers it as a location. <c>AreaId</c> is its wijk, <c>OrganisationId</c> who runs it.
/// </summary>
public sealed record VenueRegistered(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid VenueId,
    string Name,
    Guid? AreaId,
    Guid? OrganisationId,
    string Address,
    string? Postcode,
    string City,
    double Lat,
    double Lon,
    IReadOnlyList<VenueOpeningHours> OpeningHours,
    string? AccessibilityNotes) : IIntegrationEvent;

/// <summary>A venue's details changed; the event carries all of them, as they are now.</summary>
public sealed record VenueChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid VenueId,
    string Name,
    Guid? AreaId,
    Guid? OrganisationId,
    string Address,
    string? Postcode,
    string City,
    double Lat,
    double Lon,
    IReadOnlyList<VenueOpeningHours> OpeningHours,
    string? AccessibilityNotes) : IIntegrationEvent;

/// <summary>A venue is no longer available (closed, sold); what was planned there needs another place.</summary>
public sealed record VenueEnded(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid VenueId) : IIntegrationEvent;

/// <summary>
/// A service that copies venues and assignments asks for all of them (the calendar, at its start, so
/// what was published before its queue existed is not missed); contacts answers with a
/// <see cref="VenueRegistered"/> per venue in use and an <c>AssignmentRegistered</c> (with its
/// current wijken and end) per assignment that has not ended; a consumer keeps whichever fact is newest (<c>OccurredAt</c>). <c>Requester</c> names the asking service.
/// </summary>
public sealed record NetworkReplayRequested(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Requester) : IIntegrationEvent;
