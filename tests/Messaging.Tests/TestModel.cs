using System.Diagnostics;
using Buurt.Contracts;
using Buurt.Messaging.Inbox;
using Buurt.ServiceDefaults.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Messaging.Tests;

/// <summary>The event the tests send around.</summary>
public sealed record SomethingHappened(string TenantId, Guid EventId, DateTimeOffset OccurredAt, int Number) : IIntegrationEvent
{
    public static SomethingHappened Create(int number, string tenant = "hilversum") =>
        new(tenant, Guid.NewGuid(), DateTimeOffset.UtcNow, number);
}

/// <summary>One row per applied message: a double effect would show as two rows.</summary>
public sealed class Effect
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public int Number { get; set; }

    public string? TenantSeen { get; set; }

    public string? TraceIdSeen { get; set; }

    /// <summary>How many messages the group that applied this one held (1 for a plain consumer).</summary>
    public int GroupSize { get; set; } = 1;
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Effect>();
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>Applies a message by writing an effect row, noting the tenant and trace it ran under.</summary>
public sealed class EffectConsumer(TestDbContext db, ITenantContext tenant, FailureSwitch failures) : IConsumer<SomethingHappened>
{
    public Task Consume(ConsumeContext<SomethingHappened> context)
    {
        db.Effects.Add(new Effect
        {
            EventId = context.Message.EventId,
            Number = context.Message.Number,
            TenantSeen = tenant.TenantId,
            TraceIdSeen = Activity.Current?.TraceId.ToString(),
        });
        // Fails after the effect is tracked: the inbox must roll it back, the retry must apply it once.
        failures.ThrowIfArmed(context.Message.Number);
        return Task.CompletedTask;
    }
}

/// <summary>Applies messages in groups, noting each group's size; fails the whole group when one of its messages is armed.</summary>
public sealed class GroupedEffectConsumer(TestDbContext db, ITenantContext tenant, FailureSwitch failures) : IGroupConsumer<SomethingHappened>
{
    public Task ConsumeAsync(IReadOnlyList<SomethingHappened> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            db.Effects.Add(new Effect { EventId = message.EventId, Number = message.Number, TenantSeen = tenant.TenantId, GroupSize = messages.Count });
        }
        failures.ThrowIfArmedForGroup(messages.Count);
        foreach (var message in messages)
        {
            failures.ThrowIfArmed(message.Number);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Makes the consumer fail a given number of times for one message number, or for the next groups.</summary>
public sealed class FailureSwitch
{
    private readonly Dictionary<int, int> _remaining = [];
    private int _groupsToFail;

    /// <summary>The next groups of more than one message fail as if the database timed out.</summary>
    public void FailGroupsTransiently(int groups) => Volatile.Write(ref _groupsToFail, groups);

    public void ThrowIfArmedForGroup(int size)
    {
        if (size > 1 && Interlocked.Decrement(ref _groupsToFail) >= 0)
        {
            throw new TimeoutException($"Simulated database timeout for a group of {size}");
        }
    }

    public void FailTimes(int number, int times)
    {
        lock (_remaining)
        {
            _remaining[number] = times;
        }
    }

    public void ThrowIfArmed(int number)
    {
        lock (_remaining)
        {
            if (_remaining.TryGetValue(number, out var left) && left > 0)
            {
                _remaining[number] = left - 1;
                throw new InvalidOperationException($"Simulated consumer failure for {number}");
            }
        }
    }
}
