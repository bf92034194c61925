using System.Diagnostics.Metrics;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Background;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.Data;

/// <summary>
/// The "Buurt.Notifications" meter. Gauges of the mail queue, read from the database every
/// <c>Notifications:MetricsInterval</c> (15 s; every replica shows the same figure), one set per lane:
/// buurt.notifications.mails_waiting, .oldest_waiting_mail_age (what the 30-minute alert watches)
/// and .mails_dead_lettered for e-mail; .texts_waiting, .oldest_waiting_text_age and
/// .texts_dead_lettered for text messages (their own names, so the mail alert keeps meaning "mail
/// waits" and has one series). Counters of this replica: sent and send failures by channel (and
/// reason), and notifications made per channel and kind.
/// </summary>
public sealed class NotificationMetrics : IDisposable
{
    public const string Name = "Buurt.Notifications";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _made;
    private readonly Counter<long> _pushes;
    private IReadOnlyDictionary<Channel, QueueFigures> _queue = new Dictionary<Channel, QueueFigures>();

    public NotificationMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _sent = _meter.CreateCounter<long>("buurt.notifications.mails_sent", "{mail}", "Mails and texts handed to the SMTP server or a binding, per channel.");
        _failures = _meter.CreateCounter<long>("buurt.notifications.mail_failures", "{mail}",
            "Failed tries to send a mail or text, per channel: reason=unreachable (the server or sidecar is down; it waits), refused (the server said no; tried again, then dead-lettered) or no-number (a text whose account has no mobile number any more: not sent).");
        _made = _meter.CreateCounter<long>("buurt.notifications.made", "{notification}", "Notifications made, per channel and kind.");
        _pushes = _meter.CreateCounter<long>("buurt.notifications.pushes", "{push}",
            "Web Push requests: outcome=sent, gone (the subscription was removed) or failed (tried again, then given up).");
        _meter.CreateObservableGauge("buurt.notifications.mails_waiting", () => Lane(Channel.Email).Waiting, "{mail}", "Mails waiting to be sent.");
        _meter.CreateObservableGauge("buurt.notifications.oldest_waiting_mail_age", () => Lane(Channel.Email).OldestWaitingAge.TotalSeconds, "s",
            "How long the oldest waiting mail has waited.");
        _meter.CreateObservableGauge("buurt.notifications.mails_dead_lettered", () => Lane(Channel.Email).DeadLettered, "{mail}",
            "Mails given up on, waiting for an operator's replay.");
        _meter.CreateObservableGauge("buurt.notifications.texts_waiting", () => Lane(Channel.Sms).Waiting, "{text}", "Text messages waiting to be sent.");
        _meter.CreateObservableGauge("buurt.notifications.oldest_waiting_text_age", () => Lane(Channel.Sms).OldestWaitingAge.TotalSeconds, "s",
            "How long the oldest waiting text message has waited.");
        _meter.CreateObservableGauge("buurt.notifications.texts_dead_lettered", () => Lane(Channel.Sms).DeadLettered, "{text}",
            "Text messages given up on, waiting for an operator's replay.");
    }

    public void Sent(Channel channel) => _sent.Add(1, new KeyValuePair<string, object?>("channel", channel.ApiName()));

    public void Failed(Channel channel, string reason) =>
        _failures.Add(1, new KeyValuePair<string, object?>("channel", channel.ApiName()), new KeyValuePair<string, object?>("reason", reason));

    public void Made(string channel, string kind) =>
        _made.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("kind", kind));

    public void Pushed(string outcome) => _pushes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void Observe(IReadOnlyDictionary<Channel, QueueFigures> lanes) => _queue = lanes;

    private QueueFigures Lane(Channel lane) => _queue.GetValueOrDefault(lane);

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
