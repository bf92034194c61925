namespace Buurt.Messaging.Outbox;

/// <summary>Settings of the outbox dispatcher (configuration section "Outbox").</summary>
public sealed class OutboxOptions
{
    /// <summary>How many messages one dispatcher claims per transaction.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// Dispatch loops per replica. While one publishes its batch and marks it sent, a write's signal
    /// wakes another, which claims the new rows at once (the first one's rows stay locked to it).
    /// </summary>
    public int Loops { get; set; } = 2;

    /// <summary>How often to look for work when no local write signalled any (other replicas, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed publishes of one message (while the broker was up) before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Sent messages are kept this long (for tracing and replay), then deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Inbox records are kept this long; a redelivery older than this would count as new. Far above
    /// any broker retry or outbox replay window.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often backlog metrics are read and old rows cleaned up.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Exponential: MinBackoff doubled per attempt, capped at MaxBackoff.</summary>
    public TimeSpan Backoff(int attempt) => ServiceDefaults.Domain.Backoff.Doubling(attempt, MinBackoff, MaxBackoff);
}
