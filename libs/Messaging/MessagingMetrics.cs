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
    private readonly Histogram<int> _groupSize;
    private readonly Histogram<double> _groupLatency;
    private OutboxBacklog _backlog;

    public MessagingMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _published = _meter.CreateCounter<long>("buurt.outbox.published", "{message}", "Outbox messages published to the broker.");
        _publishFailures = _meter.CreateCounter<long>("buurt.outbox.publish_failures", "{message}", "Failed attempts to publish an outbox message.");
        _deadLettered = _meter.CreateCounter<long>("buurt.outbox.dead_lettered", "{message}", "Outbox messages given up on after too many failures.");
        _applied = _meter.CreateCounter<long>("buurt.inbox.applied", "{message}", "Messages applied by a consumer.");
        _duplicates = _meter.CreateCounter<long>("buurt.inbox.duplicates", "{message}", "Redelivered messages skipped because their effect was already applied.");
        _groupSize = _meter.CreateHistogram("buurt.inbox.group_size", "{message}", "Messages a group consumer applied in one transaction.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100] });
        _groupLatency = _meter.CreateHistogram("buurt.inbox.group_latency", "s", "From a grouped message's arrival at its consumer to the commit of its group.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
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

    internal void GroupCommitted(string consumer, int size) => _groupSize.Record(size, new KeyValuePair<string, object?>("consumer", consumer));

    internal void GroupWaited(string consumer, TimeSpan latency) =>
        _groupLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("consumer", consumer));

    internal void Observe(OutboxBacklog backlog) => _backlog = backlog;

    public void Dispose() => _meter.Dispose();
}

internal readonly record struct OutboxBacklog(long Pending, TimeSpan OldestAge, long DeadLettered);
