using Npgsql;

namespace Buurt.Testing;

/// <summary>A database of a fixture's own; the service's migrations create it, disposal drops it.</summary>
public sealed class TestDatabase(string prefix) : IAsyncDisposable
{
    public string Name { get; } = TestServers.UniqueName(prefix);

    public string ConnectionString => $"{TestServers.Postgres};Database={Name}";

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection($"{TestServers.Postgres};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
