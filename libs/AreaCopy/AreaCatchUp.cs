using System.Net.Http.Json;
using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurt.AreaCopy;

/// <summary>
/// Events keep the copy of the areas current, but cannot bring areas registered before this
/// service's queue existed. So at start it reads identity's public area lists once ("Identity:Address")
/// and adds what it lacks; it never overwrites, so a newer event always wins.
/// </summary>
internal sealed partial class AreaCatchUp(
    IServiceScopeFactory scopes, IHttpClientFactory http, IConfiguration configuration, ILogger<AreaCatchUp> logger) : BackgroundService, IHealthCheck
{
    private volatile bool _done;

    /// <summary>Not ready before the catch-up: a request would find no wijk.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The areas have not been read from identity yet."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration["Identity:Address"] is not { Length: > 0 } address)
        {
            _done = true;
            return;
        }
        var client = http.CreateClient(nameof(AreaCatchUp));
        client.BaseAddress = new Uri(address);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await CatchUpAsync(client, stoppingToken);
                _done = true;
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, attempt, ex);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task CatchUpAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var tenants = await client.GetFromJsonAsync<TenantList>("api/identity/v1/tenants", cancellationToken);
        foreach (var tenant in tenants?.Items ?? [])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/identity/v1/areas");
            request.Headers.Add(TenantHeaders.Internal, tenant.Slug);
            using var response = await client.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var wijken = await response.Content.ReadFromJsonAsync<AreaList>(cancellationToken);

            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<AreaStore>();
            var known = await store.Areas.IgnoreQueryFilters().Where(a => a.TenantId == tenant.Slug).Select(a => a.Id).ToListAsync(cancellationToken);
            foreach (var wijk in wijken?.Items ?? [])
            {
                if (!known.Contains(wijk.Id))
                {
                    store.Areas.Add(new CopiedArea(tenant.Slug, wijk.Id, CopiedArea.Wijk, wijk.Name, wijk.Code, null));
                }
                foreach (var buurt in wijk.Buurten.Where(b => !known.Contains(b.Id)))
                {
                    store.Areas.Add(new CopiedArea(tenant.Slug, buurt.Id, CopiedArea.Buurt, buurt.Name, buurt.Code, wijk.Id));
                }
            }
            await store.Db.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the areas from identity (attempt {Attempt}); trying again")]
    private static partial void LogRetry(ILogger logger, int attempt, Exception exception);
}
