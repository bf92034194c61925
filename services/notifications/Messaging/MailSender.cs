using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.Messaging;

/// <summary>
/// Sends the mail queue in the background, one loop per lane (<see cref="MailQueue.Lanes"/>: e-mail,
/// text messages), each in its own order, a batch per transaction over its own kept-open way out
/// (<see cref="MailDelivery"/>). While a lane's way out is unreachable (the SMTP server, the SMS
/// sidecar) that lane backs off (doubling from <c>MinBackoff</c> up to <c>MaxOutagePause</c>) and
/// tries the same first row again; nothing is spent or skipped meanwhile, the other lane goes on,
/// and the lane's oldest waiting row's age shows it on the dashboard.
/// </summary>
internal sealed partial class MailSender(
    IServiceScopeFactory scopes, IOptions<SmtpOptions> smtp, IOptions<NotificationOptions> options, TimeProvider time, ILogger<MailSender> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(MailQueue.Lanes.Select(lane => Task.Run(() => RunLaneAsync(lane, stoppingToken), CancellationToken.None)));

    private async Task RunLaneAsync(Channel lane, CancellationToken stoppingToken)
    {
        // Its own connection and its own outage count: one lane's outage never pauses the other.
        await using var connections = new MailTransports(new SmtpConnections(smtp), scopes);
        var outages = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan pause;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<MailDelivery>().SendNextAsync(lane, connections, stoppingToken);
                switch (outcome)
                {
                    case SendOutcome.Sent or SendOutcome.Refused:
                        outages = 0;
                        continue;
                    case SendOutcome.Unreachable:
                        outages++;
                        pause = Backoff(outages);
                        LogUnreachable(logger, lane, pause);
                        break;
                    default:
                        await connections.ResetAsync();
                        pause = options.Value.PollInterval;
                        break;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database: the rows stay claimed by no one and are taken again.
                outages++;
                pause = Backoff(outages);
                LogRoundFailed(logger, e, lane);
            }
            await Task.Delay(pause, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Doubling from MinBackoff, at most MaxOutagePause: a server back after an hour is found within that.</summary>
    private TimeSpan Backoff(int outages) => ServiceDefaults.Domain.Backoff.Doubling(outages, options.Value.MinBackoff, options.Value.MaxOutagePause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The way out of lane {Lane} (SMTP server or Dapr sidecar) cannot be reached; its rows wait, next try in {Pause}")]
    private static partial void LogUnreachable(ILogger logger, Channel lane, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of the mail sender's lane {Lane} failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, Channel lane);
}
