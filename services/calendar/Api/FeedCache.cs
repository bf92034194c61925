using Microsoft.Extensions.Caching.Memory;

namespace Buurt.Calendar.Api;

/// <summary>
/// The feeds this replica built, by their ETag (which covers everything a feed shows), and each
/// activity's serialized events, by its version: a calendar app polls a wijk's feed far more often
/// than the wijk's agenda changes, and Ical.Net's serializer costs tens of milliseconds for a busy
/// wijk where reading the ETag costs one query. A change makes a new ETag and a new version, so
/// nothing stale is served; old entries age out. Bounded in size.
/// </summary>
public sealed class FeedCache : IDisposable
{
    /// <summary>The most this replica keeps, counted as UTF-16 bytes.</summary>
    public const long SizeLimit = 64L * 1024 * 1024;

    private readonly MemoryCache _feeds = new(new MemoryCacheOptions { SizeLimit = SizeLimit });

    public async Task<string> GetOrBuildAsync(string key, Func<Task<string>> build) =>
        _feeds.TryGetValue(key, out string? text) ? text! : Keep(key, await build());

    /// <summary>The same for a part of a feed (an activity's events, by its version).</summary>
    public string GetOrBuild(string key, Func<string> build) =>
        _feeds.TryGetValue(key, out string? text) ? text! : Keep(key, build());

    private string Keep(string key, string text) =>
        _feeds.Set(key, text, new MemoryCacheEntryOptions { Size = text.Length * 2L, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _feeds.Dispose();
}
