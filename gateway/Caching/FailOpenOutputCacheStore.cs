using Microsoft.AspNetCore.OutputCaching;
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
    /// <summary>Redis-backed output cache shared by the replicas, wrapped to fail open.</summary>
    public static void AddSharedOutputCache(this IServiceCollection services, IConnectionMultiplexer redis, string keyPrefix)
    {
        services.AddStackExchangeRedisOutputCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            o.InstanceName = keyPrefix + "outputcache:";
        });
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(sp => new FailOpenOutputCacheStore(
            (IOutputCacheStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            sp.GetRequiredService<ILogger<FailOpenOutputCacheStore>>()));
        services.AddOutputCache(o => o.AddPolicy(PublicReadCachePolicy.Name, new PublicReadCachePolicy()));
    }
}
