namespace Buurt.Contracts.Contacts;

/// <summary>
/// A person holds a function (wijkregisseur, wijkagent, ...) for an organisation in one or more
/// wijken, from <c>From</c> and, when known, until <c>Until</c> (both days included, local dates).
/// A hand-over is a new assignment: whatever names "the wijkagent of Zuid" follows it on the day it
/// starts. The person's name is here because it is shown with the function; their contact details
/// never are (they depend on consent, which only the contacts service applies).
/// </summary>
public sealed record AssignmentRegistered(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AssignmentId,
    Guid PersonId,
    string PersonName,
    Guid OrganisationId,
    string Function,
    IReadOnlyList<Guid> AreaIds,
    DateOnly From,
    DateOnly? Until) : IIntegrationEvent;

/// <summary>An assignment now covers other wijken.</summary>
public sealed record AssignmentChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AssignmentId,
    IReadOnlyList<Guid> AreaIds) : IIntegrationEvent;

/// <summary>An assignment ends on <c>Until</c> (its last day), by hand-over or by itself; a later event may move the day.</summary>
public sealed record AssignmentEnded(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AssignmentId,
    DateOnly Until) : IIntegrationEvent;
