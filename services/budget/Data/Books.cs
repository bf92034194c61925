using Buurt.AreaCopy;
using Buurt.Budget.Domain;
using Buurt.Contracts.Budget;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Buurt.Budget.Data;

/// <summary>
/// Every booking of the budget service, each inside one transaction with the ledger entries it
/// writes and the events it raises. The wijk-year balance row is locked (<c>SELECT ... FOR
/// UPDATE</c>) before it is read for a decision, so two replicas reserving on one wijk take turns;
/// rows are always locked in (year, wijk) order, so bookings on two wijken never deadlock; what
/// needs no lock is read before it, so the lock is held for the decision and the write only. The
/// CHECK constraints on the balance tables stop whatever might slip past the code.
/// </summary>
public sealed partial class Books(BudgetDbContext db, ITenantContext tenant, TimeProvider time, ILogger<Books> logger)
{
    /// <summary>The actor of bookings that come from the initiatives service's events.</summary>
    public const string InitiativesService = "service:initiatives";

    private string TenantId => tenant.RequiredTenantId;

    /// <summary>Now, to the microsecond PostgreSQL keeps.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = time.GetUtcNow();
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        }
    }

    /// <summary>Starts a transaction, or joins the one already open (the inbox's or the idempotency key's).</summary>
    public async Task<Write> BeginAsync(CancellationToken cancellationToken) =>
        new(db, db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);

    // ---- the deal's money (events of the initiatives service) -------------------------------

    /// <summary>
    /// Reserves each proposed deal's amount, or rejects it with the reason, in the order given (a
    /// batch of one tenant's deals: one lock per wijk for all of them). A later version replaces
    /// the earlier: what the earlier held is released first, whatever the answer to the new one.
    /// An older or repeated version is ignored (it was answered already).
    /// </summary>
    public async Task ProposeAsync(IReadOnlyList<DealProposed> deals, CancellationToken cancellationToken)
    {
        foreach (var deal in deals)
        {
            Money.RequireValid(deal.Amount, nameof(deal.Amount));
        }
        var now = Now;
        var initiatives = deals.Select(d => d.InitiativeId).Distinct().ToArray();
        var reservations = await LockReservationsAsync(initiatives, cancellationToken);

        // Everything that needs no lock is read first, in one round trip for the group: the wijk's row is locked only for the decisions and the write.
        var (wijken, mandates, decisions, earmarked) = await LeavePipelineAndReadRulesAsync(initiatives, deals.Select(d => d.AreaId).Distinct().ToArray(), now, cancellationToken);
        var keys = deals.Select(d => (BudgetYearRule.YearOf(d.OccurredAt), d.AreaId))
            .Concat(reservations.Values.Where(r => r.Open > 0).Select(r => (r.Year, r.AreaId)))
            .Distinct().ToList();
        // The lock returns the rows as the last commit left them: a close that held them first has marked them closed.
        var balances = await LockBalancesAsync(keys, cancellationToken);
        var earmarks = await EarmarksAsync(keys.Where(earmarked.ContainsKey), earmarked, cancellationToken);

        foreach (var deal in deals)
        {
            var reservation = reservations.GetValueOrDefault(deal.InitiativeId);
            if (reservation is not null && deal.DealVersion <= reservation.DealVersion)
            {
                LogStaleVersion(logger, deal.InitiativeId, deal.DealVersion, reservation.DealVersion);
                continue;
            }
            if (reservation?.Status is ReservationStatus.Committed or ReservationStatus.Completed)
            {
                LogProposalAfterAcceptance(logger, deal.InitiativeId, deal.DealVersion);
                continue;
            }
            if (reservation is null)
            {
                reservation = reservations[deal.InitiativeId] = Reservation.New(TenantId, deal.InitiativeId);
                db.Reservations.Add(reservation);
            }
            await ProposeAsync(deal, reservation, balances, earmarks, wijken.Contains(deal.AreaId),
                Mandate.ApproverFor(deal.Amount, mandates, decisions.TryGetValue(deal.InitiativeId, out var upTo) ? upTo : null), now, cancellationToken);
        }
    }

    /// <summary>
    /// The earmarks of the wijken that have any, with what each theme's deals hold there. Read under
    /// the wijk's lock, before the group changes anything; the group keeps them current as it books.
    /// </summary>
    private async Task<Dictionary<(int Year, Guid AreaId), Earmarks>> EarmarksAsync(
        IEnumerable<(int Year, Guid AreaId)> keys, Dictionary<(int Year, Guid AreaId), Dictionary<Contracts.Theme, decimal>> earmarked, CancellationToken cancellationToken)
    {
        var earmarks = new Dictionary<(int Year, Guid AreaId), Earmarks>();
        foreach (var (year, areaId) in keys)
        {
            var used = await db.Reservations.AsNoTracking()
                .Where(r => r.Year == year && r.AreaId == areaId)
                .GroupBy(r => r.Theme)
                .Select(g => new { Theme = g.Key, Held = g.Sum(r => r.Amount) })
                .ToDictionaryAsync(g => g.Theme, g => g.Held, cancellationToken);
            earmarks[(year, areaId)] = new Earmarks(earmarked[(year, areaId)], used);
        }
        return earmarks;
    }

    /// <summary>
    /// Takes the initiatives out of the pipeline and reads which areas are wijken, the mandates,
    /// the executive decisions and the wijken's theme earmarks, as one batch: one round trip
    /// instead of five. Leaving is the same for every deal of the group: one already answered has left before.
    /// </summary>
    private async Task<(HashSet<Guid> Wijken, List<Mandate> Mandates, Dictionary<Guid, decimal> Decisions,
        Dictionary<(int Year, Guid AreaId), Dictionary<Contracts.Theme, decimal>> Earmarked)> LeavePipelineAndReadRulesAsync(
        Guid[] initiatives, Guid[] areaIds, DateTimeOffset now, CancellationToken cancellationToken)
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
        var (wijken, mandates, decisions) = (new HashSet<Guid>(), new List<Mandate>(), new Dictionary<Guid, decimal>());
        while (await reader.ReadAsync(cancellationToken))
        {
            wijken.Add(reader.GetGuid(0));
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            mandates.Add(new Mandate(TenantId, reader.GetString(0), reader.GetDecimal(1)));
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions[reader.GetGuid(0)] = reader.GetDecimal(1);
        }
        await reader.NextResultAsync(cancellationToken);
        var earmarked = new Dictionary<(int Year, Guid AreaId), Dictionary<Contracts.Theme, decimal>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetInt32(0), reader.GetGuid(1));
            (earmarked.TryGetValue(key, out var themes) ? themes : earmarked[key] = [])[Enum.Parse<Contracts.Theme>(reader.GetString(2))] = reader.GetDecimal(3);
        }
        return (wijken, mandates, decisions, earmarked);

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

    private async Task ProposeAsync(
        DealProposed deal, Reservation reservation, Dictionary<(int Year, Guid AreaId), WijkBalance> balances,
        Dictionary<(int Year, Guid AreaId), Earmarks> earmarks, bool isWijk, string? approver, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var year = BudgetYearRule.YearOf(deal.OccurredAt);
        var about = new Entry(InitiativesService, $"Deal version {deal.DealVersion} proposed", $"event:{deal.EventId}")
        {
            InitiativeId = deal.InitiativeId,
            Theme = deal.Theme,
        };
        if (reservation.Open > 0)
        {
            // Written around the release, so the ledger and the answers keep their order (EF may order one batch's inserts otherwise).
            await db.SaveChangesAsync(cancellationToken);
            var (replacedTheme, replacedIn) = (reservation.Theme, (reservation.Year, reservation.AreaId));
            var released = BookRelease(reservation, balances[replacedIn],
                about with { Reason = $"Deal version {reservation.DealVersion} replaced by version {deal.DealVersion}" }, now);
            earmarks.GetValueOrDefault(replacedIn)?.GiveBack(replacedTheme, released);
            await db.SaveChangesAsync(cancellationToken);
        }

        balances.TryGetValue((year, deal.AreaId), out var wijk);
        var earmark = earmarks.GetValueOrDefault((year, deal.AreaId));
        var free = wijk is null ? 0m : earmark?.FreeFor(deal.Theme, wijk.Available) ?? wijk.Available;
        var (reason, detail) =
            !isWijk ? (FundsRejectionReasons.NoBudget, $"Wijk {deal.AreaId} is unknown in this municipality.")
            : wijk is null || wijk.Budget == 0 ? (FundsRejectionReasons.NoBudget, $"The wijk has no budget in {year}.")
            : wijk.Closed ? (FundsRejectionReasons.NoBudget, $"The budget of {year} is closed.")
            : approver is null ? (FundsRejectionReasons.AboveMandate, $"€{deal.Amount:0.00} is above every mandate and no executive decision was recorded for this initiative.")
            : deal.Amount > free ? (FundsRejectionReasons.InsufficientFunds, free == wijk.Available
                ? $"€{deal.Amount:0.00} asked, €{wijk.Available:0.00} available in the wijk's budget of {year}."
                : $"€{deal.Amount:0.00} asked, €{Math.Max(free, 0m):0.00} available for {deal.Theme} in the wijk's budget of {year}: €{wijk.Available - free:0.00} of the €{wijk.Available:0.00} available is earmarked for other themes by council amendments.")
            : (null, null);
        if (reason is not null)
        {
            reservation.Reject(deal.DealVersion, now);
            db.AddIntegrationEvent(new FundsReservationRejected(
                TenantId, Guid.CreateVersion7(now), now, deal.InitiativeId, deal.AreaId, deal.DealVersion, deal.Amount, reason, detail!));
            return;
        }

        reservation.Reserve(deal.AreaId, year, deal.Theme, deal.DealVersion, deal.Amount, approver!, now);
        Book(wijk!, LedgerKind.Reservation, deal.Amount, Buckets.Reserve(deal.Amount), about, now);
        earmark?.Use(deal.Theme, deal.Amount);
        db.AddIntegrationEvent(new FundsReserved(
            TenantId, Guid.CreateVersion7(now), now, deal.InitiativeId, deal.AreaId, deal.DealVersion, deal.Amount, year, approver!));
    }

    /// <summary>The accepted deal's reservation becomes a commitment.</summary>
    public async Task AcceptAsync(DealAccepted deal, CancellationToken cancellationToken)
    {
        var now = Now;
        var reservation = await LockReservationAsync(deal.InitiativeId, cancellationToken);
        if (reservation is { Status: ReservationStatus.Committed or ReservationStatus.Completed } && reservation.DealVersion == deal.DealVersion)
        {
            return;
        }
        if (reservation is not { Status: ReservationStatus.Reserved } || reservation.DealVersion != deal.DealVersion || reservation.Amount != deal.Amount)
        {
            // Not something to guess about: after the retries the message waits in the error queue.
            throw new InvalidOperationException(
                $"Deal version {deal.DealVersion} of initiative {deal.InitiativeId} (€{deal.Amount:0.00}) was accepted, but no such reservation is held.");
        }
        var balance = await LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken);
        Book(balance, LedgerKind.Commitment, reservation.Amount, Buckets.Commit(reservation.Amount),
            new Entry(InitiativesService, $"Deal version {deal.DealVersion} accepted", $"event:{deal.EventId}")
            {
                InitiativeId = deal.InitiativeId,
                Theme = reservation.Theme,
            }, now);
        reservation.Commit(now);
    }

    /// <summary>An initiative that ends without being carried out gives back what it held.</summary>
    public async Task ReleaseAsync(Guid initiativeId, string reason, Guid eventId, CancellationToken cancellationToken)
    {
        var now = Now;
        await LeavePipelineAsync(initiativeId, now, cancellationToken);
        var reservation = await LockReservationAsync(initiativeId, cancellationToken);
        if (reservation is not { Open: > 0 })
        {
            return;
        }
        BookRelease(reservation, await LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken),
            new Entry(InitiativesService, reason, $"event:{eventId}") { InitiativeId = initiativeId, Theme = reservation.Theme }, now);
    }

    /// <summary>A completed initiative's final cost stays committed; the rest is released.</summary>
    public async Task CompleteAsync(InitiativeCompleted completed, CancellationToken cancellationToken)
    {
        Money.RequireValid(completed.FinalCost, nameof(completed.FinalCost));
        var now = Now;
        var reservation = await LockReservationAsync(completed.InitiativeId, cancellationToken);
        if (reservation is null || reservation.Status is ReservationStatus.Released or ReservationStatus.Completed)
        {
            return;
        }
        var balance = await LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken);
        if (reservation.Status == ReservationStatus.Reserved)
        {
            // Its proposal took it out of the pipeline already.
            BookRelease(reservation, balance,
                new Entry(InitiativesService, "Completed without an accepted deal", $"event:{completed.EventId}") { InitiativeId = completed.InitiativeId, Theme = reservation.Theme }, now);
            return;
        }
        if (completed.FinalCost > reservation.Amount)
        {
            LogCostAboveCommitment(logger, completed.InitiativeId, completed.FinalCost, reservation.Amount);
        }
        var released = reservation.Complete(completed.FinalCost, now);
        if (released > 0)
        {
            Book(balance, LedgerKind.Release, released, Buckets.ReleaseCommitted(released),
                new Entry(InitiativesService, $"Completed at a final cost of €{completed.FinalCost:0.00}", $"event:{completed.EventId}")
                {
                    InitiativeId = completed.InitiativeId,
                    Theme = reservation.Theme,
                }, now);
        }
    }

    /// <summary>A submitted initiative enters its wijk's pipeline (once).</summary>
    public async Task EnterPipelineAsync(InitiativeSubmitted submitted, CancellationToken cancellationToken)
    {
        if (await db.Pipeline.AnyAsync(p => p.InitiativeId == submitted.InitiativeId, cancellationToken))
        {
            return;
        }
        var item = new PipelineItem(submitted.TenantId, submitted.InitiativeId, submitted.AreaId, submitted.Theme, submitted.RequestedAmount, submitted.OccurredAt);
        // Queues keep no order among themselves: a deal answered before this arrived has taken it out of the pipeline already.
        if (await db.Reservations.AnyAsync(r => r.InitiativeId == submitted.InitiativeId, cancellationToken))
        {
            item.Leave(Now);
        }
        db.Pipeline.Add(item);
    }

    // ---- a budget controller's bookings (the API) -------------------------------------------

    /// <summary>Sets a year's total, opening the year if it is new; returns it and whether it was new.</summary>
    public async Task<(BudgetYear Year, bool Created)> SetTotalAsync(int year, decimal total, Entry about, CancellationToken cancellationToken)
    {
        var (budget, created) = await OpenYearAsync(year, cancellationToken);
        var change = budget.SetTotal(total);
        if (change != 0)
        {
            BookYear(year, LedgerKind.Allocation, change, Buckets.Allocate(change), about, Now);
        }
        return (budget, created);
    }

    /// <summary>Creates the year's row if it is new (total zero) and locks it; returns it and whether it was new.</summary>
    private async Task<(BudgetYear Year, bool Created)> OpenYearAsync(int year, CancellationToken cancellationToken)
    {
        var created = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO budget_years (tenant_id, year, total, pool_amended, carried_over, allocated_to_wijken) VALUES ({TenantId}, {year}, 0, 0, 0, 0) ON CONFLICT DO NOTHING",
            cancellationToken) == 1;
        return ((await LockYearAsync(year, cancellationToken))!, created);
    }

    /// <summary>Sets a wijk's allocation in a year (the ledger gets the difference).</summary>
    public async Task<WijkBalance> AllocateAsync(int year, Guid areaId, decimal amount, Entry about, CancellationToken cancellationToken)
    {
        var budget = await RequireOpenYearAsync(year, cancellationToken);
        var balance = await LockOrCreateBalanceAsync(year, areaId, cancellationToken);
        var change = amount - balance.Allocated;
        if (change != 0)
        {
            budget.Allocate(change);
            Book(balance, LedgerKind.Allocation, change, Buckets.Allocate(change), about, Now);
        }
        return balance;
    }

    /// <summary>Records a council amendment: to the wijk it is earmarked for, or to the year's pool.</summary>
    public async Task<Amendment> AmendAsync(int year, string reference, decimal amount, Contracts.Theme? theme, Guid? areaId, string description, Entry about, CancellationToken cancellationToken)
    {
        var budget = await RequireOpenYearAsync(year, cancellationToken);
        var now = Now;
        var amendment = new Amendment(TenantId, year, reference, amount, theme, areaId, description, about.Actor, now);
        db.Amendments.Add(amendment);
        about = about with { Reference = reference, Theme = theme };
        if (areaId is { } wijk)
        {
            Book(await LockOrCreateBalanceAsync(year, wijk, cancellationToken), LedgerKind.Amendment, amount, Buckets.Amend(amount), about, now);
        }
        else
        {
            budget.AmendPool(amount);
            BookYear(year, LedgerKind.Amendment, amount, Buckets.Amend(amount), about, now);
        }
        return amendment;
    }

    /// <summary>Records a payment for an initiative's committed deal and tells the others.</summary>
    public async Task<Payment> PayAsync(Guid initiativeId, decimal amount, string? reference, Entry about, CancellationToken cancellationToken)
    {
        var reservation = await LockReservationAsync(initiativeId, cancellationToken)
            ?? throw new BudgetNotFoundException($"No deal of initiative {initiativeId} has money in the budget.");
        // The wijk's row, not the year's: payments do not queue behind allocations and amendments.
        var balance = await LockBalanceAsync(reservation.Year, reservation.AreaId, cancellationToken);
        balance.RequireOpen();
        var now = Now;
        reservation.Pay(amount, now);
        var payment = new Payment(TenantId, initiativeId, reservation.AreaId, reservation.Year, amount, reference, about.Actor, now);
        db.Payments.Add(payment);
        Book(balance, LedgerKind.Payment, amount, Buckets.Pay(amount),
            about with { InitiativeId = initiativeId, Theme = reservation.Theme, Reference = reference }, now);
        db.AddIntegrationEvent(new PaymentRecorded(TenantId, Guid.CreateVersion7(now), now, payment.Id, initiativeId, reservation.AreaId, reservation.Year, amount));
        return payment;
    }

    /// <summary>Closes a year; with the carry-over rule, each wijk's available money is allocated to it in the next year.</summary>
    public async Task<BudgetYear> CloseAsync(int year, CarryOverRule carryOver, Entry about, CancellationToken cancellationToken)
    {
        var budget = await RequireOpenYearAsync(year, cancellationToken);
        // Reservations lock only their wijk's row: every row is locked and marked, so none books into the closed year.
        var wijken = await db.Balances.FromSql($"SELECT b.*, b.xmin FROM wijk_balances b WHERE b.tenant_id = {TenantId} AND b.year = {year} ORDER BY b.area_id FOR UPDATE")
            .IgnoreQueryFilters().ToListAsync(cancellationToken);
        wijken.ForEach(b => b.Close());
        var now = Now;
        budget.Close(about.Actor, now);
        if (carryOver == CarryOverRule.Available)
        {
            var carried = wijken.Where(b => b.Available > 0).ToList();
            if (carried.Count > 0)
            {
                var (next, _) = await OpenYearAsync(year + 1, cancellationToken);
                var sum = carried.Sum(b => b.Available);
                next.CarryIn(sum);
                var carry = about with { Reason = $"Carried over from {year}" };
                BookYear(year + 1, LedgerKind.Allocation, sum, Buckets.Allocate(sum), carry, now);
                foreach (var from in carried.OrderBy(b => b.AreaId))
                {
                    next.Allocate(from.Available);
                    Book(await LockOrCreateBalanceAsync(year + 1, from.AreaId, cancellationToken), LedgerKind.Allocation, from.Available, Buckets.Allocate(from.Available), carry, now);
                }
            }
        }
        return budget;
    }

    /// <summary>A budget controller's correction of one bucket of a wijk's balance, also in a closed year.</summary>
    public async Task<WijkBalance> CorrectAsync(int year, Guid areaId, Bucket bucket, decimal amount, Entry about, CancellationToken cancellationToken)
    {
        var budget = await LockYearAsync(year, cancellationToken) ?? throw new BudgetNotFoundException($"There is no budget for {year}.");
        var balance = await LockOrCreateBalanceAsync(year, areaId, cancellationToken);
        if (budget.IsClosed)
        {
            balance.Close();
        }
        if (bucket == Bucket.Allocated)
        {
            budget.Allocate(amount, correction: true);
        }
        Book(balance, LedgerKind.Correction, amount, Buckets.Of(bucket, amount), about, Now);
        return balance;
    }

    // ---- locks and entries ---------------------------------------------------------------

    private void Book(WijkBalance balance, LedgerKind kind, decimal amount, Buckets change, Entry about, DateTimeOffset now)
    {
        balance.Apply(change);
        db.Ledger.Add(LedgerEntry.Record(TenantId, balance.Year, balance.AreaId, kind, amount, change, about, now));
    }

    /// <summary>Gives back what the reservation holds, from the bucket it is in; returns how much.</summary>
    private decimal BookRelease(Reservation reservation, WijkBalance balance, Entry about, DateTimeOffset now)
    {
        var change = reservation.Status == ReservationStatus.Reserved ? Buckets.ReleaseReserved(reservation.Open) : Buckets.ReleaseCommitted(reservation.Open);
        var released = reservation.Release(now);
        Book(balance, LedgerKind.Release, released, change, about, now);
        return released;
    }

    private void BookYear(int year, LedgerKind kind, decimal amount, Buckets change, Entry about, DateTimeOffset now) =>
        db.Ledger.Add(LedgerEntry.Record(TenantId, year, null, kind, amount, change, about, now));

    private async Task<BudgetYear> RequireOpenYearAsync(int year, CancellationToken cancellationToken)
    {
        var budget = await LockYearAsync(year, cancellationToken) ?? throw new BudgetNotFoundException($"There is no budget for {year}; set its total first.");
        budget.RequireOpen();
        return budget;
    }

    /// <summary>The year's row, locked by what changes the year (total, allocations, amendments, close, corrections).</summary>
    private async Task<BudgetYear?> LockYearAsync(int year, CancellationToken cancellationToken) =>
        (await db.Years.FromSql($"SELECT y.*, y.xmin FROM budget_years y WHERE y.tenant_id = {TenantId} AND y.year = {year} FOR UPDATE")
            .IgnoreQueryFilters().ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>Locks the balance rows of (year, wijk) pairs, in that order; pairs without a row are absent.</summary>
    private async Task<Dictionary<(int Year, Guid AreaId), WijkBalance>> LockBalancesAsync(IReadOnlyCollection<(int Year, Guid AreaId)> keys, CancellationToken cancellationToken)
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
    private async Task<WijkBalance> LockBalanceAsync(int year, Guid areaId, CancellationToken cancellationToken) =>
        (await LockBalancesAsync([(year, areaId)], cancellationToken)).Values.Single();

    private async Task<WijkBalance> LockOrCreateBalanceAsync(int year, Guid areaId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO wijk_balances (tenant_id, year, area_id, allocated, amended, reserved, committed, paid, closed) VALUES ({TenantId}, {year}, {areaId}, 0, 0, 0, 0, 0, false) ON CONFLICT DO NOTHING",
            cancellationToken);
        return await LockBalanceAsync(year, areaId, cancellationToken);
    }

    private async Task<Reservation?> LockReservationAsync(Guid initiativeId, CancellationToken cancellationToken) =>
        (await LockReservationsAsync([initiativeId], cancellationToken)).Values.SingleOrDefault();

    /// <summary>Locks the reservations of initiatives, in id order; initiatives without one are absent.</summary>
    private async Task<Dictionary<Guid, Reservation>> LockReservationsAsync(Guid[] initiativeIds, CancellationToken cancellationToken) =>
        await db.Reservations.FromSql($"""
            SELECT r.*, r.xmin FROM reservations r
            WHERE r.tenant_id = {TenantId} AND r.initiative_id = ANY({initiativeIds})
            ORDER BY r.initiative_id
            FOR UPDATE
            """).IgnoreQueryFilters().ToDictionaryAsync(r => r.InitiativeId, cancellationToken);

    private async Task LeavePipelineAsync(Guid initiativeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Pipeline.FirstOrDefaultAsync(p => p.InitiativeId == initiativeId, cancellationToken) is { } item)
        {
            item.Leave(now);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal version {Version} of initiative {InitiativeId} is not newer than version {Current}; ignored")]
    private static partial void LogStaleVersion(ILogger logger, Guid initiativeId, int version, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal version {Version} of initiative {InitiativeId} was proposed after a deal was accepted; ignored")]
    private static partial void LogProposalAfterAcceptance(ILogger logger, Guid initiativeId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Initiative {InitiativeId} completed at €{FinalCost} above its commitment of €{Committed}; the commitment stays")]
    private static partial void LogCostAboveCommitment(ILogger logger, Guid initiativeId, decimal finalCost, decimal committed);
}

/// <summary>A write transaction the books own, or a share in one already open.</summary>
public sealed class Write(BudgetDbContext db, IDbContextTransaction? own) : IAsyncDisposable
{
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (own is not null)
        {
            await own.DisposeAsync();
        }
    }
}

/// <summary>What a booking needs does not exist (a year without budget, an initiative without money); the API answers 404.</summary>
public sealed class BudgetNotFoundException(string message) : Exception(message);
