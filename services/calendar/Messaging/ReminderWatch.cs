using Buurt.Calendar.UseCases;
using Buurt.ServiceDefaults.Background;

namespace Buurt.Calendar.Messaging;

/// <summary>
/// Every minute (<c>Calendar:ReminderInterval</c>): publishes the reminders that came due
/// (<see cref="Reminders"/>), batch after batch until none is left. The state is in the rows
/// (what was reminded of), so a restart or a second replica neither loses nor repeats a reminder.
/// </summary>
public sealed class ReminderWatch(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ReminderWatch> logger)
    : PeriodicService(time, logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval { get; } = configuration.GetValue("Calendar:ReminderInterval", TimeSpan.FromMinutes(1));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        (int Registrations, int Bookings) found;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            found = await scope.ServiceProvider.GetRequiredService<Reminders>().RemindAsync(Time.GetUtcNow(), Batch, cancellationToken);
        }
        while (found.Registrations == Batch || found.Bookings == Batch);
    }
}

/// <summary>Registers the reminder watch (one per replica; the claims keep them apart).</summary>
public static class ReminderWatchSetup
{
    public static IHostApplicationBuilder AddReminderWatch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ReminderWatch>();
        return builder;
    }
}
