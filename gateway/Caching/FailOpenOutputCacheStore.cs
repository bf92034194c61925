using Buurt.Gateway.Redis;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Buurt.Gateway.Caching;

/// <summary>
/// The shared cache is an optimisation: when Redis is away, reads miss and writes are dropped — at
/// once while <see cref="RedisCircuit"/> has Redis on a break, not after a timeout per request.
/// </summary>
internal sealed class FailOpenOutputCacheStore(IOutputCacheStore inner, RedisCircuit circuit) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        await TryAsync(async () => await inner.GetAsync(key, cancellationToken));

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        await TryAsync(async () =>
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
            return (byte[]?)null;
        });

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        await TryAsync(async () =>
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
            return (byte[]?)null;
        });

    private async ValueTask<byte[]?> TryAsync(Func<ValueTask<byte[]?>> call)
    {
        if (!circuit.TryEnter())
        {
            return null;
        }
        try
        {
            var result = await call();
            circuit.Succeeded();
            return result;
        }
        catch (Exception ex) when (RedisCircuit.IsCallFailure(ex))
        {
            circuit.Failed(ex);
            return null;
        }
    }
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
        services.TryAddSingleton<RedisCircuit>();
        services.AddSingleton<IOutputCacheStore>(sp => new TieredOutputCacheStore(
            new FailOpenOutputCacheStore(
                (IOutputCacheStore)(registered.ImplementationInstance
                    ?? registered.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
                sp.GetRequiredService<RedisCircuit>()),
            new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024 * 1024 }),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PublicReadCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<PublicReadCachePolicy>((o, policy) => o.AddPolicy(PublicReadCachePolicy.Name, policy));
    }

    /// <summary>
    /// The output cache for requests without credentials only: one with them is never served from
    /// nor stored in the cache (PublicReadCachePolicy), so it skips the middleware, and its
    /// per-request state, entirely.
    /// </summary>
    public static void UseSharedOutputCache(this IApplicationBuilder app) =>
        app.UseWhen(PublicReadCachePolicy.MayBeShared, cached => cached.UseOutputCache());
}
