using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.UseCases;

/// <summary>
/// The demo municipalities' books ("Demo:Enabled"), booked through the ledger like any other:
/// hilversum €450,000 in 2021 and 2022 (closed) and in the current year over its nine wijken,
/// amendment A21-182 (€50,000 for 2022, social cohesion, Oost 1223), voorbeeldstad €150,000 this
/// year; mandates director €5,000 and alderman €25,000. The wijk ids are identity's demo ids.
/// Idempotent: a year that exists is left alone; replicas starting together take turns.
/// </summary>
internal sealed class DemoBudgets(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time) : IHostedService
{
    public static readonly Guid HilversumOost1223 = Guid.Parse("3081fc01-52d2-5888-bfbc-7f8a399f214f");

    private static readonly Dictionary<string, Guid[]> s_wijken = new()
    {
        ["hilversum"] =
        [
            Guid.Parse("ee649a34-a6c4-5272-9817-e912c82f2e91"), // Centrum
            Guid.Parse("65ce95ea-b068-5131-9ea9-759c5c5b91c8"), // Noordwest
            Guid.Parse("e25e019c-96f9-5d9d-9785-204bed043e83"), // Noordoost
            Guid.Parse("329d4cef-ec33-5743-857d-6d7d15951eed"), // Oost 1221
            HilversumOost1223,
            Guid.Parse("302e390b-262c-5753-bf32-1fbee5356dc4"), // Zuidoost
            Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f"), // Zuid
            Guid.Parse("6573adcd-7f11-59ce-a56d-1cdf723f9517"), // Zuidwest
            Guid.Parse("eaf16b02-b197-51a9-8afe-000f743e10e5"), // Hilversumse Meent
        ],
        ["voorbeeldstad"] =
        [
            Guid.Parse("40437c71-c350-5967-8430-06f36ad69767"), // Noord
            Guid.Parse("00a2812e-8a6d-57b8-814c-9fab4c768ee1"), // Midden
            Guid.Parse("2a0b4758-2c5d-522f-8320-ae68a4790ec5"), // Zuid
        ],
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }
        var current = BudgetYearRule.YearOf(time.GetUtcNow());
        await SeedAsync("hilversum", current, 450_000m, cancellationToken);
        await SeedAsync("voorbeeldstad", current, 150_000m, cancellationToken);
        if (current > 2022)
        {
            await SeedAsync("hilversum", 2021, 450_000m, cancellationToken, close: true);
            await SeedAsync("hilversum", 2022, 450_000m, cancellationToken, close: true,
                amendment: ("A21-182", 50_000m, Theme.Sociaal, HilversumOost1223, "Eenmalig extra voor sociale cohesie (amendement A21-182); o.a. het Wegaplein."));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(
        string tenant, int year, decimal total, CancellationToken cancellationToken, bool close = false,
        (string Reference, decimal Amount, Theme Theme, Guid AreaId, string Description)? amendment = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var books = scope.ServiceProvider.GetRequiredService<BudgetBookings>();
        // One transaction for the whole year: the bookings join it.
        await using var write = await db.BeginWriteAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('buurt-budget-demo'))", cancellationToken);
        if (await db.Years.AnyAsync(y => y.Year == year, cancellationToken))
        {
            return;
        }
        var about = new Entry("demo", "Demo data", "demo-data");
        await books.SetTotalAsync(year, total, about with { Reason = $"Wijkbudget {year}" }, cancellationToken);
        var wijken = s_wijken[tenant];
        var each = decimal.Floor(total / wijken.Length * 100m) / 100m;
        foreach (var wijk in wijken)
        {
            await books.AllocateAsync(year, wijk, each, about with { Reason = $"Verdeling wijkbudget {year}" }, cancellationToken);
        }
        if (amendment is { } a)
        {
            await books.AmendAsync(year, a.Reference, a.Amount, a.Theme, a.AreaId, a.Description, about with { Reason = $"Amendement {a.Reference}" }, cancellationToken);
        }
        if (!await db.Mandates.AnyAsync(cancellationToken))
        {
            var now = time.Now();
            db.Mandates.Add(new Mandate(tenant, BuurtRoles.Director, 5_000m, now));
            db.Mandates.Add(new Mandate(tenant, BuurtRoles.Alderman, 25_000m, now));
        }
        if (close)
        {
            await books.CloseAsync(year, CarryOverRule.None, about with { Reason = $"Jaar {year} afgesloten" }, cancellationToken);
        }
        await write.CommitAsync(cancellationToken);
    }
}
