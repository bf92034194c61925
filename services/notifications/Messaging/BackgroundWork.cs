using Buurt.Contracts.Identity;
using Buurt.Notifications.UseCases;
using Buurt.ServiceDefaults.Background;
using Buurt.ServiceDefaults.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.Messaging;

/// <summary>
/// Every <c>Notifications:HousekeepingInterval</c> (5 minutes): reads identity's municipality list
/// ("Identity:Address"; names and hosts for the mails, and a new municipality's account replay) and
/// deletes what is past its retention. Not ready before the first list was read: a mail would not
/// know its municipality.
/// </summary>
internal sealed partial class HousekeepingService(
    IServiceScopeFactory scopes, IHttpClientFactory http, IConfiguration configuration, IOptions<NotificationOptions> options,
    TimeProvider time, ILogger<HousekeepingService> logger) : PeriodicService(time, logger), IHealthCheck
{
    private volatile bool _municipalitiesRead;

    protected override TimeSpan Interval => _municipalitiesRead ? options.Value.HousekeepingInterval : TimeSpan.FromSeconds(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_municipalitiesRead ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The municipalities have not been read from identity yet."));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var housekeeping = scope.ServiceProvider.GetRequiredService<Housekeeping>();
        if (configuration["Identity:Address"] is { Length: > 0 } address)
        {
            var client = http.CreateClient(nameof(HousekeepingService));
            client.BaseAddress = new Uri(address);
            var tenants = await client.GetFromJsonAsync<TenantList>("api/identity/v1/tenants", cancellationToken);
            await housekeeping.CopyMunicipalitiesAsync(tenants ?? new TenantList([]), cancellationToken);
        }
        _municipalitiesRead = true;
        if (await housekeeping.ApplyRetentionAsync(cancellationToken) is > 0 and var deleted)
        {
            LogDeleted(logger, deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} notification(s) and mail(s) past their retention")]
    private static partial void LogDeleted(ILogger logger, int count);
}

/// <summary>Every <c>Notifications:DigestInterval</c> (a minute): sends the daily digests that are due (<see cref="Digests"/>).</summary>
internal sealed partial class DigestService(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, ILogger<DigestService> logger)
    : PeriodicService(time, logger)
{
    protected override TimeSpan Interval => options.Value.DigestInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<Digests>().SendDueAsync(Time.GetUtcNow(), cancellationToken) is > 0 and var queued)
        {
            LogQueued(logger, queued);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} daily digest(s)")]
    private static partial void LogQueued(ILogger logger, int count);
}

/// <summary>Registers the mail sender, the digest, the housekeeping and its readiness check ("municipalities").</summary>
public static class BackgroundWorkSetup
{
    public static IHostApplicationBuilder AddMailSending(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        builder.Services.AddHostedService<MailSender>();
        // Only used for the municipalities whose mail or text messages go through a Dapr binding (MailTransports).
        builder.Services.AddDaprClient(dapr =>
        {
            if (builder.Configuration["Dapr:GrpcEndpoint"] is { Length: > 0 } endpoint)
            {
                dapr.UseGrpcEndpoint(endpoint);
            }
        });
        builder.Services.AddSingleton<DaprMail>();
        builder.Services.AddHostedService<DigestService>();
        builder.Services.Configure<PushOptions>(builder.Configuration.GetSection("Push"));
        if (builder.Configuration.GetSection("Push").Get<PushOptions>() is { Enabled: true })
        {
            builder.Services.AddHttpClient<IPushClient, WebPushClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
            builder.Services.AddHostedService<PushSender>();
        }
        builder.Services.AddHttpClient(nameof(HousekeepingService));
        builder.Services.AddSingleton<HousekeepingService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HousekeepingService>());
        builder.Services.AddHealthChecks().AddCheck<HousekeepingService>("municipalities", tags: [HealthEndpoints.Ready]);
        return builder;
    }
}
