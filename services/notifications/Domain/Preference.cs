using Buurt.ServiceDefaults.Domain;

namespace Buurt.Notifications.Domain;

/// <summary>A person's choice for one kind on one channel. No row: the default (<see cref="Preferences.Default"/>).</summary>
public sealed class Preference
{
    private Preference()
    {
    }

    public string TenantId { get; private set; } = "";

    public Guid AccountId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public Channel Channel { get; private set; }

    public Delivery Delivery { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>A choice; a transactional kind cannot be switched off (refused naming <paramref name="field"/>).</summary>
    public static Preference Choose(string tenantId, Guid accountId, NotificationKind kind, Channel channel, Delivery delivery, DateTimeOffset now, string field = "kind")
    {
        Preferences.EnsureChangeable(kind, field);
        return new Preference { TenantId = tenantId, AccountId = accountId, Kind = kind, Channel = channel, Delivery = delivery, ChangedAt = now };
    }

    public void Change(Delivery delivery, DateTimeOffset now) => (Delivery, ChangedAt) = (delivery, now);
}

/// <summary>The rules of preferences.</summary>
public static class Preferences
{
    /// <summary>Everything arrives at once until the person chooses otherwise.</summary>
    public const Delivery Default = Delivery.Immediately;

    /// <summary>How a kind reaches a person on a channel, given their stored choice (null: none made).</summary>
    public static Delivery Effective(NotificationKind kind, Delivery? chosen) =>
        kind.IsTransactional() ? Delivery.Immediately : chosen ?? Default;

    /// <summary>A choice the channel allows (the digest is e-mail only), else refused naming <paramref name="field"/>.</summary>
    public static void EnsureAllowed(Channel channel, Delivery delivery, string field)
    {
        if (!channel.Allows(delivery))
        {
            throw RuleException.Invalid(field, $"'{delivery.ApiName()}' is for e-mail only; the app lists everything as it comes.");
        }
    }

    public static void EnsureChangeable(NotificationKind kind, string field)
    {
        if (kind.IsTransactional())
        {
            throw RuleException.Invalid(field, $"'{kind.ApiName()}' messages are part of using your account and cannot be switched off.");
        }
    }
}
