using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurt.ServiceDefaults.Background;

/// <summary>
/// A periodic pass over due rows of every tenant, batch by batch: each step claims up to
/// <c>batch</c> rows (its query says FOR UPDATE SKIP LOCKED) and acts on them (usually raising events
/// into the outbox) in one transaction of its own, so replicas share the work and never act twice,
/// and a crash before the commit leaves the rows for the next beat. A step runs again while it
/// claims a full batch.
/// </summary>
public abstract class ClaimingWatch<TDbContext>(
    IServiceScopeFactory scopes, int batch, TimeProvider time, ILogger logger,
    params Func<TDbContext, DateTimeOffset, CancellationToken, Task<int>>[] steps) : PeriodicService(time, logger)
    where TDbContext : DbContext
{
    protected sealed override Task RunOnceAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    /// <summary>One pass, every step in order; returns how many rows the steps claimed.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var claimed = 0;
        foreach (var step in steps)
        {
            int found;
            do
            {
                found = await InBatchAsync(step, cancellationToken);
                claimed += found;
            }
            while (found == batch);
        }
        return claimed;
    }

    private async Task<int> InBatchAsync(Func<TDbContext, DateTimeOffset, CancellationToken, Task<int>> step, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await step(db, Time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
