using Buurt.Contracts.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurt.AreaCopy;

/// <summary>The copy of the areas catches up from identity's public area lists (<see cref="IdentityCatchUp"/>).</summary>
internal sealed class AreaCatchUp(
    IServiceScopeFactory scopes, IHttpClientFactory http, IConfiguration configuration, ILogger<AreaCatchUp> logger)
    : IdentityCatchUp(http, configuration, logger)
{
    protected override string What => "The areas";

    protected override async Task CatchUpAsync(HttpClient identity, string tenant, CancellationToken cancellationToken)
    {
        var wijken = await ReadAsync<AreaList>(identity, "api/identity/v1/areas", tenant, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AreaStore>();
        var known = await store.Areas.IgnoreQueryFilters().Where(a => a.TenantId == tenant).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var wijk in wijken?.Items ?? [])
        {
            if (!known.Contains(wijk.Id))
            {
                store.Areas.Add(new CopiedArea(tenant, wijk.Id, CopiedArea.Wijk, wijk.Name, wijk.Code, null));
            }
            foreach (var buurt in wijk.Buurten.Where(b => !known.Contains(b.Id)))
            {
                store.Areas.Add(new CopiedArea(tenant, buurt.Id, CopiedArea.Buurt, buurt.Name, buurt.Code, wijk.Id));
            }
        }
        await store.Db.SaveChangesAsync(cancellationToken);
    }
}
