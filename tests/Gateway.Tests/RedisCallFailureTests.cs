using System.Diagnostics.Metrics;
using System.Reflection;
using Buurt.Gateway.RateLimiting;
using Buurt.Gateway.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Buurt.Gateway.Tests;

/// <summary>
/// A Redis call whose connection breaks under it fails open like Redis being away (seen under load:
/// the client's pipe completed mid-read, an InvalidOperationException that was a 500), while a bug
/// of ours still surfaces. A client that throws is the only way to make the client fail this way
/// on purpose; the outage tests with a real Redis behind a cut proxy are in GatewayTests.
/// </summary>
public sealed class RedisCallFailureTests
{
    private static readonly IMeterFactory s_meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private static (PermitLeases Leases, RedisCircuit Circuit) With(Exception thrown)
    {
        var circuit = new RedisCircuit(TimeProvider.System, new ConfigurationBuilder().Build(), s_meters, NullLogger<RedisCircuit>.Instance);
        return (new PermitLeases(ThrowingRedis.Create(thrown), circuit, TimeProvider.System, s_meters), circuit);
    }

    private static readonly RateLimitRule s_rule = new() { Name = "test", PermitLimit = 100, Window = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_connection_broken_mid_read_is_Redis_away_and_starts_the_break()
    {
        var (leases, circuit) = With(new InvalidOperationException("Reading is not allowed after reader was completed."));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => leases.AcquireAsync("k", s_rule, new RateLimitOptions(), 0, 10_000).AsTask());

        // What the rate-limit middleware fails open on, and the next requests skip Redis for the break.
        Assert.True(RedisCircuit.IsRedisFailure(failure));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.False(circuit.TryEnter());
    }

    [Fact]
    public async Task A_bug_of_ours_is_not_taken_for_Redis_away()
    {
        var (leases, circuit) = With(new ArgumentException("a bug"));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => leases.AcquireAsync("k", s_rule, new RateLimitOptions(), 0, 10_000).AsTask());

        Assert.IsType<ArgumentException>(failure);
        Assert.False(RedisCircuit.IsRedisFailure(failure));
        Assert.True(circuit.TryEnter());
    }

    /// <summary>A Redis client whose every call throws the given exception.</summary>
    public class ThrowingRedis : DispatchProxy
    {
        private Exception _thrown = null!;

        public static IConnectionMultiplexer Create(Exception thrown)
        {
            var database = DispatchProxy.Create<IDatabase, ThrowingRedis>();
            ((ThrowingRedis)(object)database)._thrown = thrown;
            var multiplexer = DispatchProxy.Create<IConnectionMultiplexer, ThrowingRedis>();
            ((ThrowingRedis)(object)multiplexer)._thrown = thrown;
            ((ThrowingRedis)(object)multiplexer)._database = database;
            return multiplexer;
        }

        private IDatabase? _database;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IConnectionMultiplexer.GetDatabase) && _database is not null ? _database : throw _thrown;
    }
}
