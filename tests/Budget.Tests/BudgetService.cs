using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Budget.Data;
using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Budget.Tests;

/// <summary>
/// The budget service on its own database and virtual host, with the real identity service (its
/// demo wijken reach the budget's area copy; tokens of the demo accounts). The demo books are
/// loaded; tests book in years of their own (2040 and later) so they never meet.
/// </summary>
public sealed class BudgetService() : ServiceFixture<BudgetDbContext>("budget", withIdentity: true)
{
    public static readonly Guid Zuid = Demo.Zuid;
    public static readonly Guid Centrum = Demo.Centrum;
    public static readonly Guid Oost1223 = Demo.Oost1223;
    public static readonly Guid VoorbeeldstadNoord = Demo.VoorbeeldstadNoord;

    public const string Controller = Demo.BudgetController;
    public const string Admin = Demo.Admin;
    public const string Director = Demo.Director;

    private static int s_nextYear = 2040;
    /// <summary>A year (and the <paramref name="span"/> - 1 after it) no other test books in.</summary>
    public static int FreshYear(int span = 1) => Interlocked.Add(ref s_nextYear, span) - span + 1;

    /// <summary>An instant in the middle of a year, as initiatives' events carry it.</summary>
    public static DateTimeOffset In(int year) => new(year, 6, 15, 12, 0, 0, TimeSpan.FromHours(2));

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Budget:MetricsInterval"] = "00:00:00.500";
        settings["IdempotencyKeys:CleanupInterval"] = "00:00:00.500";
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Eventually.TrueAsync(async () => await InScopeAsync("hilversum", s => s.GetRequiredService<BudgetDbContext>().Areas.AnyAsync()),
            what: "the areas to be copied from identity");
        await BusReadiness.ConnectedAsync(Factory.Services);
    }

    /// <summary>Opens <paramref name="year"/> with a total and gives wijk Zuid (or another) its allocation, as the budget controller.</summary>
    public async Task OpenYearAsync(int year, decimal total, decimal allocation, Guid? wijk = null)
    {
        var controller = await AsAsync(Controller);
        (await controller.PutAsJsonAsync($"/api/budget/v1/budgets/{year}", new { total })).EnsureSuccessStatusCode();
        (await controller.PutAsJsonAsync($"/api/budget/v1/budgets/{year}/allocations/{wijk ?? Zuid}", new { amount = allocation })).EnsureSuccessStatusCode();
    }

    public static InitiativeSubmitted Submitted(string tenant, Guid area, decimal amount) =>
        new(tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), area, Theme.Sociaal, amount);

    public static DealProposed Proposed(Guid initiative, decimal amount, int year, int version = 1, Guid? area = null, string tenant = "hilversum", Theme theme = Theme.Fysiek) =>
        new(tenant, Guid.CreateVersion7(), In(year), initiative, area ?? Zuid, theme, version, amount);

    /// <summary>The events the budget wrote to its outbox about an initiative: (type name, payload).</summary>
    public Task<List<(string Type, JsonElement Payload)>> AnswersAsync(Guid initiative) => InScopeAsync("hilversum", async services =>
    {
        var id = initiative.ToString();
        var rows = (await services.GetRequiredService<BudgetDbContext>().Set<OutboxMessage>().AsNoTracking()
            .OrderBy(m => m.Sequence).ToListAsync()).Where(m => m.Payload.Contains(id, StringComparison.Ordinal));
        return rows.Select(r => (r.Type.Split(',')[0].Split('.')[^1], JsonDocument.Parse(r.Payload).RootElement)).ToList();
    });

    /// <summary>Waits for the <paramref name="count"/>th answer about an initiative and returns them all.</summary>
    public Task<List<(string Type, JsonElement Payload)>> WaitForAnswersAsync(Guid initiative, int count = 1) =>
        Eventually.ValueAsync(() => AnswersAsync(initiative), a => a.Count >= count, what: $"{count} answer(s) about initiative {initiative}");

    /// <summary>A wijk's balance in a year as the public summary shows it.</summary>
    public async Task<JsonElement> SummaryAsync(int year, Guid? wijk = null, string tenant = "hilversum") =>
        await Client(tenant).GetFromJsonAsync<JsonElement>($"/api/budget/v1/budgets/{year}/areas/{wijk ?? Zuid}");

    /// <summary>Every ledger entry of the tenant.</summary>
    public Task<int> LedgerCountAsync(string tenant = "hilversum") =>
        InScopeAsync(tenant, services => services.GetRequiredService<BudgetDbContext>().Ledger.CountAsync());

    /// <summary>The balance row against the sums of the ledger for the same wijk and year: they must always agree.</summary>
    public Task<(decimal[] Balance, decimal[] Ledger)> BalanceAndLedgerAsync(int year, Guid? wijk = null) => InScopeAsync("hilversum", async services =>
    {
        var db = services.GetRequiredService<BudgetDbContext>();
        var area = wijk ?? Zuid;
        var b = await db.Balances.AsNoTracking().SingleAsync(x => x.Year == year && x.AreaId == area);
        var entries = await db.Ledger.AsNoTracking().Where(e => e.Year == year && e.AreaId == area).ToListAsync();
        return (new[] { b.Allocated, b.Amended, b.Reserved, b.Committed, b.Paid },
            new[]
            {
                entries.Sum(e => e.AllocatedChange), entries.Sum(e => e.AmendedChange), entries.Sum(e => e.ReservedChange),
                entries.Sum(e => e.CommittedChange), entries.Sum(e => e.PaidChange),
            });
    });
}
