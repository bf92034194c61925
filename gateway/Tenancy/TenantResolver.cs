using Buurt.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Options;

namespace Buurt.Gateway.Tenancy;

/// <summary>Finds a request's tenant from its host name and its X-Tenant header.</summary>
public sealed class TenantResolver
{
    private readonly TenantDirectory _directory;
    private readonly string? _defaultTenant;

    public TenantResolver(TenantDirectory directory, IOptions<TenantOptions> options)
    {
        _directory = directory;
        _defaultTenant = options.Value.DefaultTenant;
    }

    public TenantResolution Resolve(HttpRequest request)
    {
        var tenants = _directory.Current;
        if (tenants is null)
        {
            return TenantResolution.NotYetKnown();
        }
        var fromHost = tenants.ByHost.GetValueOrDefault(request.Host.Host);
        var hints = Hints(request.Headers[TenantHeaders.PublicHint]);

        if (hints.Count > 1)
        {
            return TenantResolution.Conflict($"The {TenantHeaders.PublicHint} header names more than one tenant: {string.Join(", ", hints)}.");
        }
        var fromHeader = hints.SingleOrDefault();
        if (fromHeader is not null && fromHost is not null && fromHeader != fromHost)
        {
            return TenantResolution.Conflict($"The host name means tenant '{fromHost}' but the {TenantHeaders.PublicHint} header says '{fromHeader}'.");
        }
        if (fromHeader is not null && !tenants.Slugs.Contains(fromHeader))
        {
            return TenantResolution.Unknown(fromHeader);
        }
        var tenant = fromHost ?? fromHeader ?? _defaultTenant;
        return tenant is not null && !tenants.Slugs.Contains(tenant) ? TenantResolution.Unknown(tenant) : TenantResolution.Found(tenant);
    }

    /// <summary>The distinct tenants the header names; one plain value (the usual case) without splitting.</summary>
    private static IReadOnlyList<string> Hints(Microsoft.Extensions.Primitives.StringValues values) => values switch
    {
        { Count: 0 } => [],
        [{ } single] when !single.Contains(',', StringComparison.Ordinal) && single.Trim() is { Length: > 0 } trimmed => [trimmed],
        _ => values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList(),
    };

    /// <summary>Whether the operator has suspended the tenant.</summary>
    public bool IsSuspended(string tenantId) => _directory.Current?.Suspended.Contains(tenantId) == true;
}

/// <summary>The outcome: a tenant (or none named), a conflict (400), an unknown tenant (404) or no list yet (503).</summary>
public sealed record TenantResolution(string? TenantId, int? ErrorStatus, string? Error)
{
    public static TenantResolution Found(string? tenantId) => new(tenantId, null, null);

    public static TenantResolution Conflict(string error) => new(null, StatusCodes.Status400BadRequest, error);

    public static TenantResolution NotYetKnown() =>
        new(null, StatusCodes.Status503ServiceUnavailable, "The gateway has not yet learnt the municipalities; try again shortly.");

    public static TenantResolution Unknown(string slug) =>
        new(null, StatusCodes.Status404NotFound, $"There is no municipality '{slug}' on this platform.");
}
