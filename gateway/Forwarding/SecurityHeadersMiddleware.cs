namespace Buurt.Gateway.Forwarding;

/// <summary>
/// The headers every answer of the platform carries, set once at its one entrance: no MIME
/// sniffing, no referrer beyond the origin to other sites, never framed (clickjacking), HSTS over
/// TLS, and a content security policy for HTML pages that bring none of their own (identity's
/// account pages; the web app sets its own). A page that keeps a key in its address (a cancel or
/// unsubscribe link) sets a stricter referrer policy of its own: that one stays.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>Identity's pages: their own scripts and styles (inline styles allowed: the account layout has them), nothing else.</summary>
    public const string PagePolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The API reference loads its own scripts inline; it gets no page policy, only the rest.</summary>
    private static readonly PathString s_docs = "/docs";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Referrer-Policy"))
            {
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            }
            headers.XFrameOptions = "DENY";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }
            if (headers.ContentSecurityPolicy.Count == 0 && !context.Request.Path.StartsWithSegments(s_docs)
                && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = PagePolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
