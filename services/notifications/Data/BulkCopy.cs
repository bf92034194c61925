using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

namespace Buurt.Notifications.Data;

/// <summary>
/// Writes many new rows of one entity with PostgreSQL's binary COPY, in the context's open
/// transaction: thousands of notifications in a few milliseconds where EF's change tracker and
/// batched INSERTs took seconds. The columns come from the EF model (names, value converters), so a
/// new property is copied without touching this; identity columns are left to the database. A row
/// that breaks a unique key fails the COPY and with it the transaction, as a failed SaveChanges would.
/// </summary>
public static class BulkCopy
{
    public static async Task CopyAsync<T>(this NotificationsDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk copy joins the caller's transaction; start one first.");
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.GetValueGenerationStrategy() is not (NpgsqlValueGenerationStrategy.IdentityAlwaysColumn or NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
                or NpgsqlValueGenerationStrategy.SerialColumn) && p.GetComputedColumnSql() is null)
            .Select(p => (Property: p, Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter))
            .ToList();
        if (columns.FirstOrDefault(c => c.Property.IsShadowProperty()) is { Property: { } shadow })
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{shadow.Name} is a shadow property; a bulk copy reads only the row's own properties.");
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var (_, getter, converter) in columns)
            {
                var value = getter.GetClrValue(row);
                await WriteAsync(importer, converter is null || value is null ? value : converter.ConvertToProvider(value), cancellationToken);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken cancellationToken) => value switch
    {
        null => importer.WriteNullAsync(cancellationToken),
        Guid guid => importer.WriteAsync(guid, NpgsqlDbType.Uuid, cancellationToken),
        string text => importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
        bool flag => importer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
        int number => importer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
        long number => importer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
        // timestamptz takes UTC only (as EF's own writes do).
        DateTimeOffset moment => importer.WriteAsync(moment.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken),
        DateOnly day => importer.WriteAsync(day, NpgsqlDbType.Date, cancellationToken),
        TimeOnly time => importer.WriteAsync(time, NpgsqlDbType.Time, cancellationToken),
        _ => throw new NotSupportedException($"A bulk copy does not write {value.GetType().Name} values yet."),
    };
}
