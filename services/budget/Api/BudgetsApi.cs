using Buurt.AreaCopy;
using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.Budget.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.Api;

/// <summary>
/// /api/budget/v1/budgets: years, their wijken's allocations and balances, amendments, themes,
/// the ledger (paged and as CSV), closing a year and corrections.
/// </summary>
public static class BudgetsApi
{
    public static void MapBudgets(this IEndpointRouteBuilder api)
    {
        var budgets = api.MapGroup("/budgets").WithTags("Budgets");
        budgets.MapGet("", ListYears).WithName("ListBudgetYears").RequireAuthorization(BuurtPolicies.Staff);
        budgets.MapGet("/{year:int}", GetYear).WithName("GetBudgetYear").RequireAuthorization(BuurtPolicies.Staff)
            .Produces<BudgetYearResponse>().ProducesProblem(404);
        budgets.MapPut("/{year:int}", SetTotal).WithName("SetBudgetTotal").RequireAuthorization(BuurtPolicies.BudgetController)
            .WithIdempotencyKey().Produces<BudgetYearResponse>().Produces<BudgetYearResponse>(201).ProducesValidationProblem().ProducesProblem(409);
        budgets.MapPost("/{year:int}/close", Close).WithName("CloseBudgetYear").RequireAuthorization(BuurtPolicies.BudgetController)
            .WithIdempotencyKey().Produces<BudgetYearResponse>().ProducesProblem(404).ProducesProblem(409);

        budgets.MapGet("/{year:int}/areas", ListAreas).WithName("ListAreaBudgets").RequireAuthorization(BuurtPolicies.Staff);
        budgets.MapGet("/{year:int}/areas/{areaId:guid}", GetArea).WithName("GetAreaBudget")
            .CachePublicly(TimeSpan.FromSeconds(30)).Produces<AreaBudgetSummary>().ProducesProblem(404);
        budgets.MapPut("/{year:int}/allocations/{areaId:guid}", Allocate).WithName("SetAllocation").RequireAuthorization(BuurtPolicies.BudgetController)
            .WithIdempotencyKey().Produces<AreaBudgetResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        budgets.MapGet("/{year:int}/amendments", ListAmendments).WithName("ListAmendments").RequireAuthorization(BuurtPolicies.Staff);
        budgets.MapPost("/{year:int}/amendments", Amend).WithName("RecordAmendment").RequireAuthorization(BuurtPolicies.BudgetController)
            .WithIdempotencyKey().Produces<AmendmentResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        budgets.MapGet("/{year:int}/themes", Themes).WithName("ListThemeBudgets").RequireAuthorization(BuurtPolicies.Staff);
        budgets.MapGet("/{year:int}/ledger", Ledger).WithName("ListLedgerEntries").RequireAuthorization(BuurtPolicies.Staff);
        budgets.MapGet("/{year:int}/ledger/export", Export).WithName("ExportLedger").RequireAuthorization(BuurtPolicies.Staff)
            .Produces<string>(200, "text/csv");
        budgets.MapPost("/{year:int}/corrections", Correct).WithName("RecordCorrection").RequireAuthorization(BuurtPolicies.BudgetController)
            .WithIdempotencyKey().Produces<AreaBudgetResponse>(201).ProducesValidationProblem().ProducesProblem(404);
    }

    /// <summary>Every year with a budget, newest first.</summary>
    private static async Task<Ok<PagedList<BudgetYearResponse>>> ListYears([AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Years.AsNoTracking().OrderByDescending(y => y.Year).ToPageAsync(page, BudgetYearResponse.From, cancellationToken));
    }

    /// <summary>A year's total, pool, carry-over, what is allocated and whether it is closed.</summary>
    private static async Task<IResult> GetYear(int year, BudgetDbContext db, CancellationToken cancellationToken) =>
        await db.Years.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, cancellationToken) is { } found
            ? TypedResults.Ok(BudgetYearResponse.From(found))
            : ApiProblems.NotFound($"There is no budget for {year}.");

    /// <summary>Sets the council's total for a year (opens the year when new). Refused below what is allocated, or in a closed year.</summary>
    private static async Task<IResult> SetTotal(
        int year, BudgetTotalRequest request, BudgetBookings bookings, HttpContext http, LinkGenerator links, CancellationToken cancellationToken)
    {
        if (Writes.CheckYear(year) is { } problem)
        {
            return problem;
        }
        var (budget, created) = await bookings.SetTotalAsync(year, request.Total!.Value, Writes.EntryFor(http, $"Total for {year} set to {request.Total:0.00}"), cancellationToken);
        var response = BudgetYearResponse.From(budget);
        return created ? TypedResults.Created(links.GetPathByName("GetBudgetYear", new { year }), response) : TypedResults.Ok(response);
    }

    /// <summary>Closes a year: afterwards only corrections change it. With the carry-over setting, what is available moves to the next year.</summary>
    private static async Task<IResult> Close(int year, BudgetBookings bookings, HttpContext http, CancellationToken cancellationToken) =>
        Writes.CheckYear(year)
        ?? TypedResults.Ok(BudgetYearResponse.From(await bookings.CloseAsync(year, Writes.EntryFor(http, $"Year {year} closed"), cancellationToken)));

    /// <summary>Every wijk's balance in a year, with % used.</summary>
    private static async Task<Ok<PagedList<AreaBudgetResponse>>> ListAreas(int year, [AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        var balances = await db.Balances.AsNoTracking().Where(b => b.Year == year).OrderBy(b => b.AreaId).ToPageAsync(page, cancellationToken);
        var ids = balances.Items.Select(b => b.AreaId).ToList();
        var names = await db.Areas.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return TypedResults.Ok(new PagedList<AreaBudgetResponse>(
            balances.Items.Select(b => AreaBudgetResponse.From(b, names.GetValueOrDefault(b.AreaId))).ToList(), balances.Page, balances.PageSize, balances.Total));
    }

    /// <summary>How much is left in a wijk this year: public, no personal data. Zero everywhere for a wijk without budget.</summary>
    private static async Task<IResult> GetArea(int year, Guid areaId, BudgetDbContext db, AreaStore areas, CancellationToken cancellationToken)
    {
        if (!await areas.IsWijkAsync(areaId, cancellationToken))
        {
            return ApiProblems.NotFound($"There is no wijk {areaId} in this municipality.");
        }
        var balance = await db.Balances.AsNoTracking().FirstOrDefaultAsync(b => b.Year == year && b.AreaId == areaId, cancellationToken);
        return TypedResults.Ok(balance is null ? AreaBudgetSummary.Zero : AreaBudgetSummary.From(balance));
    }

    /// <summary>Sets a wijk's allocation for a year. Refused above what is left of the year's budget, below what the wijk has used, or in a closed year.</summary>
    private static async Task<IResult> Allocate(
        int year, Guid areaId, AllocationRequest request, BudgetBookings bookings, AreaStore areas, HttpContext http, CancellationToken cancellationToken)
    {
        if ((Writes.CheckYear(year) ?? await Writes.CheckWijkAsync(areas, areaId, "areaId", cancellationToken)) is { } problem)
        {
            return problem;
        }
        var reason = request.Reason is { Length: > 0 } given ? given : $"Allocation for {year} set to {request.Amount:0.00}";
        var balance = await bookings.AllocateAsync(year, areaId, request.Amount!.Value, Writes.EntryFor(http, reason), cancellationToken);
        return TypedResults.Ok(AreaBudgetResponse.From(balance, null));
    }

    /// <summary>The year's amendments.</summary>
    private static async Task<Ok<PagedList<AmendmentResponse>>> ListAmendments(int year, [AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Amendments.AsNoTracking().Where(a => a.Year == year).OrderBy(a => a.RecordedAt)
            .ToPageAsync(page, AmendmentResponse.From, cancellationToken));
    }

    /// <summary>Records a council amendment for the year: to its wijk, or to the pool to allocate.</summary>
    private static async Task<IResult> Amend(
        int year, AmendmentRequest request, BudgetBookings bookings, AreaStore areas, HttpContext http, CancellationToken cancellationToken)
    {
        if ((Writes.CheckYear(year) ?? Writes.CheckPositive(request.Amount!.Value, "amount")
            ?? (request.AreaId is { } areaId ? await Writes.CheckWijkAsync(areas, areaId, "areaId", cancellationToken) : null)) is { } problem)
        {
            return problem;
        }
        var amendment = await bookings.AmendAsync(year, request.Reference!, request.Amount!.Value, request.Theme, request.AreaId, request.Description ?? "",
            Writes.EntryFor(http, $"Amendment {request.Reference}"), cancellationToken);
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path}/{amendment.Id}", AmendmentResponse.From(amendment));
    }

    /// <summary>The year per theme: amendments earmarked for it, and what its initiatives' deals reserved, committed and were paid.</summary>
    private static async Task<Ok<List<ThemeBudgetResponse>>> Themes(int year, BudgetDbContext db, CancellationToken cancellationToken)
    {
        var themes = await db.Ledger.AsNoTracking().Where(e => e.Year == year)
            .GroupBy(e => e.Theme)
            .Select(g => new ThemeBudgetResponse(
                g.Key, g.Sum(e => e.AmendedChange), g.Sum(e => e.ReservedChange), g.Sum(e => e.CommittedChange), g.Sum(e => e.PaidChange)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(themes.OrderBy(t => t.Theme is null).ThenBy(t => t.Theme).ToList());
    }

    /// <summary>The year's ledger in the order it was written, optionally of one wijk, initiative or kind.</summary>
    private static async Task<Results<Ok<PagedList<LedgerEntryResponse>>, ValidationProblem>> Ledger(
        int year, [AsParameters] LedgerQuery query, [AsParameters] PageRequest page, BudgetDbContext db, CancellationToken cancellationToken)
    {
        var entries = Filter(db, year, query.AreaId);
        if (query.InitiativeId is { } initiativeId)
        {
            entries = entries.Where(e => e.InitiativeId == initiativeId);
        }
        if (query.Kind is { } name)
        {
            if (!Enum.TryParse<LedgerKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                return ApiProblems.Field("kind", $"'{name}' is not a kind of ledger entry ({string.Join(", ", Enum.GetNames<LedgerKind>()).ToLowerInvariant()}).");
            }
            entries = entries.Where(e => e.Kind == kind);
        }
        return TypedResults.Ok(await entries.OrderBy(e => e.Sequence).ToPageAsync(page, LedgerEntryResponse.From, cancellationToken));
    }

    private static readonly string[] s_ledgerColumns =
    [
        "sequence", "recorded_at", "year", "area_id", "kind", "amount", "allocated_change", "amended_change", "reserved_change", "committed_change",
        "paid_change", "initiative_id", "theme", "reference", "actor", "reason", "source",
    ];

    /// <summary>The year's ledger (optionally of one wijk) as CSV: comma-separated, a point for decimals, UTF-8.</summary>
    private static async Task Export(int year, [AsParameters] AreaFilter filter, BudgetDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"ledger-{year}.csv\"";
        await using var csv = CsvWriter.For(http.Response);
        await csv.WriteRowAsync(s_ledgerColumns, cancellationToken);
        await foreach (var e in Filter(db, year, filter.AreaId).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.Value(e.Sequence).Value(e.RecordedAt).Value(e.Year).Value(e.AreaId).Value(e.Kind.ToString().ToLowerInvariant())
                .Euro(e.Amount).Euro(e.AllocatedChange).Euro(e.AmendedChange).Euro(e.ReservedChange).Euro(e.CommittedChange).Euro(e.PaidChange)
                .Value(e.InitiativeId).Value(e.Theme?.ToString().ToLowerInvariant())
                .Text(e.Reference).Text(e.Actor).Text(e.Reason).Text(e.Source);
            await csv.EndRowAsync(cancellationToken);
        }
    }

    /// <summary>Corrects one bucket of a wijk's balance by a signed amount, also in a closed year; the books must stay possible.</summary>
    private static async Task<IResult> Correct(
        int year, CorrectionRequest request, BudgetBookings bookings, AreaStore areas, HttpContext http, CancellationToken cancellationToken)
    {
        var amount = request.Amount!.Value;
        if ((Writes.CheckYear(year) ?? await Writes.CheckWijkAsync(areas, request.AreaId!.Value, "areaId", cancellationToken)) is { } problem)
        {
            return problem;
        }
        if (amount == 0 || !Money.IsWholeCents(amount))
        {
            return ApiProblems.Field("amount", "A correction is a signed amount in whole cents, not zero.");
        }
        var balance = await bookings.CorrectAsync(year, request.AreaId!.Value, request.Bucket!.Value, amount,
            Writes.EntryFor(http, request.Reason!) with { InitiativeId = request.InitiativeId }, cancellationToken);
        return TypedResults.Created((string?)null, AreaBudgetResponse.From(balance, null));
    }

    private static IQueryable<LedgerEntry> Filter(BudgetDbContext db, int year, Guid? areaId)
    {
        var entries = db.Ledger.AsNoTracking().Where(e => e.Year == year);
        return areaId is { } area ? entries.Where(e => e.AreaId == area) : entries;
    }
}
