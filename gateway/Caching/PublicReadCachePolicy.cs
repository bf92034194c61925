using Buurt.Gateway.Tenancy;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace Buurt.Gateway.Caching;

/// <summary>
/// Caches anonymous GETs, shared by every gateway replica, for as long as the service says: only
/// responses with <c>Cache-Control: public, max-age=N</c> are stored. The services know how fresh
/// their data must be; the gateway only shares the copies. The tenant is in the key. A request
/// with credentials is never looked up nor stored.
/// </summary>
public sealed class PublicReadCachePolicy : IOutputCachePolicy
{
    public const string Name = "public-read";

    // Addresses whose last answer the service did not mark public, for a while ("Gateway:NotPublicFor",
    // default 10 s). Such a request skips the output cache entirely: a lookup that always misses
    // (a Redis round trip), the wait behind another request for the same address (which would not
    // be shared anyway) and the copy of the body. It only ever skips the cache, never serves from
    // it: an address the service starts marking public is stored once its mark has expired.
    private readonly MemoryCache _notPublic = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeSpan _notPublicFor;

    public PublicReadCachePolicy(IConfiguration configuration) =>
        _notPublicFor = configuration.GetValue("Gateway:NotPublicFor", TimeSpan.FromSeconds(10));

    private static readonly string[] s_varyByHeaders = [HeaderNames.Accept, HeaderNames.AcceptLanguage];

    /// <summary>
    /// Whether an answer to the request could ever be shared: not with credentials (a token or a
    /// cookie), whatever the service says about it.
    /// </summary>
    public static bool MayBeShared(HttpContext context) =>
        !context.Request.Headers.ContainsKey(HeaderNames.Authorization) && !context.Request.Headers.ContainsKey(HeaderNames.Cookie);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && MayBeShared(context.HttpContext);
        var tenant = context.HttpContext.Items[TenantMiddleware.TenantItemKey] as string ?? "-";
        cacheable = cacheable && !_notPublic.TryGetValue(Address(context.HttpContext, tenant), out _);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        if (cacheable)
        {
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.HeaderNames = s_varyByHeaders;
            context.CacheVaryByRules.VaryByValues["tenant"] = tenant;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>
    /// Decided again once the answer is complete (for answers without a body, and those the gateway
    /// gives itself); a proxied answer was decided by <see cref="DecideStorage"/> before its body.
    /// </summary>
    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        DecideStorage(context);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Stores the answer for the max-age the service gave it, or not at all. Must run before the
    /// body starts (the proxy's response transform calls it): the output cache fixes an entry's
    /// lifetime when the first byte is written, after which a max-age set here would be ignored.
    /// </summary>
    public void DecideStorage(OutputCacheContext context)
    {
        if (!context.AllowCacheStorage)
        {
            return;
        }
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || !CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var cacheControl)
            || !cacheControl.Public
            || cacheControl.NoStore
            || cacheControl.MaxAge is not { } maxAge
            || maxAge <= TimeSpan.Zero)
        {
            var address = Address(context.HttpContext, context.HttpContext.Items[TenantMiddleware.TenantItemKey] as string ?? "-");
            _notPublic.Set(address, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _notPublicFor, Size = 1 });
            context.AllowCacheStorage = false;
            return;
        }
        context.ResponseExpirationTimeSpan = maxAge;
    }

    /// <summary>What the cache key varies by, as one string.</summary>
    private static string Address(HttpContext context, string tenant)
    {
        var request = context.Request;
        return string.Join('\n', tenant, request.Path.Value, request.QueryString.Value,
            request.Headers.Accept.ToString(), request.Headers.AcceptLanguage.ToString());
    }
}
