using Buurt.Notifications.UseCases;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.Messaging;

/// <summary>
/// Sends the mail queue in the background, in order, a batch per transaction over one kept-open
/// SMTP connection (<see cref="MailDelivery"/>). While the SMTP server is unreachable it backs off (doubling from
/// <c>MinBackoff</c> up to <c>MaxBackoff</c>) and tries the same first mail again; nothing is
/// spent or skipped meanwhile, and the oldest waiting mail's age shows it on the dashboard.
/// </summary>
internal sealed partial class MailSender(
    IServiceScopeFactory scopes, IOptions<SmtpOptions> smtp, IOptions<NotificationOptions> options, TimeProvider time, ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connections = new MailTransports(new SmtpConnections(smtp), scopes);
        var outages = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan pause;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<MailDelivery>().SendNextAsync(connections, stoppingToken);
                switch (outcome)
                {
                    case SendOutcome.Sent or SendOutcome.Refused:
                        outages = 0;
                        continue;
                    case SendOutcome.Unreachable:
                        outages++;
                        pause = Backoff(outages);
                        LogUnreachable(logger, pause);
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
                // The database: the mail stays claimed by no one and is taken again.
                outages++;
                pause = Backoff(outages);
                LogRoundFailed(logger, e);
            }
            await Task.Delay(pause, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Doubling from MinBackoff, at most MaxOutagePause: a server back after an hour is found within that.</summary>
    private TimeSpan Backoff(int outages) => ServiceDefaults.Domain.Backoff.Doubling(outages, options.Value.MinBackoff, options.Value.MaxOutagePause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP server cannot be reached; mail waits, next try in {Pause}")]
    private static partial void LogUnreachable(ILogger logger, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of the mail sender failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
