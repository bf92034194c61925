using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Buurt.Messaging.Inbox;

/// <summary>Consumed messages as one database transaction: their inbox records, the effect and any new outbox events.</summary>
internal interface IConsumerTransaction : IAsyncDisposable
{
    /// <summary>Starts the transaction and records the messages; returns the ids this consumer had not applied yet.</summary>
    Task<HashSet<Guid>> BeginAsync(Guid[] messageIds, string consumer, string? tenantId, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>What names a consumer's inbox records.</summary>
internal static class InboxRecord
{
    /// <summary>The queue the consumer reads: one message may be applied once per consumer.</summary>
    public static string ConsumerOf(ConsumeContext context) => context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1];
}

internal sealed class ConsumerTransaction<TDbContext>(TDbContext db) : IConsumerTransaction
    where TDbContext : DbContext
{
    private IDbContextTransaction? _transaction;

    public async Task<HashSet<Guid>> BeginAsync(Guid[] messageIds, string consumer, string? tenantId, CancellationToken cancellationToken)
    {
        // A retry reuses the scope: forget whatever the failed attempt tracked.
        db.ChangeTracker.Clear();
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent duplicate blocks on the key until the first commits, then inserts nothing.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _transaction.GetDbTransaction();
        command.CommandText = """
            INSERT INTO inbox_messages (message_id, consumer, tenant_id, processed_at)
            SELECT id, @consumer, @tenant, @now FROM unnest(@ids) AS id
            ON CONFLICT DO NOTHING
            RETURNING message_id
            """;
        Add(command, "ids", messageIds);
        Add(command, "consumer", consumer);
        Add(command, "tenant", (object?)tenantId ?? DBNull.Value);
        Add(command, "now", DateTimeOffset.UtcNow);
        var fresh = new HashSet<Guid>(messageIds.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetGuid(0));
        }
        return fresh;
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

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
