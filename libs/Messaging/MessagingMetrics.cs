using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Buurt.Messaging;

/// <summary>Outbox backlog and age, publishes, dead letters and inbox duplicates ("Buurt.Messaging" meter).</summary>
public sealed class MessagingMetrics : IDisposable
{
    public const string Name = "Buurt.Messaging";

    internal static readonly ActivitySource s_activities = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _duplicates;
    private OutboxBacklog _backlog;

    public MessagingMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _published = _meter.CreateCounter<long>("buurt.outbox.published", "{message}", "Outbox messages published to the broker.");
        _publishFailures = _meter.CreateCounter<long>("buurt.outbox.publish_failures", "{message}", "Failed attempts to publish an outbox message.");
        _deadLettered = _meter.CreateCounter<long>("buurt.outbox.dead_lettered", "{message}", "Outbox messages given up on after too many failures.");
        _applied = _meter.CreateCounter<long>("buurt.inbox.applied", "{message}", "Messages applied by a consumer.");
        _duplicates = _meter.CreateCounter<long>("buurt.inbox.duplicates", "{message}", "Redelivered messages skipped because their effect was already applied.");
        _meter.CreateObservableGauge("buurt.outbox.pending", () => _backlog.Pending, "{message}", "Outbox messages not yet published.");
        _meter.CreateObservableGauge("buurt.outbox.oldest_pending_age", () => _backlog.OldestAge.TotalSeconds, "s", "Age of the oldest unpublished outbox message.");
        _meter.CreateObservableGauge("buurt.outbox.dead_letters", () => _backlog.DeadLettered, "{message}", "Outbox messages waiting for an operator's replay.");
    }

    internal void Published() => _published.Add(1);

    internal void PublishFailed() => _publishFailures.Add(1);

    internal void DeadLettered() => _deadLettered.Add(1);

    internal void Applied(string consumer, int count = 1)
    {
        if (count > 0)
        {
            _applied.Add(count, new KeyValuePair<string, object?>("consumer", consumer));
        }
    }

    internal void DuplicateSkipped(string consumer, int count = 1)
    {
        if (count > 0)
        {
            _duplicates.Add(count, new KeyValuePair<string, object?>("consumer", consumer));
        }
    }

    internal void Observe(OutboxBacklog backlog) => _backlog = backlog;

    public void Dispose() => _meter.Dispose();
}

internal readonly record struct OutboxBacklog(long Pending, TimeSpan OldestAge, long DeadLettered);
