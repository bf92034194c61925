namespace Buurt.Contracts.Identity;

/// <summary>
/// Identity's public API format of <c>GET /api/identity/v1/tenants</c>: every municipality on the
/// platform. The gateway resolves host names with it; other services read it to go through the tenants.
/// </summary>
public sealed record TenantList(IReadOnlyList<TenantResponse> Items);

/// <summary>A municipality in identity's tenant list.</summary>
/// <param name="Slug">Its id everywhere: "hilversum".</param>
/// <param name="Name">"Gemeente Hilversum".</param>
/// <param name="CbsCode">The CBS municipality code, e.g. GM0402.</param>
/// <param name="Hosts">Host names that mean this municipality at the gateway.</param>
/// <param name="Language">Default language of its pages: nl or en.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="Suspended">Suspended by the operator: its hosts answer with a page saying so (absent before: false).</param>
/// <param name="DisplayName">The site's name as its administrator set it, else <paramref name="Name"/> (absent before: null).</param>
/// <param name="AccentColor">The site's accent colour (#rrggbb, white text on it readable), or null: the site's configured tokens.</param>
/// <param name="Logo">The path of its logo (versioned: a new logo, a new path), or null without one.</param>
public sealed record TenantResponse(
    string Slug, string Name, string CbsCode, IReadOnlyList<string> Hosts, string Language, string TimeZone, bool Suspended = false,
    string? DisplayName = null, string? AccentColor = null, string? Logo = null)
{
    /// <summary>The name the site shows: the administrator's, else the municipality's.</summary>
    public string SiteName => DisplayName ?? Name;
}
