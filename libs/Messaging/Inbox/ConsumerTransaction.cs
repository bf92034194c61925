using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Buurt.Messaging.Inbox;

/// <summary>One consumed message as one database transaction: the inbox record, the effect and any new outbox events.</summary>
internal interface IConsumerTransaction : IAsyncDisposable
{
    /// <summary>Starts the transaction; false when this consumer already applied the message.</summary>
    Task<bool> BeginAsync(Guid messageId, string consumer, string? tenantId, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

internal sealed class ConsumerTransaction<TDbContext>(TDbContext db) : IConsumerTransaction
    where TDbContext : DbContext
{
    private IDbContextTransaction? _transaction;

    public async Task<bool> BeginAsync(Guid messageId, string consumer, string? tenantId, CancellationToken cancellationToken)
    {
        // A retry reuses the scope: forget whatever the failed attempt tracked.
        db.ChangeTracker.Clear();
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent duplicate blocks on the key until the first commits, then inserts nothing.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO inbox_messages (message_id, consumer, tenant_id, processed_at)
            VALUES ({messageId}, {consumer}, {tenantId}, {DateTimeOffset.UtcNow})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await _transaction!.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}
