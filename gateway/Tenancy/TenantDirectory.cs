using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Buurt.Gateway.Tenancy;

/// <summary>The tenants the gateway knows now: one immutable snapshot, swapped whole on refresh.</summary>
public sealed class TenantDirectory
{
    private volatile Snapshot? _current;

    public TenantDirectory(IOptions<TenantOptions> options)
    {
        if (options.Value.TenantsFrom is null)
        {
            Update(options.Value.Tenants);
        }
    }

    /// <summary>Null until the first list has been read from identity.</summary>
    public Snapshot? Current => _current;

    public void Update(IEnumerable<TenantEntry> tenants)
    {
        var list = tenants.ToList();
        _current = new Snapshot(
            list.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal),
            list.SelectMany(t => t.Hosts.Select(host => (host, t.Slug)))
                .ToDictionary(x => x.host, x => x.Slug, StringComparer.OrdinalIgnoreCase),
            list.Where(t => t.Suspended).Select(t => t.Slug).ToHashSet(StringComparer.Ordinal));
    }

    public sealed record Snapshot(IReadOnlySet<string> Slugs, IReadOnlyDictionary<string, string> ByHost, IReadOnlySet<string> Suspended);
}

/// <summary>Reads identity's tenant list at start and every few seconds; the last good list stays on failure.</summary>
internal sealed partial class TenantRefresher(
    TenantDirectory directory, IOptions<TenantOptions> options, IHttpClientFactory http, ILogger<TenantRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TenantsFrom is not { } source)
        {
            return;
        }
        var client = http.CreateClient(nameof(TenantRefresher));
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.TenantsRefresh;
            try
            {
                var list = await client.GetFromJsonAsync<TenantList>(source, stoppingToken);
                directory.Update((list?.Items ?? []).Select(t => new TenantEntry { Slug = t.Slug, Hosts = [.. t.Hosts], Suspended = t.Suspended }));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, source, ex);
                // Sooner while we have nothing at all.
                wait = directory.Current is null ? TimeSpan.FromSeconds(1) : wait;
            }
            await Task.Delay(wait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the tenants from {Source}; keeping the last list")]
    private static partial void LogRefreshFailed(ILogger logger, Uri source, Exception exception);
}

/// <summary>Not ready before the gateway knows any tenant.</summary>
internal sealed class TenantDirectoryHealthCheck(TenantDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(directory.Current is { } current
            ? HealthCheckResult.Healthy($"{current.Slugs.Count} tenant(s)")
            : HealthCheckResult.Unhealthy("The tenants have not been read from identity yet."));
}

internal static class TenantDirectorySetup
{
    /// <summary>The tenants from the "Gateway" section or identity's list, refreshed, and a readiness check that waits for them.</summary>
    public static void AddTenantDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<TenantOptions>(builder.Configuration.GetSection("Gateway"));
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddHttpClient(nameof(TenantRefresher));
        builder.Services.AddHostedService<TenantRefresher>();
        builder.Services.AddHealthChecks().AddCheck<TenantDirectoryHealthCheck>("tenants", tags: [HealthEndpoints.Ready]);
    }
}
