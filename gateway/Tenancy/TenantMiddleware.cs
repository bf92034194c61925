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
        foreach (var name in headers.Keys.Where(IsInternal).ToList())
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
            headers[TenantHeaders.Internal] = tenant;
            context.Items[TenantItemKey] = tenant;
            context.RequestServices.GetRequiredService<TenantContext>().Set(tenant);
            // Per-tenant request metrics without a second instrument.
            context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("buurt.tenant", tenant));
        }
        await next(context);
    }

    public const string TenantItemKey = "buurt.tenant";

    private static bool IsInternal(string header) =>
        header.StartsWith(TenantHeaders.InternalPrefix, StringComparison.OrdinalIgnoreCase);
}
