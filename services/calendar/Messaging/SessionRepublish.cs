using Buurt.Calendar.Data;
using Buurt.Calendar.UseCases;
using Buurt.ServiceDefaults.Background;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Messaging;

/// <summary>
/// Every <c>Calendar:SessionRepublishInterval</c> (15 minutes) it looks whether a municipality's day
/// (in its zone) has begun since its office hours last told their sessions; if so they tell them again
/// (<see cref="NetworkCopy.RepublishDailyAsync"/>). Without it a calendar that runs a year without a
/// change or a restart would let contacts' copy of the coming sessions run dry. Once a day per
/// municipality, whatever the replicas: the day is claimed in a row.
/// </summary>
public sealed class SessionRepublish(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<SessionRepublish> logger)
    : PeriodicService(time, logger)
{
    protected override TimeSpan Interval { get; } = configuration.GetValue("Calendar:SessionRepublishInterval", TimeSpan.FromMinutes(15));

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RepublishAsync(Time.GetUtcNow(), cancellationToken);

    /// <summary>Republishes the municipalities whose day at <paramref name="now"/> is not yet done; returns how many this call did.</summary>
    public async Task<int> RepublishAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<CalendarDbContext>().OfficeHours.IgnoreQueryFilters()
                .Select(o => o.TenantId).Distinct().ToListAsync(cancellationToken);
        }
        var republished = 0;
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            if (await scope.ServiceProvider.GetRequiredService<NetworkCopy>().RepublishDailyAsync(now, cancellationToken))
            {
                republished++;
            }
        }
        return republished;
    }
}

/// <summary>Registers the daily republish of the office hours' sessions (one per replica; the claimed day keeps them apart).</summary>
public static class SessionRepublishSetup
{
    public static IHostApplicationBuilder AddSessionRepublish(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SessionRepublish>();
        return builder;
    }
}
