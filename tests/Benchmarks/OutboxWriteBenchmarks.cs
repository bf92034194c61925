using BenchmarkDotNet.Attributes;
using Buurt.Contracts;
using Buurt.Messaging;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Benchmarks;

/// <summary>
/// What the outbox costs a write: one change saved alone, against the same change saved with its
/// event in the same transaction, on a real PostgreSQL. Read the ratio, not the milliseconds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class OutboxWriteBenchmarks
{
    private TestDatabase _database = null!;
    private DbContextOptions<BenchDbContext> _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _database = new TestDatabase("bench");
        _options = new DbContextOptionsBuilder<BenchDbContext>()
            .UseNpgsql(_database.ConnectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        using var db = new BenchDbContext(_options);
        db.Database.EnsureCreated();
    }

    [GlobalCleanup]
    public void Cleanup() => _database.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "change alone")]
    public async Task ChangeAlone()
    {
        await using var db = new BenchDbContext(_options);
        db.Changes.Add(new Change { Amount = 850.50m });
        await db.SaveChangesAsync();
    }

    [Benchmark(Description = "change + event in the outbox")]
    public async Task ChangeWithEvent()
    {
        await using var db = new BenchDbContext(_options);
        var change = new Change { Amount = 850.50m };
        db.Changes.Add(change);
        db.AddIntegrationEvent(new SomethingChanged("hilversum", Guid.CreateVersion7(), DateTimeOffset.UtcNow, change.Id, change.Amount));
        await db.SaveChangesAsync();
    }
}

public sealed record SomethingChanged(string TenantId, Guid EventId, DateTimeOffset OccurredAt, Guid ChangeId, decimal Amount) : IIntegrationEvent;

public sealed class Change
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public decimal Amount { get; set; }
}

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<Change> Changes => Set<Change>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Change>().Property(c => c.Amount).HasPrecision(12, 2);
        modelBuilder.AddOutboxAndInbox();
    }
}
