namespace Buurt.Notifications.Domain;

/// <summary>
/// A message in a person's in-app inbox, written in their language when it was made. At most one
/// per event and person (a unique key). Deleted after <see cref="Retention.Messages"/>.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid AccountId { get; private set; }

    /// <summary>The event it came from: with the account, the delivery key of the in-app channel.</summary>
    public Guid EventId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>Where the app takes the reader (a path on the municipality's host), if anywhere.</summary>
    public string? Link { get; private set; }

    /// <summary>What it is about, for the app (an initiative's id).</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>When what it tells happened: the inbox is ordered by it.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public static Notification For(Message message, Recipient recipient, RenderedMessage rendered, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = recipient.TenantId,
        AccountId = recipient.AccountId,
        EventId = message.EventId,
        Kind = message.Kind,
        Title = rendered.Subject,
        Body = rendered.Text,
        Link = message.Link,
        SubjectId = message.SubjectId,
        OccurredAt = message.OccurredAt,
        CreatedAt = now,
    };

    /// <summary>Read now, unless it was read before (the first time stays).</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

/// <summary>How long messages are kept.</summary>
public static class Retention
{
    /// <summary>In-app notifications and sent or dead-lettered mails are deleted after this.</summary>
    public static readonly TimeSpan Messages = TimeSpan.FromDays(90);
}
