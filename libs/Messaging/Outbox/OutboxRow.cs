using System.Diagnostics;
using System.Text.Json;
using Buurt.Contracts;

namespace Buurt.Messaging.Outbox;

/// <summary>
/// The values of an event's outbox row, for a write that inserts the row with its own SQL (no EF
/// tracking), e.g. in the same statement as the change, so the event still commits with it. Insert
/// them into <see cref="MessagingModel.OutboxTable"/> as <see cref="Columns"/> says; the dispatcher
/// then publishes the row like any other.
/// </summary>
public sealed record OutboxRow(
    Guid Id,
    string Type,
    string Payload,
    string TenantId,
    string? TraceParent,
    string? TraceState,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The columns to insert, in this order: the record's values, then <c>CreatedAt</c> again as
    /// <c>next_attempt_at</c> (publish at once) and <c>0</c> attempts. <c>sequence</c> is the table's own.
    /// </summary>
    public const string Columns = "id, type, payload, tenant_id, trace_parent, trace_state, occurred_at, created_at, next_attempt_at, attempts";

    /// <summary>The row for an event raised now, in the current trace (as <see cref="MessagingModel.AddIntegrationEvent"/> writes it).</summary>
    public static OutboxRow For(IIntegrationEvent message, DateTimeOffset now) => For(message, Activity.Current, now);

    internal static OutboxRow For(IIntegrationEvent message, Activity? activity, DateTimeOffset now)
    {
        var type = message.GetType();
        return new(
            message.EventId,
            $"{type.FullName}, {type.Assembly.GetName().Name}",
            JsonSerializer.Serialize(message, type, OutboxMessage.s_json),
            message.TenantId,
            activity?.Id,
            activity?.TraceStateString,
            message.OccurredAt,
            now);
    }

    /// <summary>
    /// How the payload names an event's property (<c>Position</c> → <c>position</c>), for SQL that
    /// fills in a value only the statement knows (<c>jsonb_set(payload, '{position}', ...)</c>).
    /// </summary>
    public static string PayloadName(string propertyName) =>
        OutboxMessage.s_json.PropertyNamingPolicy?.ConvertName(propertyName) ?? propertyName;
}
