using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Buurt.ServiceDefaults.Api;

/// <summary>
/// Marks an endpoint's successful answers <c>Cache-Control: public, max-age=N</c>: the gateway
/// then shares them between callers of the same tenant for that long. Only for data that is public
/// and may be that stale.
/// </summary>
public static class PublicCaching
{
    public static TBuilder CachePublicly<TBuilder>(this TBuilder builder, TimeSpan maxAge)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            MarkPublic(context.HttpContext.Response, maxAge);
            return await next(context);
        });

    /// <summary>
    /// The same for answers to anonymous callers only, for an endpoint that shows a signed-in caller
    /// more than the public sees: such an answer must never be marked for shared caches.
    /// </summary>
    public static TBuilder CachePubliclyWhenAnonymous<TBuilder>(this TBuilder builder, TimeSpan maxAge)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.User.Identity?.IsAuthenticated != true)
            {
                MarkPublic(context.HttpContext.Response, maxAge);
            }
            return await next(context);
        });

    private static void MarkPublic(HttpResponse response, TimeSpan maxAge) =>
        response.OnStarting(() =>
        {
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                response.Headers.CacheControl = "public, max-age=" + ((int)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        });
}
