using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurt.ServiceDefaults.Background;

/// <summary>
/// Work a service repeats in the background (deadline checks, metric snapshots): once at start,
/// then again <see cref="Interval"/> after each run ends. A failed run is logged and retried on
/// the next beat; it never stops the loop or the host.
/// </summary>
public abstract class PeriodicService(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock the loop waits on, for the work to read "now" from.</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Work} failed; it runs again in {Interval}.", GetType().Name, Interval);
            }
            await Task.Delay(Interval, Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
