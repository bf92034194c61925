using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Buurt.ServiceDefaults.Tenancy;

/// <summary>The tenant context from the gateway's header, and endpoints that require one.</summary>
public static class TenancySetup
{
    /// <summary>A scoped tenant context; safe to call more than once.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.TryAddScoped<TenantContext>();
        services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        return services;
    }

    /// <summary>Sets the tenant context from the gateway's header (API services get it from MapServiceDefaults; the web app calls it itself).</summary>
    public static void UseTenancy(this WebApplication app) => app.Use(async (context, next) =>
    {
        var header = context.Request.Headers[TenantHeaders.Internal];
        if (header.Count > 0)
        {
            if (header.Count > 1 || !TenantContext.IsValidSlug(header[0]))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid tenant",
                    detail: $"The {TenantHeaders.Internal} header must hold exactly one tenant slug.").ExecuteAsync(context);
                return;
            }
            context.RequestServices.GetRequiredService<TenantContext>().Set(header[0]!);
        }
        await next(context);
    });

    /// <summary>Endpoints below this builder answer 400 to a request without a tenant.</summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<ITenantContext>().TenantId is null
                ? Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Tenant required",
                    detail: $"Name the municipality by its host name or the {TenantHeaders.PublicHint} header, through the gateway.")
                : await next(context));
}
