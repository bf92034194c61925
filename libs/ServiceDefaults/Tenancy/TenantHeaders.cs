namespace Buurt.ServiceDefaults.Tenancy;

/// <summary>Header names shared by the gateway and the services.</summary>
public static class TenantHeaders
{
    /// <summary>What an API client may send to name its tenant when the host name does not.</summary>
    public const string PublicHint = "X-Tenant";

    /// <summary>
    /// Every header with this prefix is vouched for by the gateway: it removes whatever a client sent
    /// under it and sets its own.
    /// </summary>
    public const string InternalPrefix = "X-Buurt-";

    /// <summary>The tenant the gateway resolved; services trust only this one.</summary>
    public const string Internal = InternalPrefix + "Tenant";
}
