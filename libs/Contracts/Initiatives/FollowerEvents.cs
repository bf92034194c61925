namespace Buurt.Contracts.Initiatives;

/// <summary>
/// A service that copies who follows an initiative (notifications, at its start) asks for all of it,
/// so supports and comments made before <see cref="InitiativeSupported"/> and <see cref="CommentPosted"/>
/// existed, or lost to a purged queue, are not missed; initiatives answers with an
/// <see cref="InitiativeFollowersReplayed"/> per initiative. <c>Requester</c> names the asking service.
/// </summary>
public sealed record FollowersReplayRequested(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Requester) : IIntegrationEvent;

/// <summary>
/// Who follows an initiative as initiatives knows it now (the answer to <see cref="FollowersReplayRequested"/>):
/// its initiator and title, each resident who supports it (<c>Since</c>: when they supported it) and
/// each who commented on it (<c>Since</c>: their newest comment). The times are the facts' own, so a
/// copy keeps whichever fact is newest: a withdrawal it heard after the support still ends it. One
/// who withdrew their support is not listed: <c>OccurredAt</c> is taken before the snapshot is read,
/// so a copy may end a support it holds that is missing here and minutes older than that (its
/// withdrawal was lost); a newer one may have been committed after the read.
/// </summary>
public sealed record InitiativeFollowersReplayed(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid AreaId,
    Guid InitiatorId,
    string Title,
    IReadOnlyList<InitiativeFollowerFact> Supporters,
    IReadOnlyList<InitiativeFollowerFact> Commenters) : IIntegrationEvent;

/// <summary>A resident who follows an initiative, and since when (see <see cref="InitiativeFollowersReplayed"/>).</summary>
public sealed record InitiativeFollowerFact(Guid ResidentId, DateTimeOffset Since);
