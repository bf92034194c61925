using Microsoft.Extensions.Caching.Memory;

namespace Buurt.Calendar.Api;

/// <summary>
/// The feeds this replica built, by their ETag (which covers everything a feed shows): a calendar
/// app polls a wijk's feed far more often than the wijk's agenda changes, and building one with
/// Ical.Net costs tens of milliseconds where reading its ETag costs one query. A change makes a new
/// ETag, so a stale feed is never served; old ones age out. Bounded in size.
/// </summary>
public sealed class FeedCache : IDisposable
{
    /// <summary>The most this replica keeps, counted as UTF-16 bytes.</summary>
    public const long SizeLimit = 64L * 1024 * 1024;

    private readonly MemoryCache _feeds = new(new MemoryCacheOptions { SizeLimit = SizeLimit });

    public async Task<string> GetOrBuildAsync(string key, Func<Task<string>> build)
    {
        if (_feeds.TryGetValue(key, out string? body))
        {
            return body!;
        }
        body = await build();
        _feeds.Set(key, body, new MemoryCacheEntryOptions { Size = body.Length * 2L, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return body;
    }

    public void Dispose() => _feeds.Dispose();
}
