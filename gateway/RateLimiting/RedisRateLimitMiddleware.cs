using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Buurt.Gateway.RateLimiting;

/// <summary>
/// Counts requests per client (the user once signed in, else the address) and rule in Redis, shared
/// by the replicas through leases of permits (<see cref="PermitLeases"/>: not a round trip per
/// request), and answers 429 with Retry-After above the limit. If Redis is away, requests pass
/// (fail open): a limiter must not take the platform down with it.
/// </summary>
public sealed partial class RedisRateLimitMiddleware(
    RequestDelegate next,
    PermitLeases leases,
    IOptionsMonitor<RateLimitOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<RedisRateLimitMiddleware> logger)
{
    private readonly Counter<long> _rejected = meters.Create("Buurt.Gateway").CreateCounter<long>(
        "buurt.gateway.rate_limited", "{request}", "Requests refused by the rate limiter.");

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled || IsOperational(context.Request.Path))
        {
            await next(context);
            return;
        }

        var rule = settings.Rules.FirstOrDefault(r => r.PathPrefix is not null && context.Request.Path.StartsWithSegments(r.PathPrefix))
            ?? settings.Default;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)rule.Window.TotalMilliseconds;
        var windowStart = now - (now % windowMs);
        var key = $"{settings.KeyPrefix}ratelimit:{rule.Name}:{ClientKey(context)}:{windowStart}";

        bool admitted;
        long count;
        try
        {
            (admitted, count) = await leases.AcquireAsync(key, rule, settings, windowStart, windowMs);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisUnavailable(logger, ex);
            await next(context);
            return;
        }

        var resetSeconds = (int)Math.Ceiling((windowStart + windowMs - now) / 1000.0);
        // Set as the response starts, after the output cache has copied a stored answer's headers:
        // a cached answer must carry this caller's count, not the one it was stored with.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["RateLimit-Limit"] = rule.PermitLimit.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Remaining"] = Math.Max(0, rule.PermitLimit - count).ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (admitted)
        {
            await next(context);
            return;
        }

        _rejected.Add(1, new KeyValuePair<string, object?>("rule", rule.Name));
        context.Response.Headers.RetryAfter = resetSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"At most {rule.PermitLimit} requests per {rule.Window.TotalSeconds:0} seconds; try again in {resetSeconds} seconds.")
            .ExecuteAsync(context);
    }

    // Probes and scrapes come from the cluster itself and must never be refused.
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private static string ClientKey(HttpContext context) =>
        context.User.FindFirstValue("sub") is { } subject
            ? "user:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable; request let through without rate limiting")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);
}

internal static class RateLimitSetup
{
    /// <summary>The limits of the "RateLimiting" section, counted under the gateway's Redis key prefix.</summary>
    public static void AddRedisRateLimits(this IServiceCollection services, IConfiguration configuration, string keyPrefix)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("RateLimiting"));
        services.Configure<RateLimitOptions>(o => o.KeyPrefix = keyPrefix);
        services.AddSingleton<PermitLeases>();
    }
}
