using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.Features;

namespace Buurt.Gateway.Tenancy;

/// <summary>
/// Removes every header the gateway vouches for (X-Buurt-*) from what the client sent, then sets
/// the tenant it resolved itself. A client can never choose what the services trust.
/// </summary>
public sealed class TenantMiddleware(RequestDelegate next, TenantResolver resolver)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        // Enumerated without a copy (Keys builds a set every time); removed after, outside the loop.
        List<string>? internalNames = null;
        foreach (var header in headers)
        {
            if (IsInternal(header.Key))
            {
                (internalNames ??= []).Add(header.Key);
            }
        }
        foreach (var name in internalNames ?? [])
        {
            headers.Remove(name);
        }

        var resolution = resolver.Resolve(context.Request);
        if (resolution.ErrorStatus is { } status)
        {
            await Results.Problem(
                statusCode: status,
                title: status switch
                {
                    StatusCodes.Status404NotFound => "Unknown tenant",
                    StatusCodes.Status400BadRequest => "Conflicting tenant",
                    _ => "Tenants unknown",
                },
                detail: resolution.Error).ExecuteAsync(context);
            return;
        }

        headers.Remove(TenantHeaders.PublicHint);
        if (resolution.TenantId is { } tenant)
        {
            if (resolver.IsSuspended(tenant))
            {
                await SuspendedAsync(context, tenant);
                return;
            }
            headers[TenantHeaders.Internal] = tenant;
            context.Items[TenantItemKey] = tenant;
            context.RequestServices.GetRequiredService<TenantContext>().Set(tenant);
            // Per-tenant request metrics without a second instrument.
            context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("buurt.tenant", tenant));
        }
        await next(context);
    }

    /// <summary>
    /// A suspended municipality: 403 with a page in Dutch and English for browsers, problem details
    /// for apps. Not 503: it is a decision, not an outage, and retrying will not help.
    /// </summary>
    private static async Task SuspendedAsync(HttpContext context, string tenant)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("""
                <!DOCTYPE html>
                <html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Niet beschikbaar</title></head>
                <body><main><h1>Deze gemeente is niet beschikbaar</h1>
                <p>Het buurtplatform van deze gemeente is tijdelijk gesloten. Neem voor vragen contact op met de gemeente.</p>
                <p lang="en">This municipality's neighbourhood platform is closed for now. Please contact the municipality.</p>
                </main></body></html>
                """);
            return;
        }
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            type: "urn:buurt:problem:tenant-suspended",
            title: "Municipality suspended",
            detail: $"'{tenant}' is suspended on this platform.").ExecuteAsync(context);
    }

    public const string TenantItemKey = "buurt.tenant";

    private static bool IsInternal(string header) =>
        header.StartsWith(TenantHeaders.InternalPrefix, StringComparison.OrdinalIgnoreCase);
}
