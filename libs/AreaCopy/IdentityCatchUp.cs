using System.Net.Http.Json;
using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Health;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurt.AreaCopy;

/// <summary>
/// Events keep a service's copy of identity's data current, but cannot bring what was published
/// before the service's queue existed. So at start a catch-up reads identity's public API once
/// ("Identity:Address"), tenant by tenant, and adds what the copy lacks; it never overwrites, so a
/// newer event always wins. It retries until identity answers; the service is not ready before.
/// </summary>
public abstract partial class IdentityCatchUp(IHttpClientFactory http, IConfiguration configuration, ILogger logger)
    : BackgroundService, IHealthCheck
{
    private volatile bool _done;

    /// <summary>What is copied, for the readiness message ("the areas").</summary>
    protected abstract string What { get; }

    /// <summary>Adds what the copy lacks of one municipality's data (read with <see cref="ReadAsync{T}"/>).</summary>
    protected abstract Task CatchUpAsync(HttpClient identity, string tenant, CancellationToken cancellationToken);

    /// <summary>Not ready before the catch-up: a request would find nothing.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{What} have not been read from identity yet."));

    /// <summary>One of identity's public answers for a municipality, as the gateway would ask for it.</summary>
    protected static async Task<T?> ReadAsync<T>(HttpClient identity, string path, string tenant, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TenantHeaders.Internal, tenant);
        using var response = await identity.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration["Identity:Address"] is not { Length: > 0 } address)
        {
            _done = true;
            return;
        }
        var client = http.CreateClient(GetType().Name);
        client.BaseAddress = new Uri(address);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var tenants = await client.GetFromJsonAsync<TenantList>("api/identity/v1/tenants", stoppingToken);
                foreach (var tenant in tenants?.Items ?? [])
                {
                    await CatchUpAsync(client, tenant.Slug, stoppingToken);
                }
                _done = true;
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, What, attempt, ex);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {What} from identity (attempt {Attempt}); trying again")]
    private static partial void LogRetry(ILogger logger, string what, int attempt, Exception exception);
}

/// <summary>Registering a catch-up.</summary>
public static class IdentityCatchUpSetup
{
    /// <summary>Runs <typeparamref name="TCatchUp"/> at start; readiness ("<paramref name="check"/>") waits for it.</summary>
    public static IHostApplicationBuilder AddIdentityCatchUp<TCatchUp>(this IHostApplicationBuilder builder, string check)
        where TCatchUp : IdentityCatchUp
    {
        builder.Services.AddHttpClient(typeof(TCatchUp).Name);
        builder.Services.AddSingleton<TCatchUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TCatchUp>());
        builder.Services.AddHealthChecks().AddCheck<TCatchUp>(check, tags: [HealthEndpoints.Ready]);
        return builder;
    }
}
