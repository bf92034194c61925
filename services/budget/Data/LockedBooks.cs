using Buurt.AreaCopy;
using Buurt.Budget.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Buurt.Budget.Data;

/// <summary>
/// The rows a booking decides on, locked (<c>SELECT ... FOR UPDATE</c>) before they are read for
/// the decision, so two replicas booking on one wijk take turns; rows are always locked in (year,
/// wijk) order, so bookings on two wijken never deadlock. Also the reads that need no lock, as
/// one batch. Every method runs in the caller's transaction (the inbox's, or the use case's write).
/// The CHECK constraints on the balance tables stop whatever might slip past the code.
/// </summary>
public sealed class LockedBooks(BudgetDbContext db, ITenantContext tenant)
{
    private string TenantId => tenant.RequiredTenantId;

    /// <summary>The year's row, locked by what changes the year (total, allocations, amendments, close, corrections); null when the year has no budget.</summary>
    public async Task<BudgetYear?> LockYearAsync(int year, CancellationToken cancellationToken) =>
        (await db.Years.FromSql($"SELECT y.*, y.xmin FROM budget_years y WHERE y.tenant_id = {TenantId} AND y.year = {year} FOR UPDATE")
            .IgnoreQueryFilters().ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>The year's row, locked; 404 when the year has no budget, 409 when it is closed.</summary>
    public async Task<BudgetYear> LockOpenYearAsync(int year, CancellationToken cancellationToken)
    {
        var budget = await LockYearAsync(year, cancellationToken) ?? throw RuleException.NotFound($"There is no budget for {year}; set its total first.");
        budget.RequireOpen();
        return budget;
    }

    /// <summary>Creates the year's row if it is new (total zero) and locks it; returns it and whether it was new.</summary>
    public async Task<(BudgetYear Year, bool Created)> OpenYearAsync(int year, CancellationToken cancellationToken)
    {
        var created = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO budget_years (tenant_id, year, total, pool_amended, carried_over, allocated_to_wijken) VALUES ({TenantId}, {year}, 0, 0, 0, 0) ON CONFLICT DO NOTHING",
            cancellationToken) == 1;
        return ((await LockYearAsync(year, cancellationToken))!, created);
    }

    /// <summary>Locks the balance rows of (year, wijk) pairs, in that order; pairs without a row are absent.</summary>
    public async Task<Dictionary<(int Year, Guid AreaId), WijkBalance>> LockBalancesAsync(IReadOnlyCollection<(int Year, Guid AreaId)> keys, CancellationToken cancellationToken)
    {
        var years = keys.Select(k => k.Year).ToArray();
        var wijken = keys.Select(k => k.AreaId).ToArray();
        var rows = await db.Balances.FromSql($"""
            SELECT b.*, b.xmin FROM wijk_balances b
            WHERE b.tenant_id = {TenantId} AND (b.year, b.area_id) IN (SELECT * FROM unnest({years}, {wijken}))
            ORDER BY b.year, b.area_id
            FOR UPDATE
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);
        return rows.ToDictionary(b => (b.Year, b.AreaId));
    }

    /// <summary>Locks the balance row of one wijk and year, which must exist.</summary>
    public async Task<WijkBalance> LockBalanceAsync(int year, Guid areaId, CancellationToken cancellationToken) =>
        (await LockBalancesAsync([(year, areaId)], cancellationToken)).Values.Single();

    /// <summary>Locks every wijk's row of a year, in wijk order (closing the year marks them all).</summary>
    public async Task<List<WijkBalance>> LockBalancesOfYearAsync(int year, CancellationToken cancellationToken) =>
        await db.Balances.FromSql($"SELECT b.*, b.xmin FROM wijk_balances b WHERE b.tenant_id = {TenantId} AND b.year = {year} ORDER BY b.area_id FOR UPDATE")
            .IgnoreQueryFilters().ToListAsync(cancellationToken);

    /// <summary>Creates the wijk's row of the year if it is new (all zero) and locks it.</summary>
    public async Task<WijkBalance> LockOrCreateBalanceAsync(int year, Guid areaId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO wijk_balances (tenant_id, year, area_id, allocated, amended, reserved, committed, paid, closed) VALUES ({TenantId}, {year}, {areaId}, 0, 0, 0, 0, 0, false) ON CONFLICT DO NOTHING",
            cancellationToken);
        return await LockBalanceAsync(year, areaId, cancellationToken);
    }

    /// <summary>Locks an initiative's reservation; null when it has none.</summary>
    public async Task<Reservation?> LockReservationAsync(Guid initiativeId, CancellationToken cancellationToken) =>
        (await LockReservationsAsync([initiativeId], cancellationToken)).Values.SingleOrDefault();

    /// <summary>Locks the reservations of initiatives, in id order; initiatives without one are absent.</summary>
    public async Task<Dictionary<Guid, Reservation>> LockReservationsAsync(Guid[] initiativeIds, CancellationToken cancellationToken) =>
        await db.Reservations.FromSql($"""
            SELECT r.*, r.xmin FROM reservations r
            WHERE r.tenant_id = {TenantId} AND r.initiative_id = ANY({initiativeIds})
            ORDER BY r.initiative_id
            FOR UPDATE
            """).IgnoreQueryFilters().ToDictionaryAsync(r => r.InitiativeId, cancellationToken);

    /// <summary>
    /// Takes the initiatives out of the pipeline and reads which areas are wijken, the mandates,
    /// the executive decisions and the wijken's theme earmarks, as one batch: one round trip
    /// instead of five. Leaving is the same for every deal of a group: one already answered has left before.
    /// </summary>
    public async Task<FundingRules> LeavePipelineAndReadRulesAsync(Guid[] initiatives, Guid[] areaIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction())
        {
            BatchCommands =
            {
                Command("UPDATE pipeline_items SET left_at = $1 WHERE tenant_id = $2 AND initiative_id = ANY($3) AND left_at IS NULL", now, TenantId, initiatives),
                Command($"SELECT id FROM {AreaCopySetup.Table} WHERE tenant_id = $1 AND kind = $2 AND id = ANY($3)", TenantId, CopiedArea.Wijk, areaIds),
                Command("SELECT role, max_amount FROM mandates WHERE tenant_id = $1", TenantId),
                Command("SELECT initiative_id, max_amount FROM executive_decisions WHERE tenant_id = $1 AND initiative_id = ANY($2)", TenantId, initiatives),
                Command("SELECT year, area_id, theme, sum(amount) FROM amendments WHERE tenant_id = $1 AND area_id = ANY($2) AND theme IS NOT NULL GROUP BY year, area_id, theme",
                    TenantId, areaIds),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var rules = new FundingRules();
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Wijken.Add(reader.GetGuid(0));
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Mandates.Add(new Mandate(TenantId, reader.GetString(0), reader.GetDecimal(1), default));
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Decisions[reader.GetGuid(0)] = reader.GetDecimal(1);
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetInt32(0), reader.GetGuid(1));
            (rules.Earmarked.TryGetValue(key, out var themes) ? themes : rules.Earmarked[key] = [])[Enum.Parse<Contracts.Theme>(reader.GetString(2))] = reader.GetDecimal(3);
        }
        return rules;

        static NpgsqlBatchCommand Command(string sql, params object[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }
            return command;
        }
    }

    /// <summary>
    /// The earmarks of the wijken that have any, with what each theme's deals hold there. Read under
    /// the wijk's lock, before the group changes anything; the group keeps them current as it books.
    /// </summary>
    public async Task<Dictionary<(int Year, Guid AreaId), Earmarks>> EarmarksAsync(
        IEnumerable<(int Year, Guid AreaId)> keys, FundingRules rules, CancellationToken cancellationToken)
    {
        var earmarks = new Dictionary<(int Year, Guid AreaId), Earmarks>();
        foreach (var (year, areaId) in keys.Where(rules.Earmarked.ContainsKey))
        {
            var used = await db.Reservations.AsNoTracking()
                .Where(r => r.Year == year && r.AreaId == areaId)
                .GroupBy(r => r.Theme)
                .Select(g => new { Theme = g.Key, Held = g.Sum(r => r.Amount) })
                .ToDictionaryAsync(g => g.Theme, g => g.Held, cancellationToken);
            earmarks[(year, areaId)] = new Earmarks(rules.Earmarked[(year, areaId)], used);
        }
        return earmarks;
    }

    /// <summary>An initiative's pipeline item, tracked; null when it never entered.</summary>
    public Task<PipelineItem?> FindPipelineItemAsync(Guid initiativeId, CancellationToken cancellationToken) =>
        db.Pipeline.FirstOrDefaultAsync(p => p.InitiativeId == initiativeId, cancellationToken);
}

/// <summary>What the deals of a group are decided by, read in one batch before any lock.</summary>
public sealed class FundingRules
{
    /// <summary>Which of the deals' areas are wijken of the municipality.</summary>
    public HashSet<Guid> Wijken { get; } = [];

    public List<Mandate> Mandates { get; } = [];

    /// <summary>Per initiative, up to how much an executive decision allows.</summary>
    public Dictionary<Guid, decimal> Decisions { get; } = [];

    /// <summary>Per (year, wijk) with earmarks, per theme the sum of the amendments earmarked for it.</summary>
    public Dictionary<(int Year, Guid AreaId), Dictionary<Contracts.Theme, decimal>> Earmarked { get; } = [];
}
