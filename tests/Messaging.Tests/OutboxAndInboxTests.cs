using System.Diagnostics;
using Buurt.Testing;
using MassTransit;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

// These tests count metrics process-wide and cut broker connections: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Buurt.Messaging.Tests;

/// <summary>The outbox and inbox on real PostgreSQL and RabbitMQ: nothing lost, nothing applied twice.</summary>
public sealed class OutboxAndInboxTests() : OwnServers("messaging")
{
    [Fact]
    public async Task An_event_is_applied_once_with_its_tenant_and_the_trace_of_the_change()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri);
        var happened = SomethingHappened.Create(1, tenant: "voorbeeldstad");

        using var source = new ActivitySource("Buurt.Tests");
        using var listener = ListenToEverything();
        using (var change = source.StartActivity("the change"))
        {
            Assert.NotNull(change);
            await host.WriteAsync(happened);

            var effects = await Eventually.ValueAsync(host.EffectsAsync, e => e.Count == 1, what: "the effect");
            Assert.Equal(happened.EventId, effects[0].EventId);
            Assert.Equal("voorbeeldstad", effects[0].TenantSeen);
            Assert.Equal(change.TraceId.ToString(), effects[0].TraceIdSeen);
        }
        var outbox = Assert.Single(await host.OutboxAsync());
        Assert.NotNull(outbox.SentAt);
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri);
        var rolledBack = SomethingHappened.Create(1);
        var committed = SomethingHappened.Create(2);

        await host.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await host.WriteAsync(committed);

        // The later event arrives, so the earlier one had every chance to.
        await Eventually.TrueAsync(async () => (await host.EffectsAsync()).Any(e => e.EventId == committed.EventId), what: "the committed event");
        await Task.Delay(500);
        Assert.DoesNotContain(await host.EffectsAsync(), e => e.EventId == rolledBack.EventId);
        Assert.DoesNotContain(await host.OutboxAsync(), m => m.Id == rolledBack.EventId);
    }

    [Fact]
    public async Task A_write_in_a_transaction_sets_no_savepoint()
    {
        var transactions = new TransactionCounter();
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri, consumer: false,
            services: s => s.AddSingleton<IInterceptor>(transactions));

        await host.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(SomethingHappened.Create(1));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return true;
        });

        // All or nothing: a SAVEPOINT and its RELEASE would be two more round trips for nothing.
        // The outbox dispatcher's own transactions count too.
        Assert.True(transactions.Started >= 1);
        Assert.Equal(0, transactions.Savepoints);
        Assert.Single(await host.OutboxAsync());
    }

    [Theory]
    [InlineData("SELECT count(*) FROM outbox_messages WHERE dead_lettered_at IS NOT NULL", "ix_outbox_messages_dead_lettered")]
    [InlineData("DELETE FROM outbox_messages WHERE sent_at < now() - interval '7 days'", "ix_outbox_messages_sent")]
    [InlineData("DELETE FROM inbox_messages WHERE processed_at < now() - interval '30 days'", "ix_inbox_messages_processed_at")]
    public async Task Housekeeping_reads_an_index_not_the_whole_table(string housekeeping, string index)
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri, consumer: false);
        await using var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        // A week of sent rows is large: every 15 s, each replica must not scan them all.
        await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }
        await using var explain = new Npgsql.NpgsqlCommand($"EXPLAIN {housekeeping}", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dispatcher_that_dies_after_publishing_but_before_marking_causes_no_double_effect()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri);
        using var duplicates = new DuplicateCounter();
        var crashes = 0;
        host.Dispatcher.AfterPublish = published =>
        {
            // Published, not yet marked sent: dying here rolls the marks back.
            if (published.Count > 0 && Interlocked.Increment(ref crashes) == 1)
            {
                throw new InvalidOperationException("Simulated crash between publish and commit");
            }
            return Task.CompletedTask;
        };
        var happened = SomethingHappened.Create(7);

        await host.WriteAsync(happened);

        await Eventually.TrueAsync(async () => (await host.OutboxAsync()).All(m => m.SentAt is not null), what: "the outbox marked sent");
        await Eventually.TrueAsync(() => Task.FromResult(duplicates.Count >= 1), what: "the second delivery");
        Assert.True(crashes >= 2, "the dispatcher published again after the crash");
        var effect = Assert.Single(await host.EffectsAsync());
        Assert.Equal(happened.EventId, effect.EventId);
    }

    [Fact]
    public async Task A_write_made_while_a_batch_is_being_marked_sent_leaves_at_once_through_another_loop()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri);
        var first = SomethingHappened.Create(1);
        var second = SomethingHappened.Create(2);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Dispatcher.AfterPublish = async published =>
        {
            if (published.Any(m => m.Id == first.EventId))
            {
                held.TrySetResult();
                await release.Task;
            }
        };

        try
        {
            await host.WriteAsync(first);
            await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // The loop that published the first is still holding its batch open.
            await host.WriteAsync(second);
            await Eventually.ValueAsync(host.EffectsAsync, e => e.Any(x => x.EventId == second.EventId), what: "the second effect");
        }
        finally
        {
            release.TrySetResult();
        }
        await Eventually.TrueAsync(async () => (await host.OutboxAsync()).All(m => m.SentAt is not null), what: "both marked sent");
        Assert.Equal(2, (await host.EffectsAsync()).Count);
    }

    [Fact]
    public async Task Events_written_while_theBroker_is_down_are_all_delivered_once_it_is_back()
    {
        await using var proxy = new TcpProxy(TestServers.RabbitMq.Host, TestServers.RabbitMq.Port);
        await using var host = await MessagingHost.StartAsync(Database, Broker.UriVia(proxy.Port));
        proxy.Down();
        var events = Enumerable.Range(1, 20).Select(n => SomethingHappened.Create(n)).ToArray();
        foreach (var batch in events.Chunk(5))
        {
            await host.WriteAsync(batch);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await host.EffectsAsync());
        Assert.Equal(20, (await host.OutboxAsync()).Count(m => m.SentAt is null && m.DeadLetteredAt is null));

        proxy.Up();
        // MassTransit reconnects with a growing back-off; on a loaded CI machine the first try after
        // the outage came later than 60 s once (the dispatcher then sent all 20, as asserted below).
        var effects = await Eventually.ValueAsync(host.EffectsAsync, e => e.Count >= 20, TimeSpan.FromSeconds(150), "every event after the outage");
        await Task.Delay(500);
        effects = await host.EffectsAsync();
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        Assert.All(await host.OutboxAsync(), m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task Two_dispatchers_at_once_deliver_each_event_once_and_every_effect_happens_once()
    {
        using var duplicates = new DuplicateCounter();
        await using var first = await MessagingHost.StartAsync(Database, Broker.Uri);
        await using var second = await MessagingHost.StartAsync(Database, Broker.Uri);
        var events = Enumerable.Range(1, 200).Select(n => SomethingHappened.Create(n)).ToArray();

        // Both replicas write; both dispatchers race for the same rows.
        await Task.WhenAll(
            Task.Run(async () => { foreach (var batch in events[..100].Chunk(10)) await first.WriteAsync(batch); }),
            Task.Run(async () => { foreach (var batch in events[100..].Chunk(10)) await second.WriteAsync(batch); }));

        await Eventually.ValueAsync(first.EffectsAsync, e => e.Count >= 200, TimeSpan.FromSeconds(60), "200 effects");
        await Task.Delay(1000);
        var effects = await first.EffectsAsync();
        Assert.Equal(200, effects.Count);
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        // SKIP LOCKED: no row was claimed by both, so nothing even arrived twice.
        Assert.Equal(0, duplicates.Count);
    }

    [Fact]
    public async Task A_redelivered_message_has_no_second_effect()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri);
        using var duplicates = new DuplicateCounter();
        var bus = host.Services.GetRequiredService<IBus>();
        var happened = SomethingHappened.Create(3);

        for (var i = 0; i < 3; i++)
        {
            await bus.Publish(happened, context => context.MessageId = happened.EventId);
        }

        await Eventually.TrueAsync(() => Task.FromResult(duplicates.Count == 2), what: "two duplicates skipped");
        Assert.Single(await host.EffectsAsync());
    }

    [Fact]
    public async Task A_failing_consumer_leaves_no_partial_effect_and_its_retry_applies_once()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri);
        host.Services.GetRequiredService<FailureSwitch>().FailTimes(42, 2);

        await host.WriteAsync(SomethingHappened.Create(42));

        var effects = await Eventually.ValueAsync(host.EffectsAsync, e => e.Count >= 1, what: "the retried effect");
        await Task.Delay(300);
        Assert.Single(await host.EffectsAsync());
        Assert.Equal(42, effects[0].Number);
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_is_dead_lettered_and_the_rest_flows_on()
    {
        await using var host = await MessagingHost.StartAsync(Database, Broker.Uri);
        var poison = Guid.NewGuid();
        await host.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (id, type, payload, tenant_id, occurred_at, created_at, attempts, next_attempt_at)
            VALUES ({poison}, 'Buurt.Nowhere.Gone, Buurt.Nowhere', CAST({"{}"} AS jsonb), 'hilversum', now(), now(), 0, now())
            """));
        var healthy = SomethingHappened.Create(5);
        await host.WriteAsync(healthy);

        await Eventually.TrueAsync(async () => (await host.EffectsAsync()).Count == 1, what: "the healthy event");
        var deadLetter = Assert.Single(await host.OutboxAsync(), m => m.Id == poison);
        Assert.NotNull(deadLetter.DeadLetteredAt);
        Assert.Null(deadLetter.SentAt);
        Assert.Contains("Buurt.Nowhere.Gone", deadLetter.LastError);
    }

    private static ActivityListener ListenToEverything()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

/// <summary>Counts transactions begun and savepoints set through EF Core.</summary>
internal sealed class TransactionCounter : DbTransactionInterceptor
{
    public int Started;
    public int Savepoints;

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Started);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> CreatingSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Savepoints);
        return ValueTask.FromResult(result);
    }
}
