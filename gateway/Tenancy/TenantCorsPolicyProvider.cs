using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Buurt.Gateway.Tenancy;

/// <summary>
/// CORS per municipality: on a tenant's host name, a browser may call from that tenant's own host
/// names (any scheme and port: https in production, http://hilversum.localhost:8080 locally) and
/// from the installation's extra origins (<c>Cors:AllowedOrigins</c>, exact), never from another
/// tenant's. On a host of no tenant (the platform's shared address, where X-Tenant names the
/// municipality) any tenant's host name may call: a preflight carries no header values, and the
/// tenant check of the request itself (TenantMiddleware, the token's tenant) still applies. The
/// hosts come from identity's tenant list as the gateway knows it now; one policy per tenant and
/// list, built when first asked.
/// </summary>
internal sealed class TenantCorsPolicyProvider(TenantDirectory directory, CorsPolicy template) : ICorsPolicyProvider
{
    private const string SharedHost = "";

    private PolicyCache? _cache;

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (directory.Current is not { } tenants)
        {
            return Task.FromResult<CorsPolicy?>(template);
        }
        var cache = _cache;
        if (cache is null || !ReferenceEquals(cache.Tenants, tenants))
        {
            // A new list from identity: policies are made again as they are asked for.
            cache = _cache = new PolicyCache(tenants, new());
        }
        var tenant = tenants.ByHost.GetValueOrDefault(context.Request.Host.Host) ?? SharedHost;
        return Task.FromResult<CorsPolicy?>(cache.Policies.GetOrAdd(tenant, For, tenants));
    }

    private CorsPolicy For(string tenant, TenantDirectory.Snapshot tenants)
    {
        var hosts = tenants.ByHost.Where(h => tenant == SharedHost || h.Value == tenant).Select(h => h.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var policy = new CorsPolicy { PreflightMaxAge = template.PreflightMaxAge };
        foreach (var list in new[] { (template.Methods, policy.Methods), (template.Headers, policy.Headers), (template.ExposedHeaders, policy.ExposedHeaders) })
        {
            foreach (var item in list.Item1)
            {
                list.Item2.Add(item);
            }
        }
        var extra = template.Origins.ToHashSet(StringComparer.OrdinalIgnoreCase);
        policy.IsOriginAllowed = origin => extra.Contains(origin)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && hosts.Contains(uri.Host));
        return policy;
    }

    private sealed record PolicyCache(TenantDirectory.Snapshot Tenants, System.Collections.Concurrent.ConcurrentDictionary<string, CorsPolicy> Policies);
}
