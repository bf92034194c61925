using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Buurt.ServiceDefaults.Data;

/// <summary>
/// A use case's write: a transaction of its own, or a share in one already open (an idempotency
/// key's, the inbox's, a caller's that groups several writes), so the same use case runs from a
/// plain endpoint, a keyed one or a consumer. <see cref="CommitAsync"/> saves, and commits only a
/// transaction it began; disposing an uncommitted one of its own rolls it back.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly IDbContextTransaction? _own;

    private WriteTransaction(DbContext db, IDbContextTransaction? own) => (_db, _own) = (db, own);

    internal static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken) =>
        new(db, db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _db.SaveChangesAsync(cancellationToken);
        if (_own is not null)
        {
            await _own.CommitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>Starting a <see cref="WriteTransaction"/>.</summary>
public static class WriteTransactions
{
    /// <summary>Begins a transaction, or joins the one already open.</summary>
    public static Task<WriteTransaction> BeginWriteAsync(this DbContext db, CancellationToken cancellationToken) =>
        WriteTransaction.BeginAsync(db, cancellationToken);
}
