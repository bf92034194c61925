using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Buurt.ServiceDefaults.Api;

/// <summary>
/// Marks an endpoint's successful answers <c>Cache-Control: public, max-age=N</c>: the gateway
/// then shares them between callers of the same tenant for that long. Only for data that is public
/// and may be that stale. An answer given as an <see cref="IResult"/> also gets an ETag of its
/// bytes, and a request whose <c>If-None-Match</c> names it gets 304 without the body.
/// </summary>
public static class PublicCaching
{
    public static TBuilder CachePublicly<TBuilder>(this TBuilder builder, TimeSpan maxAge)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            MarkPublic(context.HttpContext.Response, maxAge);
            return WithETag(await next(context));
        });

    /// <summary>
    /// The same for answers to anonymous callers only, for an endpoint that shows a signed-in caller
    /// more than the public sees: such an answer must never be marked for shared caches.
    /// </summary>
    public static TBuilder CachePubliclyWhenAnonymous<TBuilder>(this TBuilder builder, TimeSpan maxAge)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.User.Identity?.IsAuthenticated == true)
            {
                return await next(context);
            }
            MarkPublic(context.HttpContext.Response, maxAge);
            return WithETag(await next(context));
        });

    private static void MarkPublic(HttpResponse response, TimeSpan maxAge) =>
        response.OnStarting(() =>
        {
            // A 304 says what the 200 would have said about caching (RFC 9110, 15.4.5).
            if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
            {
                response.Headers.CacheControl = "public, max-age=" + ((int)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        });

    // A handler that writes the response itself returns no IResult: it keeps its own way (the
    // calendar feed has its own ETag).
    private static object? WithETag(object? result) => result is IResult inner ? new ETaggedResult(inner) : result;

    /// <summary>Writes the answer into a buffer, names its bytes with an ETag, and sends them or 304.</summary>
    private sealed class ETaggedResult(IResult inner) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var original = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await inner.ExecuteAsync(httpContext);
            }
            finally
            {
                response.Body = original;
            }
            if (response.StatusCode == StatusCodes.Status200OK && response.Headers.ETag.Count == 0)
            {
                var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                var etag = "\"" + WebEncoders.Base64UrlEncode(hash, 0, 16) + "\"";
                response.Headers.ETag = etag;
                if (Matches(httpContext.Request.Headers.IfNoneMatch, etag))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    response.ContentLength = null;
                    response.Headers.ContentType = default;
                    return;
                }
            }
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, httpContext.RequestAborted);
        }

        /// <summary>If-None-Match compares weakly: W/"x" matches "x"; * matches anything.</summary>
        private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag) =>
            ifNoneMatch.Count > 0
            && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
    }
}
