using Buurt.Contracts;

namespace Buurt.ServiceDefaults.Domain;

/// <summary>
/// An entity whose changes tell others: it raises the integration events of a change and records
/// the rows that go with it (a timeline entry, a ledger entry). The service's DbContext stores
/// both in the same <c>SaveChanges</c> as the entity (the messaging library's interceptor), so no
/// caller has to remember to, and an event is published only if its change commits.
/// </summary>
public abstract class Aggregate
{
    private List<IIntegrationEvent>? _raised;
    private List<object>? _recorded;

    /// <summary>An event to publish when this change commits (through the outbox).</summary>
    protected void Raise(IIntegrationEvent integrationEvent) => (_raised ??= []).Add(integrationEvent);

    /// <summary>A new row that belongs to this change (its own entity), inserted with it.</summary>
    protected void Record(object row) => (_recorded ??= []).Add(row);

    /// <summary>The events raised since the last save, in order; the list is emptied.</summary>
    public IReadOnlyList<IIntegrationEvent> TakeRaisedEvents() => Take(ref _raised);

    /// <summary>The rows recorded since the last save, in order; the list is emptied.</summary>
    public IReadOnlyList<object> TakeRecordedRows() => Take(ref _recorded);

    private static IReadOnlyList<T> Take<T>(ref List<T>? list)
    {
        var taken = list ?? [];
        list = null;
        return taken;
    }
}
