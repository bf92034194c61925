using System.Diagnostics.Metrics;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Data;

/// <summary>
/// The business view for the dashboards ("Buurt.Initiatives" meter): initiatives per tenant, wijk
/// and status, and answers past their promised date per wijk. Counted by one query every half
/// minute, not per scrape.
/// </summary>
public sealed class InitiativeMetrics : PeriodicService
{
    public const string Name = "Buurt.Initiatives";

    private readonly IServiceScopeFactory _scopes;
    private IReadOnlyList<Count> _counts = [];

    public InitiativeMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<InitiativeMetrics> logger)
        : base(time, logger)
    {
        _scopes = scopes;
        Interval = configuration.GetValue("Initiatives:MetricsInterval", TimeSpan.FromSeconds(30));
        var meter = meters.Create(Name);
        meter.CreateObservableGauge("buurt.initiatives", () => _counts.Select(c =>
            new Measurement<long>(c.Initiatives, new("tenant", c.Tenant), new("wijk", c.Wijk), new("status", c.Status))), "{initiative}",
            "Initiatives per tenant, wijk and status.");
        meter.CreateObservableGauge("buurt.initiatives.answers_overdue", () => _counts.GroupBy(c => (c.Tenant, c.Wijk)).Select(g =>
            new Measurement<long>(g.Sum(c => c.Overdue), new("tenant", g.Key.Tenant), new("wijk", g.Key.Wijk))), "{initiative}",
            "Initiatives whose promised answer date has passed, per tenant and wijk.");
    }

    private sealed record Count(string Tenant, string Wijk, string Status, long Initiatives, long Overdue);

    protected override TimeSpan Interval { get; }

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InitiativesDbContext>();
        var today = WorkingDays.LocalDate(Time.GetUtcNow());
        var rows = await (
            from i in db.Initiatives.IgnoreQueryFilters()
            join a in db.Areas.IgnoreQueryFilters() on i.AreaId equals a.Id into wijk
            from a in wijk.DefaultIfEmpty()
            group i by new { i.TenantId, Wijk = a == null ? "?" : a.Name, i.Status } into g
            select new { g.Key.TenantId, g.Key.Wijk, g.Key.Status, Count = g.LongCount(), Overdue = g.LongCount(i => i.AnswerDueBy < today) })
            .ToListAsync(cancellationToken);
        _counts = rows.ConvertAll(r => new Count(r.TenantId, r.Wijk, r.Status.ApiName(), r.Count, r.Overdue));
    }
}

/// <summary>Registers the initiatives gauges and their background count.</summary>
public static class InitiativeMetricsSetup
{
    public static IHostApplicationBuilder AddInitiativeMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InitiativeMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InitiativeMetrics>());
        return builder;
    }
}
