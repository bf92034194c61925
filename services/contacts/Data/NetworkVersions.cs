using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Data;

/// <summary>
/// Answers worth keeping between requests (the "who" of a wijk and topic), per municipality, stamped
/// with the municipality's network version: a counter that PostgreSQL triggers raise in the same
/// transaction as any change to what the answers are made of (<c>network_versions</c>, see the
/// migration <c>NetworkVersions</c>). Every use reads the version first (one small query), so an answer
/// begun after a change's commit (a withdrawn consent, a hand-over) never gets a value from before it,
/// on any replica; what a value was loaded with is at least as new as its stamp. Off with
/// <c>Contacts:WhoCache=false</c> (the benchmark's "before").
/// </summary>
public sealed class NetworkVersions(IConfiguration configuration)
{
    /// <summary>Values kept per municipality before the oldest set is dropped (postcodes × topics × days).</summary>
    private const int MaxValues = 20_000;

    private readonly ConcurrentDictionary<string, Entry> _tenants = new();

    public bool Enabled { get; } = configuration.GetValue("Contacts:WhoCache", true);

    /// <summary>The value under <paramref name="key"/> as of the municipality's current version, loading it when there is none.</summary>
    public async Task<T> GetAsync<T>(ContactsDbContext db, string tenantId, string key, Func<Task<T>> load, CancellationToken cancellationToken)
        where T : class
    {
        if (!Enabled)
        {
            return await load();
        }
        var version = await db.NetworkVersionAsync(tenantId, cancellationToken);
        var entry = _tenants.AddOrUpdate(tenantId, _ => new Entry(version), (_, old) => old.Version < version ? new Entry(version) : old);
        if (entry.Version != version)
        {
            // This request read an older version than another already saw: it keeps nothing.
            return await load();
        }
        if (entry.Values.TryGetValue(key, out var kept))
        {
            return (T)kept;
        }
        var loaded = await load();
        if (entry.Values.Count >= MaxValues)
        {
            entry.Values.Clear();
        }
        entry.Values[key] = loaded;
        return loaded;
    }

    private sealed record Entry(long Version)
    {
        public ConcurrentDictionary<string, object> Values { get; } = new();
    }
}

/// <summary>The municipality's network version (0 before its first change).</summary>
public static class NetworkVersionQueries
{
    public static async Task<long> NetworkVersionAsync(this ContactsDbContext db, string tenantId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long>($"SELECT COALESCE((SELECT version FROM network_versions WHERE tenant_id = {tenantId}), 0) AS \"Value\"")
            .SingleAsync(cancellationToken);
}
