using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Background;

namespace Buurt.Initiatives.Messaging;

/// <summary>
/// Every few minutes: publishes <c>InitiativeAnswerOverdue</c> for each promised answer date that
/// passed and <c>CommitmentOverdue</c> for each commitment past its due date, once per breach.
/// Rows are claimed with FOR UPDATE SKIP LOCKED (<see cref="DeadlineClaims"/>), so replicas share the
/// work and never both publish; the domain raises each event with its "published" mark, and both
/// commit together (outbox).
/// </summary>
public sealed class DeadlineWatch(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DeadlineWatch> logger)
    : PeriodicService(time, logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval { get; } = configuration.GetValue("Initiatives:DeadlineCheckInterval", TimeSpan.FromMinutes(5));

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    /// <summary>One pass over every tenant; returns how many events it published.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        int found;
        do
        {
            found = await InBatchAsync(AnswersAsync, cancellationToken);
            published += found;
        }
        while (found == Batch);
        do
        {
            found = await InBatchAsync(CommitmentsAsync, cancellationToken);
            published += found;
        }
        while (found == Batch);
        return published;
    }

    private async Task<int> InBatchAsync(Func<InitiativesDbContext, DateTimeOffset, CancellationToken, Task<int>> step, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InitiativesDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await step(db, Time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static async Task<int> AnswersAsync(InitiativesDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var late = await db.ClaimLateAnswersAsync(WorkingDays.LocalDate(now), Batch, cancellationToken);
        foreach (var initiative in late)
        {
            initiative.RaiseIfAnswerOverdue(now);
        }
        return late.Count;
    }

    private static async Task<int> CommitmentsAsync(InitiativesDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var late = await db.ClaimLateCommitmentsAsync(WorkingDays.LocalDate(now), Batch, cancellationToken);
        var wijken = await db.WijkenOfAsync(late.Select(c => c.InitiativeId), cancellationToken);
        foreach (var commitment in late)
        {
            commitment.RaiseIfOverdue(wijken[commitment.InitiativeId], now);
        }
        return late.Count;
    }
}

/// <summary>Registers the deadline watch (one per replica; the claims keep them apart).</summary>
public static class DeadlineWatchSetup
{
    public static IHostApplicationBuilder AddDeadlineWatch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeadlineWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatch>());
        return builder;
    }
}
