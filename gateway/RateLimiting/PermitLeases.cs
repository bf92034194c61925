using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Buurt.Gateway.Redis;
using StackExchange.Redis;

namespace Buurt.Gateway.RateLimiting;

/// <summary>
/// The shared count of a fixed window, taken from Redis in leases instead of one request at a time.
/// A replica asks Redis for <c>n</c> permits at once (one INCRBY) and hands them out locally until
/// they are used; Redis grants only what is left below the limit. So the replicas together never
/// admit more than the limit in a window (as with one INCR per request), while a replica talks to
/// Redis once per <c>n</c> requests of a client. What it costs: permits a replica holds unused when
/// the window's count runs out are not available at the other replicas — a client refused by one
/// replica may still get up to <c>n − 1</c> answers from each other one. <c>n</c> is
/// <see cref="RateLimitOptions.LeaseFraction"/> of the limit, at least 1 (small limits such as the
/// token endpoint's stay exact) and at most <see cref="RateLimitOptions.MaxLease"/>. Once Redis has
/// nothing left for a window, the replica refuses the rest of it without asking again.
/// </summary>
public sealed class PermitLeases(IConnectionMultiplexer redis, RedisCircuit circuit, TimeProvider time, IMeterFactory meters)
{
    // Takes up to @n permits below @limit; returns the count after taking and what was granted.
    private static readonly LuaScript s_take = LuaScript.Prepare("""
        local n = redis.call('INCRBY', @key, @n)
        if n == tonumber(@n) then redis.call('PEXPIRE', @key, @ttl) end
        local granted = tonumber(@limit) - (n - tonumber(@n))
        if granted > tonumber(@n) then granted = tonumber(@n) end
        if granted < 0 then granted = 0 end
        return { n, granted }
        """);

    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private long _nextSweep;

    private readonly Counter<long> _takes = meters.Create("Buurt.Gateway").CreateCounter<long>(
        "buurt.gateway.rate_limit_leases", "{lease}", "Permits taken from the shared Redis count in one round trip (a lease).");

    /// <summary>How many permits one lease of a rule takes.</summary>
    public static int LeaseSize(RateLimitRule rule, RateLimitOptions options) =>
        (int)Math.Clamp(Math.Floor(rule.PermitLimit * options.LeaseFraction), 1, Math.Max(1, options.MaxLease));

    /// <summary>
    /// One permit for the key in the window, or none. <c>Used</c> is how much of the limit is gone as
    /// far as this replica knows (the shared count at its last lease, less what it still holds).
    /// Throws <see cref="RedisException"/> or <see cref="TimeoutException"/> when Redis is away (at once
    /// while <see cref="RedisCircuit"/> has it on a break).
    /// </summary>
    public async ValueTask<(bool Admitted, long Used)> AcquireAsync(string key, RateLimitRule rule, RateLimitOptions options, long windowStart, long windowMs)
    {
        SweepEndedWindows();
        var lease = _leases.GetOrAdd(key, _ => new Lease(windowStart + windowMs));
        while (true)
        {
            Task taking;
            lock (lease)
            {
                if (lease.Available > 0)
                {
                    lease.Available--;
                    return (true, lease.SharedCount - lease.Available);
                }
                if (lease.Exhausted)
                {
                    return (false, Math.Max(lease.SharedCount, rule.PermitLimit));
                }
                // One round trip per key at a time; the others wait for its permits.
                lease.Taking ??= TakeAsync(lease, key, rule, LeaseSize(rule, options), windowMs);
                taking = lease.Taking;
            }
            await taking;
        }
    }

    private async Task TakeAsync(Lease lease, string key, RateLimitRule rule, int size, long windowMs)
    {
        // Off the caller's lock: the continuation below takes it again.
        await Task.Yield();
        try
        {
            if (!circuit.TryEnter())
            {
                throw new RedisCircuitOpenException();
            }
            RedisResult[] result;
            try
            {
                result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(s_take, new
                {
                    key = (RedisKey)key, n = size, limit = rule.PermitLimit, ttl = windowMs + 1000,
                }))!;
                circuit.Succeeded();
            }
            catch (Exception ex) when (RedisCircuit.IsCallFailure(ex))
            {
                circuit.Failed(ex);
                if (RedisCircuit.IsRedisFailure(ex))
                {
                    throw;
                }
                throw RedisCircuit.AsRedisFailure(ex);
            }
            _takes.Add(1, new KeyValuePair<string, object?>("rule", rule.Name));
            lock (lease)
            {
                lease.SharedCount = (long)result[0];
                var granted = (long)result[1];
                lease.Available += granted;
                lease.Exhausted = granted < size;
            }
        }
        finally
        {
            // Failed or not, the next caller may try again.
            lock (lease)
            {
                lease.Taking = null;
            }
        }
    }

    /// <summary>Drops the leases of windows that have ended, at most every ten seconds.</summary>
    private void SweepEndedWindows()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + 10_000, next) != next)
        {
            return;
        }
        foreach (var (key, lease) in _leases)
        {
            if (lease.WindowEnd <= now)
            {
                _leases.TryRemove(key, out _);
            }
        }
    }

    private sealed class Lease(long windowEnd)
    {
        public long WindowEnd { get; } = windowEnd;

        public long Available { get; set; }

        /// <summary>The shared count right after this replica's last lease (everyone's leases up to then).</summary>
        public long SharedCount { get; set; }

        /// <summary>Redis granted less than asked: the window's limit is used up.</summary>
        public bool Exhausted { get; set; }

        public Task? Taking { get; set; }
    }
}
