using System.Diagnostics;
using System.Text.Json;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Api;

namespace Buurt.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, stored in the same transaction as the change
/// that caused it. Its id is the event id and becomes the message id on the bus.
/// </summary>
public sealed class OutboxMessage
{
    internal static readonly JsonSerializerOptions s_json = CreateJsonOptions();

    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Publish order: events leave in the order they were written.</summary>
    public long Sequence { get; private set; }

    /// <summary>The event's CLR type, "Namespace.Type, Assembly" (stable: the bus routes by it too).</summary>
    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public string TenantId { get; private set; } = "";

    /// <summary>The W3C trace context of the change, so the trace continues over the bus.</summary>
    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Set when publishing failed too often; such a message waits for an operator's replay.</summary>
    public DateTimeOffset? DeadLetteredAt { get; private set; }

    public string? LastError { get; private set; }

    internal static OutboxMessage For(IIntegrationEvent message, Activity? activity, DateTimeOffset now)
    {
        var row = OutboxRow.For(message, activity, now);
        return new OutboxMessage
        {
            Id = row.Id,
            Type = row.Type,
            Payload = row.Payload,
            TenantId = row.TenantId,
            TraceParent = row.TraceParent,
            TraceState = row.TraceState,
            OccurredAt = row.OccurredAt,
            CreatedAt = row.CreatedAt,
            NextAttemptAt = row.CreatedAt,
        };
    }

    /// <summary>Published. A message that carries a secret (<see cref="Contracts.ICarriesSecret"/>) keeps no copy of it.</summary>
    internal void MarkSent(DateTimeOffset now, bool carriesSecret = false)
    {
        SentAt = now;
        LastError = null;
        if (carriesSecret)
        {
            Payload = "{}";
        }
    }

    internal void RecordFailure(string error, DateTimeOffset now, OutboxOptions options)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= options.MaxAttempts)
        {
            DeadLetteredAt = now;
            return;
        }
        NextAttemptAt = now + options.Backoff(Attempts);
    }

    internal void DeadLetter(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error;
        DeadLetteredAt = now;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonConventions.Apply(options);
        return options;
    }
}
