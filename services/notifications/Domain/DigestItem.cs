namespace Buurt.Notifications.Domain;

/// <summary>
/// A message a person chose to read in their daily digest instead of a mail of its own: its subject
/// in their language and where it leads, until the digest takes it. At most one per event and
/// person (a unique key: the e-mail channel's delivery key for what goes into the digest).
/// </summary>
public sealed class DigestItem
{
    private DigestItem()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid AccountId { get; private set; }

    public Guid EventId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Subject { get; private set; } = "";

    /// <summary>The full address to read more, if any.</summary>
    public string? Link { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the digest that told it was queued.</summary>
    public DateTimeOffset? DigestedAt { get; private set; }

    public static DigestItem Hold(Message message, Recipient recipient, RenderedMessage rendered, string? link, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = recipient.TenantId,
        AccountId = recipient.AccountId,
        EventId = message.EventId,
        Kind = message.Kind,
        Subject = rendered.Subject,
        Link = link,
        OccurredAt = message.OccurredAt,
        CreatedAt = now,
    };

    public void Digested(DateTimeOffset at) => DigestedAt = at;
}
