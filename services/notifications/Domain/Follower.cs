namespace Buurt.Notifications.Domain;

/// <summary>Why a resident follows an initiative (beside being its initiator, which the initiative's facts say).</summary>
public enum FollowReason
{
    /// <summary>They support it; taking the support back ends this reason.</summary>
    Supporter,

    /// <summary>They commented on it.</summary>
    Commenter,
}

/// <summary>
/// This service's copy of who follows an initiative and why, from the initiatives' events: one row
/// per initiative, account and reason. The events come in any order (each from its own queue), so a
/// row keeps the newest start and the newest end of its reason, and follows while the start is the
/// newer: a withdrawal that overtakes its support still wins, a support after a withdrawal counts again.
/// </summary>
public sealed class Follower
{
    private Follower()
    {
    }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid AccountId { get; private set; }

    public FollowReason Reason { get; private set; }

    /// <summary>When the newest start of this reason happened (null: only an end was heard).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the newest end of this reason happened (null: never ended).</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsFollowing => StartedAt is { } started && (EndedAt is not { } ended || started > ended);

    public static Follower Of(string tenantId, Guid initiativeId, Guid accountId, FollowReason reason) =>
        new() { TenantId = tenantId, InitiativeId = initiativeId, AccountId = accountId, Reason = reason };

    public void Started(DateTimeOffset at) => StartedAt = StartedAt is { } known && known >= at ? known : at;

    public void Ended(DateTimeOffset at) => EndedAt = EndedAt is { } known && known >= at ? known : at;
}
