using Buurt.Gateway;
using Buurt.Gateway.Caching;
using Buurt.Gateway.RateLimiting;
using Buurt.Gateway.Tenancy;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Health;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.ServiceDefaults.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults("gateway");
// Degraded, not down, without Redis: limits and the cache fail open.
var redis = builder.AddRedis(HealthStatus.Degraded);
builder.Services.Configure<TenantOptions>(builder.Configuration.GetSection("Gateway"));
builder.Services.AddSingleton<TenantDirectory>();
builder.Services.AddSingleton<TenantResolver>();
builder.Services.AddHttpClient(nameof(TenantRefresher));
builder.Services.AddHostedService<TenantRefresher>();
builder.Services.AddHealthChecks().AddCheck<TenantDirectoryHealthCheck>("tenants", tags: [HealthEndpoints.Ready]);
// Every Redis key the gateway writes starts with this, so platforms (or test runs) can share one Redis.
var redisKeyPrefix = builder.Configuration["Gateway:RedisKeyPrefix"] ?? "buurt:";
builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection("RateLimiting"));
builder.Services.Configure<RateLimitOptions>(o => o.KeyPrefix = redisKeyPrefix);
builder.Services.AddSharedOutputCache(redis, redisKeyPrefix);
builder.Services.AddConfiguredCors(builder.Configuration);
// The gateway checks tokens too: a bad one never reaches a service, nor one of another municipality.
builder.Services.AddTenancy();
builder.AddTokenValidation();
var proxy = builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
// In Kubernetes a destination is a headless Service: DNS names every ready pod, and YARP balances
// requests over them (a ClusterIP would pin each pooled connection to one pod). docs/architecture.md.
if (builder.Configuration.GetValue("Gateway:DestinationDns:Enabled", false))
{
    proxy.AddDnsDestinationResolver(options => builder.Configuration.GetSection("Gateway:DestinationDns").Bind(options));
}

var app = builder.Build();
app.UseForwardedHeaders();
app.MapHostDefaults();
app.UseCors();
app.UseMiddleware<TenantMiddleware>();
app.UseTokenValidation();
app.UseMiddleware<RedisRateLimitMiddleware>();
app.UseOutputCache();
app.MapApiReference(builder.Configuration);
app.MapReverseProxy();
app.Run();
