using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurt.ServiceDefaults.Idempotency;

/// <summary>Settings of idempotency keys (section "IdempotencyKeys").</summary>
public sealed class IdempotencyKeyOptions
{
    /// <summary>How often keys older than <see cref="IdempotencyKeys.Retention"/> are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Deletes every tenant's keys older than a day, periodically.</summary>
internal sealed class IdempotencyKeyCleanup<TDbContext>(
    IServiceScopeFactory scopes, IOptions<IdempotencyKeyOptions> options, TimeProvider time, ILogger<IdempotencyKeyCleanup<TDbContext>> logger)
    : PeriodicService(time, logger)
    where TDbContext : DbContext
{
    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = Time.GetUtcNow() - IdempotencyKeys.Retention;
        await scope.ServiceProvider.GetRequiredService<TDbContext>().Set<IdempotentRequest>().IgnoreQueryFilters()
            .Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
