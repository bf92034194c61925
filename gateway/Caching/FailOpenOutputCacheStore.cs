using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Buurt.Gateway.Caching;

/// <summary>The shared cache is an optimisation: when Redis is away, reads miss and writes are dropped.</summary>
internal sealed partial class FailOpenOutputCacheStore(IOutputCacheStore inner, ILogger<FailOpenOutputCacheStore> logger)
    : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis output cache unavailable; serving without it")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}

internal static class OutputCacheSetup
{
    /// <summary>
    /// The output cache: this replica's memory ("Gateway:LocalCacheMegabytes", default 64) in front
    /// of Redis shared by the replicas, which fails open.
    /// </summary>
    public static void AddSharedOutputCache(this IServiceCollection services, IConnectionMultiplexer redis, string keyPrefix, IConfiguration configuration)
    {
        services.AddStackExchangeRedisOutputCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            o.InstanceName = keyPrefix + "outputcache:";
        });
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        var megabytes = configuration.GetValue("Gateway:LocalCacheMegabytes", 64L);
        services.AddSingleton<IOutputCacheStore>(sp => new TieredOutputCacheStore(
            new FailOpenOutputCacheStore(
                (IOutputCacheStore)(registered.ImplementationInstance
                    ?? registered.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
                sp.GetRequiredService<ILogger<FailOpenOutputCacheStore>>()),
            new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024 * 1024 }),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PublicReadCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<PublicReadCachePolicy>((o, policy) => o.AddPolicy(PublicReadCachePolicy.Name, policy));
    }
}
