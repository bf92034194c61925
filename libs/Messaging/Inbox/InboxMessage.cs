namespace Buurt.Messaging.Inbox;

/// <summary>A message a consumer has applied, recorded in the same transaction as its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    /// <summary>The queue the consumer reads: one message may be applied once per consumer.</summary>
    public string Consumer { get; set; } = "";

    public string? TenantId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
