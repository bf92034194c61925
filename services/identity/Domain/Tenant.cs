namespace Buurt.Identity.Domain;

/// <summary>A municipality (gemeente) on the platform.</summary>
public sealed class Tenant
{
    private Tenant()
    {
    }

    public Tenant(string slug, string name, string cbsCode, IEnumerable<string> hosts, string language = "nl", string timeZone = "Europe/Amsterdam")
    {
        if (!Buurt.ServiceDefaults.Tenancy.TenantContext.IsValidSlug(slug))
        {
            throw new ArgumentException($"'{slug}' is not a tenant slug (lower-case letters, digits and dashes).", nameof(slug));
        }
        Slug = slug;
        Name = name;
        CbsCode = cbsCode;
        Hosts = [.. hosts.Select(h => h.ToLowerInvariant())];
        Language = language;
        TimeZone = timeZone;
    }

    /// <summary>Its id everywhere: "hilversum".</summary>
    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The CBS municipality code, e.g. GM0402.</summary>
    public string CbsCode { get; private set; } = "";

    /// <summary>Host names that mean this tenant at the gateway.</summary>
    public List<string> Hosts { get; private set; } = [];

    /// <summary>Default language of its pages: nl or en.</summary>
    public string Language { get; private set; } = "nl";

    /// <summary>IANA time zone.</summary>
    public string TimeZone { get; private set; } = "Europe/Amsterdam";
}
