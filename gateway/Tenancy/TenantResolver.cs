using Buurt.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Options;

namespace Buurt.Gateway.Tenancy;

/// <summary>Finds a request's tenant from its host name and its X-Tenant header.</summary>
public sealed class TenantResolver
{
    private readonly HashSet<string> _slugs;
    private readonly Dictionary<string, string> _byHost;
    private readonly string? _defaultTenant;

    public TenantResolver(IOptions<TenantOptions> options)
    {
        var tenants = options.Value.Tenants;
        _slugs = tenants.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        _byHost = tenants
            .SelectMany(t => t.Hosts.Select(host => (host, t.Slug)))
            .ToDictionary(x => x.host, x => x.Slug, StringComparer.OrdinalIgnoreCase);
        _defaultTenant = options.Value.DefaultTenant;
        if (_defaultTenant is not null && !_slugs.Contains(_defaultTenant))
        {
            throw new InvalidOperationException($"DefaultTenant '{_defaultTenant}' is not among the configured tenants.");
        }
    }

    public TenantResolution Resolve(HttpRequest request)
    {
        var fromHost = _byHost.GetValueOrDefault(request.Host.Host);
        var hints = request.Headers[TenantHeaders.PublicHint]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        if (hints.Count > 1)
        {
            return TenantResolution.Conflict($"The {TenantHeaders.PublicHint} header names more than one tenant: {string.Join(", ", hints)}.");
        }
        var fromHeader = hints.SingleOrDefault();
        if (fromHeader is not null && fromHost is not null && fromHeader != fromHost)
        {
            return TenantResolution.Conflict($"The host name means tenant '{fromHost}' but the {TenantHeaders.PublicHint} header says '{fromHeader}'.");
        }
        if (fromHeader is not null && !_slugs.Contains(fromHeader))
        {
            return TenantResolution.Unknown(fromHeader);
        }
        return TenantResolution.Found(fromHost ?? fromHeader ?? _defaultTenant);
    }
}

/// <summary>The outcome: a tenant (or none named), a conflict (400) or an unknown tenant (404).</summary>
public sealed record TenantResolution(string? TenantId, int? ErrorStatus, string? Error)
{
    public static TenantResolution Found(string? tenantId) => new(tenantId, null, null);

    public static TenantResolution Conflict(string error) => new(null, StatusCodes.Status400BadRequest, error);

    public static TenantResolution Unknown(string slug) =>
        new(null, StatusCodes.Status404NotFound, $"There is no municipality '{slug}' on this platform.");
}
