namespace Buurt.Gateway.Tenancy;

/// <summary>Where the gateway learns its tenants ("Gateway" section).</summary>
public sealed class TenantOptions
{
    /// <summary>
    /// Identity's tenant list (e.g. http://identity/api/identity/v1/tenants), read at start and
    /// refreshed. Without it, <see cref="Tenants"/> is the list (single installations, tests).
    /// </summary>
    public Uri? TenantsFrom { get; set; }

    public TimeSpan TenantsRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A fixed list, used when <see cref="TenantsFrom"/> is not set.</summary>
    public List<TenantEntry> Tenants { get; set; } = [];

    /// <summary>For a municipality hosting its own installation: the tenant of a request that names none.</summary>
    public string? DefaultTenant { get; set; }
}

public sealed class TenantEntry
{
    public string Slug { get; set; } = "";

    /// <summary>Host names that mean this tenant, e.g. "hilversum.buurt.nl" or "buurt.hilversum.nl".</summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>Suspended by the operator: every request for it is answered with a page saying so.</summary>
    public bool Suspended { get; set; }
}
