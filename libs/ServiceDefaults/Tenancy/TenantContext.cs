using System.Text.RegularExpressions;

namespace Buurt.ServiceDefaults.Tenancy;

/// <summary>The tenant (municipality) the current request or message belongs to.</summary>
public interface ITenantContext
{
    /// <summary>The tenant's slug, e.g. "hilversum"; null outside a tenant's request.</summary>
    string? TenantId { get; }

    /// <summary>The tenant's slug; throws when there is none (a bug: endpoints require a tenant).</summary>
    string RequiredTenantId => TenantId ?? throw new InvalidOperationException("No tenant in this context.");
}

/// <summary>Set once per request (from the gateway's header) or per message (from its tenant header).</summary>
public sealed partial class TenantContext : ITenantContext
{
    public string? TenantId { get; private set; }

    public void Set(string tenantId)
    {
        if (!IsValidSlug(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a tenant slug.", nameof(tenantId));
        }
        if (TenantId is not null && TenantId != tenantId)
        {
            throw new InvalidOperationException($"The context already belongs to tenant '{TenantId}'.");
        }
        TenantId = tenantId;
    }

    /// <summary>Lower-case letters, digits and hyphens; 2 to 40 characters.</summary>
    public static bool IsValidSlug(string? value) => value is not null && SlugPattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$")]
    private static partial Regex SlugPattern();
}
