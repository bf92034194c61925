using System.Text.Json;
using Buurt.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurt.Messaging.Tests;

/// <summary>A group consumer on real PostgreSQL and RabbitMQ: messages applied together, each once, a bad one failing alone.</summary>
public sealed class GroupCommitTests() : OwnServers("groups")
{
    private const string GroupSize = "buurt.inbox.group_size";
    private const string GroupLatency = "buurt.inbox.group_latency";
    [Fact]
    public async Task Messages_that_arrive_while_a_group_commits_are_applied_together_and_each_once()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri, grouped: true);
        using var groups = new MeasurementRecorder(MessagingMetrics.Name, GroupSize, GroupLatency);
        var events = Enumerable.Range(1, 150).Select(n => SomethingHappened.Create(n, tenant: n % 3 == 0 ? "voorbeeldstad" : "hilversum")).ToArray();

        await host.WriteAsync(events);

        var effects = await Eventually.ValueAsync(host.EffectsAsync, e => e.Count >= events.Length, what: "every effect");
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        Assert.Contains(effects, e => e.GroupSize > 1);
        Assert.All(effects, e => Assert.InRange(e.GroupSize, 1, 20));
        // A group holds one tenant: each effect ran under its own message's tenant.
        Assert.All(effects, e => Assert.Equal(e.Number % 3 == 0 ? "voorbeeldstad" : "hilversum", e.TenantSeen));
        Assert.Empty(await ErrorQueuesAsync());
        // The metrics tell operators the same: every message in some group, each with how long it waited.
        await Eventually.TrueAsync(() => Task.FromResult(groups.Values(GroupSize).Sum() == events.Length), what: "every message counted in a group");
        Assert.Equal(effects.Select(e => e.GroupSize).Max(), groups.Values(GroupSize).Max());
        Assert.Equal(events.Length, groups.Values(GroupLatency).Count);
        Assert.All(groups.Values(GroupLatency), seconds => Assert.InRange(seconds, 0, 60));
    }

    [Fact]
    public async Task A_redelivered_message_has_no_second_effect_in_a_later_group()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri, grouped: true);
        using var duplicates = new DuplicateCounter();
        var bus = host.Services.GetRequiredService<IBus>();
        var happened = SomethingHappened.Create(7);

        for (var i = 0; i < 3; i++)
        {
            await bus.Publish(happened, context => context.MessageId = happened.EventId);
            await Eventually.TrueAsync(() => Task.FromResult(duplicates.Count == i), what: $"{i} duplicate(s) skipped");
        }

        Assert.Single(await host.EffectsAsync());
    }

    [Fact]
    public async Task A_message_that_fails_fails_alone_and_the_rest_of_its_group_is_applied_once()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri, grouped: true);
        // More failures than retries: it ends in the error queue.
        host.Services.GetRequiredService<FailureSwitch>().FailTimes(13, 100);
        var events = Enumerable.Range(1, 40).Select(n => SomethingHappened.Create(n)).ToArray();

        await host.WriteAsync(events);

        var effects = await Eventually.ValueAsync(host.EffectsAsync, e => e.Count >= events.Length - 1, what: "every other effect");
        var failed = await Eventually.ValueAsync(ErrorQueuesAsync, q => q.Values.Sum() >= 1, what: "the failed message in the error queue");
        Assert.DoesNotContain(effects, e => e.Number == 13);
        Assert.Equal(events.Where(e => e.Number != 13).Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        Assert.Equal(1, failed.Values.Sum());
    }

    [Fact]
    public async Task A_group_that_meets_aDatabase_failure_fails_whole_and_each_message_is_retried_once_applied()
    {
        var logs = new LogCollector();
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri, grouped: true,
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        host.Services.GetRequiredService<FailureSwitch>().FailGroupsTransiently(1);
        var events = Enumerable.Range(1, 100).Select(n => SomethingHappened.Create(n)).ToArray();

        await host.WriteAsync(events);

        var effects = await Eventually.ValueAsync(host.EffectsAsync, e => e.Count >= events.Length, what: "every effect");
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        // Not split into lone attempts against a failing database: the messages' own retries took over.
        Assert.Single(logs.Warnings, m => m.Contains("their retries take over", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Warnings, m => m.Contains("one by one", StringComparison.Ordinal));
        Assert.DoesNotContain(await ErrorQueuesAsync(), q => q.Value > 0);
    }

    /// <summary>Messages per "_error" queue of the broker's virtual host.</summary>
    private async Task<Dictionary<string, int>> ErrorQueuesAsync()
    {
        using var queues = JsonDocument.Parse(await Broker.QueuesJsonAsync());
        return queues.RootElement.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal))
            .ToDictionary(q => q.GetProperty("name").GetString()!, q => q.TryGetProperty("messages", out var m) ? m.GetInt32() : 0);
    }
}
