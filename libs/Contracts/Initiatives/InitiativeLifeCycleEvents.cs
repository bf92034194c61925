namespace Buurt.Contracts.Initiatives;

/// <summary>
/// An initiative moved in its life cycle. <c>From</c> and <c>To</c> are the API's status names
/// (<c>submitted</c>, <c>internal-check</c>, ..., <c>declined</c>). The fields after them came later
/// (null in events published before them): the initiator, the title, the move's note, the reason
/// of a decline and the date the next answer is promised by, for the initiator's notification.
/// </summary>
public sealed record InitiativeStatusChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    string From,
    string To,
    Guid? InitiatorId = null,
    string? Title = null,
    string? Note = null,
    string? Reason = null,
    DateOnly? AnswerDueBy = null) : IIntegrationEvent;

/// <summary>The initiators took their initiative back before the deal was accepted; a reservation for it is released.</summary>
public sealed record InitiativeWithdrawn(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId) : IIntegrationEvent;

/// <summary>The director declined the initiative with a reason the residents see; a reservation for it is released.</summary>
public sealed record InitiativeDeclined(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    string Reason) : IIntegrationEvent;

/// <summary>
/// The initiative was carried out. <c>FinalCost</c> (euros, two decimals) is what the wijk budget
/// really spent; what was committed above it is released.
/// </summary>
public sealed record InitiativeCompleted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    decimal FinalCost) : IIntegrationEvent;

/// <summary>
/// The answer promised for an initiative's stage is late: published once per breach, that is once
/// per initiative and stage (<c>Status</c>, an API status name) whose <c>DueBy</c> date has passed.
/// </summary>
public sealed record InitiativeAnswerOverdue(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    string Status,
    DateOnly DueBy) : IIntegrationEvent;

/// <summary>
/// The answer promised for an initiative's stage (<c>Status</c>, an API status name) is due in two
/// working days (<c>DueBy</c>; weekends and the municipality's holidays do not count): published
/// once per promise, so the wijk's directors can answer in time.
/// </summary>
public sealed record InitiativeAnswerDueSoon(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    string Status,
    DateOnly DueBy,
    string Title) : IIntegrationEvent;
