namespace Buurt.Contracts;

/// <summary>
/// An integration event: an immutable fact one service tells the others, in the past tense.
/// MassTransit routes by namespace and type name, so never rename or move an event; a change
/// that would break a consumer becomes a new event type.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The tenant (municipality slug) the fact belongs to.</summary>
    string TenantId { get; }

    /// <summary>Unique per event; also the message id on the bus, so consumers can deduplicate.</summary>
    Guid EventId { get; }

    /// <summary>When the fact happened, with its offset.</summary>
    DateTimeOffset OccurredAt { get; }
}
