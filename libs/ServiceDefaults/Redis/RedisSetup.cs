using Buurt.ServiceDefaults.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Buurt.ServiceDefaults.Redis;

/// <summary>One shared Redis connection from <c>ConnectionStrings:Redis</c>, with a readiness check.</summary>
public static class RedisSetup
{
    public static IConnectionMultiplexer AddRedis(this IHostApplicationBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("ConnectionStrings:Redis is not configured.");
        var options = ConfigurationOptions.Parse(connectionString);
        // Start even when Redis is away; callers degrade and the readiness check reports it.
        options.AbortOnConnectFail = false;
        var redis = ConnectionMultiplexer.Connect(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus, tags: [HealthEndpoints.Ready]);
        return redis;
    }
}
