namespace Buurt.Gateway.Tenancy;

/// <summary>The tenants the gateway serves ("Tenants" section), until identity publishes them.</summary>
public sealed class TenantOptions
{
    public List<TenantEntry> Tenants { get; set; } = [];

    /// <summary>For a municipality hosting its own installation: the tenant of a request that names none.</summary>
    public string? DefaultTenant { get; set; }
}

public sealed class TenantEntry
{
    public string Slug { get; set; } = "";

    /// <summary>Host names that mean this tenant, e.g. "hilversum.buurt.nl" or "buurt.hilversum.nl".</summary>
    public List<string> Hosts { get; set; } = [];
}
