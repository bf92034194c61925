using Buurt.Initiatives.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Data;

/// <summary>
/// The deadline watch's claims, across tenants: rows past their date that were not told yet,
/// locked with FOR UPDATE SKIP LOCKED so that replicas share the work and never both tell.
/// Call inside a transaction.
/// </summary>
public static class DeadlineClaims
{
    /// <summary>Initiatives whose promised answer date lies before <paramref name="today"/>, oldest promise first.</summary>
    public static Task<List<Initiative>> ClaimLateAnswersAsync(this InitiativesDbContext db, DateOnly today, int limit, CancellationToken cancellationToken) =>
        db.Initiatives.FromSql($"""
            SELECT *, xmin FROM initiatives
             WHERE answer_due_by < {today} AND NOT answer_overdue_notified
             ORDER BY answer_due_by LIMIT {limit} FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);

    /// <summary>
    /// Initiatives whose promised answer date lies from <paramref name="today"/> up to two working
    /// days ahead in their municipality (its holidays skipped), not told yet, soonest first.
    /// </summary>
    public static Task<List<Initiative>> ClaimAnswersDueSoonAsync(this InitiativesDbContext db, DateOnly today,
        IReadOnlyDictionary<string, List<DateOnly>> holidays, int limit, CancellationToken cancellationToken)
    {
        // Each municipality's last date, from its own holidays; one without settings has none.
        var tenants = holidays.Keys.ToArray();
        var until = tenants.Select(t => Initiative.DueSoonUntil(today, holidays[t])).ToArray();
        var otherwise = Initiative.DueSoonUntil(today, []);
        return db.Initiatives.FromSql($"""
            SELECT i.*, i.xmin FROM initiatives i
              LEFT JOIN unnest({tenants}, {until}) AS m(tenant_id, due_until) ON m.tenant_id = i.tenant_id
             WHERE i.answer_due_by >= {today} AND i.answer_due_by <= coalesce(m.due_until, {otherwise}) AND NOT i.answer_due_soon_notified
             ORDER BY i.answer_due_by LIMIT {limit} FOR UPDATE OF i SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);
    }

    /// <summary>The holidays of each municipality that has settings (the others have none).</summary>
    public static async Task<Dictionary<string, List<DateOnly>>> HolidaysByTenantAsync(this InitiativesDbContext db, CancellationToken cancellationToken) =>
        await db.Settings.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(s => s.TenantId, s => s.Holidays, cancellationToken);

    /// <summary>Open commitments whose next date lies before <paramref name="today"/> and was not told, oldest first.</summary>
    public static Task<List<Commitment>> ClaimLateCommitmentsAsync(this InitiativesDbContext db, DateOnly today, int limit, CancellationToken cancellationToken) =>
        db.Commitments.FromSql($"""
            SELECT * FROM commitments
             WHERE status = 'Open' AND next_due < {today} AND overdue_notified_for IS DISTINCT FROM next_due
             ORDER BY next_due LIMIT {limit} FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);

    /// <summary>The wijk of each initiative, of any tenant.</summary>
    public static Task<Dictionary<Guid, Guid>> WijkenOfAsync(this InitiativesDbContext db, IEnumerable<Guid> initiativeIds, CancellationToken cancellationToken)
    {
        var ids = initiativeIds.Distinct().ToList();
        return db.Initiatives.IgnoreQueryFilters().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.AreaId })
            .ToDictionaryAsync(i => i.Id, i => i.AreaId, cancellationToken);
    }
}
