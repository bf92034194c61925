using System.Diagnostics.Metrics;
using Buurt.ServiceDefaults.Background;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.Data;

/// <summary>
/// The "Buurt.Notifications" meter. Gauges of the mail queue, read from the database every
/// <c>Notifications:MetricsInterval</c> (15 s; every replica shows the same figure):
/// buurt.notifications.mails_waiting, .oldest_waiting_mail_age (what the 30-minute alert watches)
/// and .mails_dead_lettered. Counters of this replica: mails sent, send failures by reason, and
/// notifications made per channel and kind.
/// </summary>
public sealed class NotificationMetrics : IDisposable
{
    public const string Name = "Buurt.Notifications";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _made;
    private readonly Counter<long> _pushes;
    private QueueFigures _queue;

    public NotificationMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _sent = _meter.CreateCounter<long>("buurt.notifications.mails_sent", "{mail}", "Mails handed to the SMTP server.");
        _failures = _meter.CreateCounter<long>("buurt.notifications.mail_failures", "{mail}",
            "Failed tries to send a mail: reason=unreachable (the server is down; the mail waits) or refused (the server said no; tried again, then dead-lettered).");
        _made = _meter.CreateCounter<long>("buurt.notifications.made", "{notification}", "Notifications made, per channel and kind.");
        _pushes = _meter.CreateCounter<long>("buurt.notifications.pushes", "{push}",
            "Web Push requests: outcome=sent, gone (the subscription was removed) or failed (tried again, then given up).");
        _meter.CreateObservableGauge("buurt.notifications.mails_waiting", () => _queue.Waiting, "{mail}", "Mails waiting to be sent.");
        _meter.CreateObservableGauge("buurt.notifications.oldest_waiting_mail_age", () => _queue.OldestWaitingAge.TotalSeconds, "s",
            "How long the oldest waiting mail has waited.");
        _meter.CreateObservableGauge("buurt.notifications.mails_dead_lettered", () => _queue.DeadLettered, "{mail}",
            "Mails given up on, waiting for an operator's replay.");
    }

    public void Sent() => _sent.Add(1);

    public void Failed(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Made(string channel, string kind) =>
        _made.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("kind", kind));

    public void Pushed(string outcome) => _pushes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void Observe(QueueFigures figures) => _queue = figures;

    public void Dispose() => _meter.Dispose();
}

/// <summary>Reads the mail queue's figures for the gauges, periodically (never per scrape).</summary>
internal sealed class NotificationMetricsRefresher(
    IServiceScopeFactory scopes, NotificationMetrics metrics, IOptions<MetricsOptions> options, TimeProvider time, ILogger<NotificationMetricsRefresher> logger)
    : PeriodicService(time, logger)
{
    protected override TimeSpan Interval => options.Value.MetricsInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        metrics.Observe(await db.FiguresAsync(Time.GetUtcNow(), cancellationToken));
    }
}

/// <summary>Registers the gauges and their refresher.</summary>
public static class NotificationMetricsSetup
{
    public static IHostApplicationBuilder AddNotificationMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MetricsOptions>(builder.Configuration.GetSection("Notifications"));
        builder.Services.AddSingleton<NotificationMetrics>();
        builder.Services.AddHostedService<NotificationMetricsRefresher>();
        return builder;
    }
}

/// <summary>Settings of the gauges (section "Notifications").</summary>
public sealed class MetricsOptions
{
    /// <summary>How often the mail queue's gauges are read from the database.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);
}
