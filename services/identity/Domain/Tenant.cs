using System.Text.RegularExpressions;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Identity.Domain;

/// <summary>A municipality (gemeente) on the platform.</summary>
public sealed partial class Tenant
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

    /// <summary>
    /// A municipality an operator adds: every field checked, each failure naming the field. Slug and
    /// host names free among the others is the caller's check (it needs the stored ones).
    /// </summary>
    public static Tenant Register(string? slug, string? name, string? cbsCode, IReadOnlyList<string>? hosts, string? language, string? timeZone)
    {
        if (slug is null || !Buurt.ServiceDefaults.Tenancy.TenantContext.IsValidSlug(slug) || slug.Length > 40)
            throw RuleException.Invalid("slug", "The slug is 1 to 40 lower-case letters, digits and dashes, e.g. hilversum.");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            throw RuleException.Invalid("name", "The name is 1 to 100 characters, e.g. Gemeente Hilversum.");
        if (cbsCode is null || !CbsCodeFormat().IsMatch(cbsCode))
            throw RuleException.Invalid("cbsCode", "The CBS code is GM followed by four digits, e.g. GM0402.");
        if (hosts is not { Count: > 0 and <= 10 })
            throw RuleException.Invalid("hosts", "Give 1 to 10 host names.");
        foreach (var host in hosts)
        {
            if (host is null || Uri.CheckHostName(host) != UriHostNameType.Dns || host.Contains('*', StringComparison.Ordinal))
                throw RuleException.Invalid("hosts", $"'{host}' is not a host name (e.g. hilversum.buurt.nl).");
        }
        if (hosts.Distinct(StringComparer.OrdinalIgnoreCase).Count() != hosts.Count)
            throw RuleException.Invalid("hosts", "A host name is given twice.");
        if (language is not ("nl" or "en"))
            throw RuleException.Invalid("language", "The language is nl or en.");
        if (timeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) || !zone.HasIanaId)
            throw RuleException.Invalid("timeZone", "The time zone is an IANA name, e.g. Europe/Amsterdam.");
        return new Tenant(slug, name.Trim(), cbsCode, hosts, language, timeZone);
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

    /// <summary>When an operator suspended it: its hosts answer with a page saying so, no token is issued.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    public void Suspend(DateTimeOffset now) => SuspendedAt ??= now;

    public void Resume() => SuspendedAt = null;

    /// <summary>The site's name as its administrator set it (header, titles, the app); null: <see cref="Name"/>.</summary>
    public string? DisplayName { get; private set; }

    /// <summary>The site's accent colour (#rrggbb, white text on it readable); null: the configured tokens.</summary>
    public string? AccentColor { get; private set; }

    /// <summary>The logo's strong validator (its content's hash), or null without a logo (<see cref="TenantLogo"/>).</summary>
    public string? LogoVersion { get; private set; }

    /// <summary>The administrator's branding: the site's name (1 to 100 characters) and an accent colour white text is readable on.</summary>
    public void Rebrand(string? displayName, string? accentColor)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100)
            throw RuleException.Invalid("displayName", "The name is 1 to 100 characters, e.g. Gemeente Hilversum.");
        if (!Buurt.Ui.BrandColor.IsHex(accentColor))
            throw RuleException.Invalid("accentColor", "The colour is # and six hexadecimal digits, e.g. #00529c.");
        if (!Buurt.Ui.BrandColor.CarriesWhiteText(accentColor!))
            throw RuleException.Invalid("accentColor", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"White text on {accentColor} has a contrast of {Buurt.Ui.BrandColor.ContrastWithWhite(accentColor!):0.0}:1; choose a darker colour (at least 4.5:1)."));
        DisplayName = displayName.Trim();
        AccentColor = accentColor!.ToLowerInvariant();
    }

    /// <summary>Back to the municipality's name and the site's configured colours.</summary>
    public void ResetBranding()
    {
        DisplayName = null;
        AccentColor = null;
    }

    public void ShowLogo(TenantLogo logo) => LogoVersion = logo.Version;

    public void RemoveLogo() => LogoVersion = null;

    [GeneratedRegex("^GM[0-9]{4}$")]
    private static partial Regex CbsCodeFormat();
}
