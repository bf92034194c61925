using Buurt.Contracts.Initiatives;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Messaging;

/// <summary>
/// Every few minutes: publishes <c>InitiativeAnswerOverdue</c> for each promised answer date that
/// passed and <c>CommitmentOverdue</c> for each commitment past its due date, once per breach.
/// Rows are claimed with FOR UPDATE SKIP LOCKED, so replicas share the work and never both publish;
/// the event and the "published" mark commit together (outbox).
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
        var today = WorkingDays.LocalDate(now);
        var late = await db.Initiatives.FromSql($"""
            SELECT *, xmin FROM initiatives
             WHERE answer_due_by < {today} AND NOT answer_overdue_notified
             ORDER BY answer_due_by LIMIT {Batch} FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);
        foreach (var initiative in late)
        {
            if (initiative.TakeAnswerOverdue(now) is { } overdue)
            {
                db.AddIntegrationEvent(overdue);
            }
        }
        return late.Count;
    }

    private static async Task<int> CommitmentsAsync(InitiativesDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = WorkingDays.LocalDate(now);
        var late = await db.Commitments.FromSql($"""
            SELECT * FROM commitments
             WHERE status = 'Open' AND next_due < {today} AND overdue_notified_for IS DISTINCT FROM next_due
             ORDER BY next_due LIMIT {Batch} FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);
        var ids = late.Select(c => c.InitiativeId).Distinct().ToList();
        var areas = await db.Initiatives.IgnoreQueryFilters().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.AreaId }).ToDictionaryAsync(i => i.Id, i => i.AreaId, cancellationToken);
        foreach (var commitment in late)
        {
            var due = commitment.NextDue!.Value;
            if (commitment.TakeOverdue(today))
            {
                db.AddIntegrationEvent(new CommitmentOverdue(commitment.TenantId, Guid.CreateVersion7(now), now, commitment.InitiativeId,
                    areas[commitment.InitiativeId], commitment.Id, commitment.Side == CommitmentSide.Resident ? "resident" : "municipal",
                    commitment.Owner, due));
            }
        }
        return late.Count;
    }
}
