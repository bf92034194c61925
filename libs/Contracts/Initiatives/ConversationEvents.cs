namespace Buurt.Contracts.Initiatives;

/// <summary>
/// The initiators or staff posted a progress update on an initiative: its followers (the
/// initiator, supporters, commenters) hear of it. <c>AuthorRole</c> is <c>initiator</c> or
/// <c>staff</c>; <c>Excerpt</c> is the update's first characters (at most 200), for a message.
/// <c>InitiatorId</c> and <c>Title</c> let a consumer that keeps its own copy know the initiative.
/// </summary>
public sealed record InitiativeUpdatePosted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Guid UpdateId,
    Guid AuthorId,
    string AuthorRole,
    string Excerpt,
    Guid InitiatorId,
    string Title) : IIntegrationEvent;

/// <summary>A resident commented on an initiative (and so follows it).</summary>
public sealed record CommentPosted(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Guid CommentId,
    Guid AuthorId) : IIntegrationEvent;

/// <summary>
/// A comment was reported for the first time (later reports of the same comment raise nothing; the
/// moderation queue counts them). <c>Reason</c> is the first reporter's words.
/// </summary>
public sealed record CommentReported(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Guid CommentId,
    string Reason,
    string Title) : IIntegrationEvent;

/// <summary>A resident of the wijk supports an initiative (and so follows it).</summary>
public sealed record InitiativeSupported(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Guid ResidentId) : IIntegrationEvent;

/// <summary>A resident took their support back (they may still follow it as a commenter).</summary>
public sealed record InitiativeSupportWithdrawn(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Guid ResidentId) : IIntegrationEvent;
