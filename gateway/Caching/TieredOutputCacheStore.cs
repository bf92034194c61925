using System.Buffers.Binary;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Buurt.Gateway.Caching;

/// <summary>
/// The output cache in two tiers: this replica's memory first, then Redis (shared by the replicas).
/// A hit in memory costs no round trip. Redis keeps each answer with the moment it stops being
/// fresh, so a copy a replica takes from Redis expires in its memory at that same moment, never
/// later: no replica serves an answer longer than the service's max-age.
/// </summary>
internal sealed class TieredOutputCacheStore(IOutputCacheStore shared, IMemoryCache local, TimeProvider time) : IOutputCacheStore
{
    // "BGC1" and the expiry (Unix milliseconds) before the entry; anything else in Redis is a miss.
    private const uint Magic = 0x42474331;
    private const int HeaderLength = 12;

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        // MemoryCache may hand out an entry a little past its expiry: the moment is checked here too.
        if (local.TryGetValue(key, out Copy? copy) && copy!.Expires > time.GetUtcNow())
        {
            return copy.Entry;
        }
        var stamped = await shared.GetAsync(key, cancellationToken);
        if (stamped is null || stamped.Length < HeaderLength || BinaryPrimitives.ReadUInt32BigEndian(stamped) != Magic)
        {
            return null;
        }
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(stamped.AsSpan(4)));
        if (expires <= time.GetUtcNow())
        {
            return null;
        }
        var entry = stamped[HeaderLength..];
        Remember(key, entry, expires);
        return entry;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + validFor;
        Remember(key, value, expires);
        var stamped = new byte[HeaderLength + value.Length];
        BinaryPrimitives.WriteUInt32BigEndian(stamped, Magic);
        BinaryPrimitives.WriteInt64BigEndian(stamped.AsSpan(4), expires.ToUnixTimeMilliseconds());
        value.CopyTo(stamped.AsSpan(HeaderLength));
        await shared.SetAsync(key, stamped, tags, validFor, cancellationToken);
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        // Memory does not know the tags: it forgets everything (its copies come back from Redis).
        (local as MemoryCache)?.Clear();
        await shared.EvictByTagAsync(tag, cancellationToken);
    }

    private void Remember(string key, byte[] entry, DateTimeOffset expires) =>
        local.Set(key, new Copy(entry, expires), new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = entry.Length });

    private sealed record Copy(byte[] Entry, DateTimeOffset Expires);
}
