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
public sealed record TenantResponse(string Slug, string Name, string CbsCode, IReadOnlyList<string> Hosts, string Language, string TimeZone, bool Suspended = false);
