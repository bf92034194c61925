using System.Diagnostics.Metrics;
using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurt.Budget.Data;

/// <summary>
/// The "Buurt.Budget" meter: per tenant, wijk and year the gauges buurt.budget.allocated,
/// .reserved, .committed, .paid and .available (euros; allocated includes amendments). A scrape
/// reads the last snapshot; <see cref="BudgetMetricsRefresher"/> renews it every
/// <c>Budget:MetricsInterval</c> (15 s) with one query over all tenants.
/// </summary>
public sealed class BudgetMetrics : IDisposable
{
    public const string Name = "Buurt.Budget";

    private readonly Meter _meter;
    private volatile IReadOnlyList<Row> _rows = [];

    public BudgetMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        Gauge("allocated", r => r.Allocated, "Allocated to the wijk for the year, amendments included.");
        Gauge("reserved", r => r.Reserved, "Reserved for proposed deals.");
        Gauge("committed", r => r.Committed, "Committed to accepted deals (paid included).");
        Gauge("paid", r => r.Paid, "Paid out.");
        Gauge("available", r => r.Available, "Left to reserve.");
    }

    internal void Observe(IReadOnlyList<Row> rows) => _rows = rows;

    private void Gauge(string bucket, Func<Row, decimal> value, string description) =>
        _meter.CreateObservableGauge($"buurt.budget.{bucket}", () => _rows.Select(r => new Measurement<double>(
            // The books stay decimal; only the gauge is a double, as OpenTelemetry and Prometheus export numbers.
            (double)value(r),
            new KeyValuePair<string, object?>("tenant", r.Tenant),
            new KeyValuePair<string, object?>("wijk", r.Wijk),
            new KeyValuePair<string, object?>("year", r.Year))), "{euro}", description);

    public void Dispose() => _meter.Dispose();

    internal sealed record Row(string Tenant, string Wijk, int Year, decimal Allocated, decimal Reserved, decimal Committed, decimal Paid, decimal Available);
}

/// <summary>Reads every tenant's wijk balances for the gauges, periodically (never per scrape).</summary>
internal sealed class BudgetMetricsRefresher(
    IServiceScopeFactory scopes, BudgetMetrics metrics, IOptions<BudgetOptions> options, TimeProvider time, ILogger<BudgetMetricsRefresher> logger)
    : PeriodicService(time, logger)
{
    protected override TimeSpan Interval => options.Value.MetricsInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var rows = await db.Balances.IgnoreQueryFilters().AsNoTracking()
            .Select(b => new { b.TenantId, b.AreaId, b.Year, b.Allocated, b.Amended, b.Reserved, b.Committed, b.Paid })
            .ToListAsync(cancellationToken);
        var codes = await db.Areas.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        metrics.Observe(rows.Select(b => new BudgetMetrics.Row(
            b.TenantId, codes.GetValueOrDefault(b.AreaId) ?? b.AreaId.ToString(), b.Year,
            b.Allocated + b.Amended, b.Reserved, b.Committed, b.Paid, b.Allocated + b.Amended - b.Reserved - b.Committed)).ToList());
    }
}

/// <summary>Registers the budget gauges and their refresher.</summary>
public static class BudgetMetricsSetup
{
    public static IHostApplicationBuilder AddBudgetMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<BudgetOptions>(builder.Configuration.GetSection("Budget"));
        builder.Services.AddSingleton<BudgetMetrics>();
        builder.Services.AddHostedService<BudgetMetricsRefresher>();
        return builder;
    }
}

/// <summary>Settings of the budget service (section "Budget").</summary>
public sealed class BudgetOptions
{
    /// <summary>How often the budget gauges are read from the database.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);
}
