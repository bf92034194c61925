using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Background;

namespace Buurt.Initiatives.Messaging;

/// <summary>
/// Every few minutes: publishes <c>InitiativeAnswerDueSoon</c> for each promised answer date two
/// working days away, <c>InitiativeAnswerOverdue</c> for each that passed and <c>CommitmentOverdue</c>
/// for each commitment past its due date, once per promise or breach.
/// Rows are claimed with FOR UPDATE SKIP LOCKED (<see cref="DeadlineClaims"/>), so replicas share the
/// work and never both publish; the domain raises each event with its "published" mark, and both
/// commit together (outbox).
/// </summary>
public sealed class DeadlineWatch(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<DeadlineWatch> logger)
    : ClaimingWatch<InitiativesDbContext>(scopes, Batch, time, logger, AnswersDueSoonAsync, AnswersAsync, CommitmentsAsync)
{
    private const int Batch = 200;

    protected override TimeSpan Interval { get; } = configuration.GetValue("Initiatives:DeadlineCheckInterval", TimeSpan.FromMinutes(5));

    private static async Task<int> AnswersDueSoonAsync(InitiativesDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var holidays = await db.HolidaysByTenantAsync(cancellationToken);
        var soon = await db.ClaimAnswersDueSoonAsync(WorkingDays.LocalDate(now), holidays, Batch, cancellationToken);
        foreach (var initiative in soon)
        {
            initiative.RaiseIfAnswerDueSoon(now, holidays.GetValueOrDefault(initiative.TenantId) ?? []);
        }
        return soon.Count;
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
