using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Buurt.Messaging.Outbox;

/// <summary>
/// Stores what tracked aggregates raised and recorded in the same <c>SaveChanges</c> as their
/// change: events go to the outbox, recorded rows (timeline, ledger) are inserted. A caller cannot
/// forget an event, and an event never leaves without its change.
/// </summary>
internal sealed class RaisedEventsInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        foreach (var entry in db.ChangeTracker.Entries<Aggregate>().ToList())
        {
            Store(db, entry.Entity);
        }
    }

    private static void Store(DbContext db, Aggregate aggregate)
    {
        foreach (var row in aggregate.TakeRecordedRows())
        {
            db.Add(row);
            if (row is Aggregate recorded)
            {
                Store(db, recorded);
            }
        }
        foreach (var integrationEvent in aggregate.TakeRaisedEvents())
        {
            db.AddIntegrationEvent(integrationEvent);
        }
    }
}
