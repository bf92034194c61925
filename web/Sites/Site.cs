using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Ui;
using Buurt.Web.Api;
using Microsoft.Extensions.Caching.Memory;

namespace Buurt.Web.Sites;

/// <summary>
/// The municipality of the request (the gateway names it in X-Buurt-Tenant from the host name): its
/// name and time zone from identity's tenant list, its look from configuration
/// (<c>Web:Sites:{slug}:Tokens</c>, NL Design System tokens; docs/web.md).
/// </summary>
public sealed class Site(ITenantContext tenant, IdentityApi identity, IMemoryCache cache, IConfiguration configuration)
{
    // A minute: the branding an administrator changes shows on every replica within it (this one drops it at once).
    private static readonly TimeSpan s_listLifetime = TimeSpan.FromMinutes(1);
    private const string TenantsKey = "buurt.web.tenants";

    public string? Slug => tenant.TenantId;

    /// <summary>Every municipality on the platform (for a visitor who came without one).</summary>
    public Task<IReadOnlyList<TenantResponse>> AllAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(TenantsKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = s_listLifetime;
            return await identity.TenantsAsync(cancellationToken);
        })!;

    /// <summary>This municipality, or null outside one.</summary>
    public async Task<TenantResponse?> CurrentAsync(CancellationToken cancellationToken) =>
        Slug is null ? null : (await AllAsync(cancellationToken)).FirstOrDefault(t => t.Slug == Slug);

    /// <summary>The municipality's zone (times are shown in it); Amsterdam when unknown.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken))?.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The wijken, cached briefly per municipality (they change rarely).</summary>
    public Task<IReadOnlyList<WijkResponse>> WijkenAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync($"buurt.web.wijken.{Slug}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await identity.WijkenAsync(cancellationToken);
        })!;

    /// <summary>
    /// The municipality's tokens as a style sheet: <c>.buurt-theme { --name: value; }</c>, only
    /// well-formed names and values; the accent colour its administrator set in identity overrides
    /// the configured accent and action colours (a darker hover, a light background derived from it).
    /// </summary>
    public async Task<SiteTheme> ThemeAsync(CancellationToken cancellationToken)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in configuration.GetSection($"Web:Sites:{Slug ?? "-"}:Tokens").GetChildren())
        {
            if (Tokens.IsMatch(token.Key) && token.Value is { } value && Values.IsMatch(value))
            {
                tokens[token.Key] = value;
            }
        }
        var accent = (await CurrentAsync(cancellationToken))?.AccentColor;
        if (BrandColor.IsHex(accent) && BrandColor.CarriesWhiteText(accent!))
        {
            // White text on each (the darker hover only gains contrast); the light background carries the body's dark text.
            tokens[AccentToken] = accent!;
            tokens["basis-color-action-1-inverse-bg-default"] = accent!;
            tokens["basis-color-action-1-inverse-bg-hover"] = BrandColor.Darker(accent!);
            tokens["basis-color-action-1-inverse-bg-active"] = BrandColor.Darker(accent!, 0.4);
            tokens["basis-color-accent-1-bg-default"] = BrandColor.Lighter(accent!);
        }
        var css = new StringBuilder(".buurt-theme {\n");
        foreach (var (name, value) in tokens)
        {
            css.Append("  --").Append(name).Append(": ").Append(value).Append(";\n");
        }
        var sheet = css.Append("}\n").ToString();
        var color = tokens.GetValueOrDefault(AccentToken) is { } configured && Colors.IsMatch(configured) ? configured : "#00529c";
        return new SiteTheme(sheet, color, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sheet)))[..12]);
    }

    private const string AccentToken = "basis-color-accent-1-inverse-bg-default";

    /// <summary>Identity's tenant list is read again on the next request (after the administrator changed the branding).</summary>
    public void Forget() => cache.Remove(TenantsKey);

    /// <summary>The web app manifest (installable on a phone): the municipality's name and colour, our icons.</summary>
    public async Task<WebAppManifest> ManifestAsync(CancellationToken cancellationToken)
    {
        var name = (await CurrentAsync(cancellationToken))?.SiteName ?? "Buurt";
        return new WebAppManifest(
            Name: $"{name} – Buurt", ShortName: name, Lang: "nl", StartUrl: "/", Scope: "/", Display: "standalone",
            BackgroundColor: "#ffffff", ThemeColor: (await ThemeAsync(cancellationToken)).Color,
            Icons:
            [
                new("/icons/icon-192.png", "192x192", "image/png", "any"),
                new("/icons/icon-512.png", "512x512", "image/png", "any"),
                new("/icons/icon.svg", "any", "image/svg+xml", "any"),
            ]);
    }

    /// <summary>
    /// The map's background tiles (<c>Web:Sites:{slug}:Map:TileUrl</c>, an http(s) template with {z}, {x}
    /// and {y}; PDOK's BRT-Achtergrondkaart in production), or null: then the map shows its markers on
    /// a plain background. Anything else is left out.
    /// </summary>
    public MapTiles? Tiles
    {
        get
        {
            var map = configuration.GetSection($"Web:Sites:{Slug ?? "-"}:Map");
            if (map["TileUrl"] is not { } url || TileUrls.Match(url) is not { Success: true } match
                || !url.Contains("{z}", StringComparison.Ordinal) || !url.Contains("{x}", StringComparison.Ordinal) || !url.Contains("{y}", StringComparison.Ordinal))
            {
                return null;
            }
            // The content security policy names the tile server; a subdomain placeholder ({s}) becomes a wildcard.
            var origin = $"{match.Groups["scheme"].Value}://{match.Groups["host"].Value.Replace("{s}", "*", StringComparison.Ordinal)}";
            return new MapTiles(url, map["Attribution"] ?? "", origin);
        }
    }

    // A token's name and a value without anything that could end the declaration or the rule.
    private static readonly Regex Tokens = new("^[a-z0-9-]{1,100}$", RegexOptions.CultureInvariant);
    private static readonly Regex Colors = new("^#[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant);
    private static readonly Regex Values = new(@"^[#a-zA-Z0-9 .,%()'""-]{1,200}$", RegexOptions.CultureInvariant);

    // http(s), a host name (optionally starting with the {s} placeholder) or address with a port, then a path of safe characters.
    private static readonly Regex TileUrls = new(@"^(?<scheme>https?)://(?<host>(\{s\}\.)?[a-zA-Z0-9.-]+(:[0-9]{1,5})?)/[a-zA-Z0-9/._~{}:@=&?%-]*$", RegexOptions.CultureInvariant);
}

/// <summary>The municipality's style sheet of tokens, its accent colour (the browser's bar), and a version of the sheet for its address.</summary>
public sealed record SiteTheme(string Css, string Color, string Version);

/// <summary>A tile server: its URL template, the attribution it asks for (text), its origin for the content security policy.</summary>
public sealed record MapTiles(string Url, string Attribution, string Origin);

/// <summary>A web app manifest (W3C Web Application Manifest; the names are its members).</summary>
public sealed record WebAppManifest(
    string Name, string ShortName, string Lang, string StartUrl, string Scope, string Display,
    string BackgroundColor, string ThemeColor, IReadOnlyList<ManifestIcon> Icons);

public sealed record ManifestIcon(string Src, string Sizes, string Type, string Purpose);
