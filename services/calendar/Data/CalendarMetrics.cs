using System.Diagnostics.Metrics;
using Buurt.AreaCopy;
using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Data;

/// <summary>
/// The calendar's gauges ("Buurt.Calendar" meter): for the business view, occurrences in the coming
/// 30 days per tenant, wijk (its code) and kind, cancelled ones left out; for operations, how many
/// reminders are late (due more than <see cref="ReminderGrace"/> ago, start still ahead, not sent).
/// Counted every <c>Calendar:MetricsInterval</c> (30 s), not per scrape; every replica reads the same tables.
/// </summary>
public sealed class CalendarMetrics : PeriodicService
{
    public const string Name = "Buurt.Calendar";

    /// <summary>How far ahead "upcoming" looks.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(30);

    private readonly IServiceScopeFactory _scopes;
    /// <summary>How long after its due time a reminder counts as late (the watch runs every minute).</summary>
    public static readonly TimeSpan ReminderGrace = TimeSpan.FromMinutes(15);

    private volatile IReadOnlyList<Count> _counts = [];
    private long _remindersLate;

    public CalendarMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<CalendarMetrics> logger)
        : base(time, logger)
    {
        _scopes = scopes;
        Interval = configuration.GetValue("Calendar:MetricsInterval", TimeSpan.FromSeconds(30));
        meters.Create(Name).CreateObservableGauge("buurt.calendar.upcoming", () => _counts.Select(c =>
            new Measurement<long>(c.Occurrences, new("tenant", c.Tenant), new("wijk", c.Wijk), new("kind", c.Kind))), "{occurrence}",
            "Occurrences in the coming 30 days, not cancelled, per tenant, wijk and kind.");
        meters.Create(Name).CreateObservableGauge("buurt.calendar.reminders_late", () => Interlocked.Read(ref _remindersLate), "{reminder}",
            "Reminders (places and bookings, all tenants) due more than 15 minutes ago and not sent while the start is still ahead.");
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
        Interlocked.Exchange(ref _remindersLate, await db.CountLateRemindersAsync(now, now - ReminderGrace, cancellationToken));
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
