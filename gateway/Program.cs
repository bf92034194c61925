using Buurt.Gateway;
using Buurt.Gateway.Auth;
using Buurt.Gateway.Caching;
using Buurt.Gateway.Forwarding;
using Buurt.Gateway.RateLimiting;
using Buurt.Gateway.Tenancy;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Redis;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults("gateway");
// Degraded, not down, without Redis: limits and the cache fail open.
var redis = builder.AddRedis(HealthStatus.Degraded);
builder.AddTenantDirectory();
var redisKeyPrefix = builder.Configuration.RedisKeyPrefix();
builder.Services.AddRedisRateLimits(builder.Configuration, redisKeyPrefix);
builder.Services.AddSharedOutputCache(redis, redisKeyPrefix, builder.Configuration);
builder.Services.AddConfiguredCors(builder.Configuration);
// The gateway checks tokens too: a bad one never reaches a service, nor one of another municipality.
builder.Services.AddTenancy();
builder.AddRememberingTokenValidation();
builder.AddConfiguredReverseProxy();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.MapHostDefaults();
app.UseCors();
app.UseMiddleware<TenantMiddleware>();
app.UseTokenValidation();
app.UseMiddleware<RedisRateLimitMiddleware>();
app.UseSharedOutputCache();
app.UseMiddleware<UnreachableServiceMiddleware>();
app.MapApiReference(builder.Configuration);
app.MapServices();
app.Run();
