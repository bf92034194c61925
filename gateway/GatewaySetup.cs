using Buurt.Gateway.Forwarding;
using Buurt.Gateway.Caching;
using Buurt.Gateway.Tenancy;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OutputCaching;
using Yarp.ReverseProxy.Transforms;
using Scalar.AspNetCore;

namespace Buurt.Gateway;

internal static class GatewaySetup
{
    /// <summary>
    /// Every Redis key the gateway writes starts with this ("Gateway:RedisKeyPrefix", default
    /// <c>buurt:</c>), so platforms (or test runs) can share one Redis.
    /// </summary>
    public static string RedisKeyPrefix(this IConfiguration configuration) => configuration["Gateway:RedisKeyPrefix"] ?? "buurt:";

    /// <summary>YARP's routes and clusters from the "ReverseProxy" section.</summary>
    public static void AddConfiguredReverseProxy(this WebApplicationBuilder builder)
    {
        var proxy = builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(transforms =>
            {
                // Whether and how long the output cache keeps an answer, decided from the service's
                // Cache-Control once its headers are in and before its body is copied.
                var policy = transforms.Services.GetRequiredService<PublicReadCachePolicy>();
                transforms.AddResponseTransform(response =>
                {
                    if (response.HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
                    {
                        policy.DecideStorage(cache.Context);
                    }
                    return ValueTask.CompletedTask;
                });
            });
        // In Kubernetes a destination is a headless Service: DNS names every ready pod, and YARP balances
        // requests over them (a ClusterIP would pin each pooled connection to one pod). docs/architecture.md.
        if (builder.Configuration.GetValue("Gateway:DestinationDns:Enabled", false))
        {
            proxy.AddDnsDestinationResolver(options => builder.Configuration.GetSection("Gateway:DestinationDns").Bind(options));
        }
    }

    /// <summary>
    /// CORS per municipality (<see cref="TenantCorsPolicyProvider"/>): a tenant's own host names, plus
    /// the installation's extra origins in "Cors:AllowedOrigins" (none by default).
    /// </summary>
    public static void AddConfiguredCors(this IServiceCollection services, IConfiguration configuration)
    {
        var template = new CorsPolicyBuilder()
            .WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [])
            .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Accept", "Accept-Language", "X-Tenant", "Idempotency-Key", "If-Match", "If-None-Match", "traceparent")
            .WithExposedHeaders("Location", "API-Version", "ETag", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))
            .Build();
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider>(sp => new TenantCorsPolicyProvider(sp.GetRequiredService<TenantDirectory>(), template)));
        // Client addresses (for rate limits) come from X-Forwarded-For only when the proxy is known.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in configuration.GetSection("Gateway:TrustedProxyNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>
    /// Every service behind its routes (bigger bodies where a route allows them), a request that
    /// could not connect tried once on another destination; an unknown API path is a 404 problem, never a page.
    /// </summary>
    public static void MapServices(this WebApplication app)
    {
        app.MapUnknownApis();
        app.MapReverseProxy(proxy =>
        {
            // YARP's own pipeline, with the retry around load balancing and passive health checks.
            proxy.UseSessionAffinity();
            proxy.UseMiddleware<RetryOnAnotherDestination>();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).WithRouteBodyLimits();
    }

    /// <summary>
    /// An /api path of no service is a 404 problem here: the web app's catch-all route must not
    /// answer it with a page. (A more specific route, /api/{service}/..., wins over this one.)
    /// </summary>
    public static void MapUnknownApis(this WebApplication app) =>
        app.Map("/api/{**rest}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no such API on this platform."))
            .ExcludeFromDescription();

    /// <summary>One API reference at /docs over the OpenAPI document of every service with an /api route (not the web app).</summary>
    public static void MapApiReference(this WebApplication app, IConfiguration configuration)
    {
        var services = configuration.GetSection("ReverseProxy:Routes").GetChildren()
            .Where(r => r["Match:Path"]?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(r => r["ClusterId"]!)
            .Distinct()
            .ToList();
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Buurt API");
            foreach (var service in services)
            {
                options.AddDocument(service, $"Buurt {service}", $"/api/{service}/v1/openapi.json");
            }
        });
    }
}
