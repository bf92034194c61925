using Buurt.Gateway.Tenancy;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Buurt.Gateway.Caching;

/// <summary>
/// Caches anonymous GETs in Redis, shared by every gateway replica, for as long as the service
/// says: only responses with <c>Cache-Control: public, max-age=N</c> are stored. The services know
/// how fresh their data must be; the gateway only shares the copies. The tenant is in the key.
/// </summary>
public sealed class PublicReadCachePolicy : IOutputCachePolicy
{
    public const string Name = "public-read";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Headers.ContainsKey(HeaderNames.Cookie);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = new[] { HeaderNames.Accept, HeaderNames.AcceptLanguage };
        context.CacheVaryByRules.VaryByValues["tenant"] =
            context.HttpContext.Items[TenantMiddleware.TenantItemKey] as string ?? "-";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || !CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var cacheControl)
            || !cacheControl.Public
            || cacheControl.NoStore
            || cacheControl.MaxAge is not { } maxAge
            || maxAge <= TimeSpan.Zero)
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        context.ResponseExpirationTimeSpan = maxAge;
        return ValueTask.CompletedTask;
    }
}
