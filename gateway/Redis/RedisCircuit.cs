using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace Buurt.Gateway.Redis;

/// <summary>
/// Stops asking Redis for a while once it failed. Redis is only an optimisation here (shared counts,
/// shared cache), so callers fail open — but without a break every request would first wait for
/// Redis's timeout. After a failure, calls are skipped for <c>Gateway:RedisBreakSeconds</c> (default
/// 5); then one request tries again, and if it gets an answer everyone uses Redis again.
/// </summary>
public sealed partial class RedisCircuit(TimeProvider time, IConfiguration configuration, IMeterFactory meters, ILogger<RedisCircuit> logger)
{
    private readonly long _breakMs = (long)(configuration.GetValue("Gateway:RedisBreakSeconds", 5.0) * 1000);

    // Unix milliseconds until which Redis is not asked; 0 while it answers.
    private long _openUntil;

    private readonly Counter<long> _skipped = meters.Create("Buurt.Gateway").CreateCounter<long>(
        "buurt.gateway.redis_skipped", "{call}", "Redis calls not made because Redis failed moments before (served without it).");

    /// <summary>Whether to ask Redis now: always while it answers; during a break only the one request that probes.</summary>
    public bool TryEnter()
    {
        var until = Interlocked.Read(ref _openUntil);
        if (until == 0)
        {
            return true;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // The first caller after the break probes (and extends it for the others while it does).
        if (now >= until && Interlocked.CompareExchange(ref _openUntil, now + _breakMs, until) == until)
        {
            return true;
        }
        _skipped.Add(1);
        return false;
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _openUntil, 0) != 0)
        {
            LogClosed(logger);
        }
    }

    public void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _openUntil, time.GetUtcNow().ToUnixTimeMilliseconds() + _breakMs) == 0)
        {
            LogOpened(logger, exception, _breakMs / 1000.0);
        }
    }

    /// <summary>The failures that open the circuit: Redis away or too slow, not our own bugs.</summary>
    public static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException;

    /// <summary>
    /// What a bare Redis call throws when its connection breaks under it: the failures above, and the
    /// client's pipe completed mid-read (an <see cref="InvalidOperationException"/>, "Reading is not
    /// allowed after reader was completed", seen under load). Only for a try around the call alone.
    /// </summary>
    public static bool IsCallFailure(Exception exception) => IsRedisFailure(exception) || exception is InvalidOperationException;

    /// <summary>A call's failure as one <see cref="IsRedisFailure"/> knows, for callers further up.</summary>
    public static Exception AsRedisFailure(Exception exception) =>
        IsRedisFailure(exception) ? exception : new RedisConnectionException(ConnectionFailureType.InternalFailure, "The Redis connection broke during the call.", exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable; the gateway serves without it (limits and shared cache fail open) and asks again in {Seconds} s")]
    private static partial void LogOpened(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again; shared limits and cache are back")]
    private static partial void LogClosed(ILogger logger);
}

/// <summary>Thrown instead of calling Redis during a break, so callers handle it as Redis being away.</summary>
public sealed class RedisCircuitOpenException() : RedisException("Redis is not asked during a break after a failure.");
