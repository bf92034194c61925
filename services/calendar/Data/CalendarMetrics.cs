using System.Diagnostics.Metrics;
using Buurt.AreaCopy;
using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Data;

/// <summary>
/// The business view for the dashboards ("Buurt.Calendar" meter): occurrences in the coming 30 days
/// per tenant, wijk (its code) and kind, cancelled ones left out. Counted by one query every
/// <c>Calendar:MetricsInterval</c> (30 s), not per scrape; every replica reads the same table.
/// </summary>
public sealed class CalendarMetrics : PeriodicService
{
    public const string Name = "Buurt.Calendar";

    /// <summary>How far ahead "upcoming" looks.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(30);

    private readonly IServiceScopeFactory _scopes;
    private volatile IReadOnlyList<Count> _counts = [];

    public CalendarMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<CalendarMetrics> logger)
        : base(time, logger)
    {
        _scopes = scopes;
        Interval = configuration.GetValue("Calendar:MetricsInterval", TimeSpan.FromSeconds(30));
        meters.Create(Name).CreateObservableGauge("buurt.calendar.upcoming", () => _counts.Select(c =>
            new Measurement<long>(c.Occurrences, new("tenant", c.Tenant), new("wijk", c.Wijk), new("kind", c.Kind))), "{occurrence}",
            "Occurrences in the coming 30 days, not cancelled, per tenant, wijk and kind.");
    }

    private sealed record Count(string Tenant, string Wijk, string Kind, long Occurrences);

    protected override TimeSpan Interval { get; }

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalendarDbContext>();
        var now = Time.GetUtcNow();
        var until = now + Ahead;
        var rows = await (
            from o in db.Occurrences.IgnoreQueryFilters()
            join a in db.Activities.IgnoreQueryFilters() on o.ActivityId equals a.Id
            join w in db.Areas.IgnoreQueryFilters().Where(w => w.Kind == CopiedArea.Wijk) on o.AreaId equals w.Id into wijk
            from w in wijk.DefaultIfEmpty()
            where o.StartsAt >= now && o.StartsAt < until && !o.Cancelled && a.CancelledAt == null && !a.Hidden
            group o by new { o.TenantId, Wijk = w == null ? "?" : w.Code, a.Kind } into g
            select new { g.Key.TenantId, g.Key.Wijk, g.Key.Kind, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        _counts = rows.ConvertAll(r => new Count(r.TenantId, r.Wijk, Domain.Activity.KindName(r.Kind), r.Count));
    }
}

/// <summary>Registers the calendar gauge and its background count.</summary>
public static class CalendarMetricsSetup
{
    public static IHostApplicationBuilder AddCalendarMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CalendarMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CalendarMetrics>());
        return builder;
    }
}
