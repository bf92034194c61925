using System.Text;
using System.Text.RegularExpressions;
using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Tenancy;
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
    private static readonly TimeSpan s_listLifetime = TimeSpan.FromMinutes(5);

    public string? Slug => tenant.TenantId;

    /// <summary>Every municipality on the platform (for a visitor who came without one).</summary>
    public Task<IReadOnlyList<TenantResponse>> AllAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync("buurt.web.tenants", async entry =>
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

    /// <summary>The municipality's own tokens as a style sheet: <c>.buurt-theme { --name: value; }</c>; only well-formed names and values.</summary>
    public string ThemeCss()
    {
        var css = new StringBuilder(".buurt-theme {\n");
        foreach (var token in configuration.GetSection($"Web:Sites:{Slug ?? "-"}:Tokens").GetChildren())
        {
            if (Tokens.IsMatch(token.Key) && token.Value is { } value && Values.IsMatch(value))
            {
                css.Append("  --").Append(token.Key).Append(": ").Append(value).Append(";\n");
            }
        }
        return css.Append("}\n").ToString();
    }

    /// <summary>The colour of the browser's bar and the installed app's frame: the municipality's accent.</summary>
    public string ThemeColor =>
        configuration[$"Web:Sites:{Slug ?? "-"}:Tokens:basis-color-accent-1-inverse-bg-default"] is { } color && Colors.IsMatch(color)
            ? color
            : "#00529c";

    /// <summary>The web app manifest (installable on a phone): the municipality's name and colour, our icons.</summary>
    public async Task<WebAppManifest> ManifestAsync(CancellationToken cancellationToken)
    {
        var name = (await CurrentAsync(cancellationToken))?.Name ?? "Buurt";
        return new WebAppManifest(
            Name: $"{name} – Buurt", ShortName: name, Lang: "nl", StartUrl: "/", Scope: "/", Display: "standalone",
            BackgroundColor: "#ffffff", ThemeColor: ThemeColor,
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

/// <summary>A tile server: its URL template, the attribution it asks for (text), its origin for the content security policy.</summary>
public sealed record MapTiles(string Url, string Attribution, string Origin);

/// <summary>A web app manifest (W3C Web Application Manifest; the names are its members).</summary>
public sealed record WebAppManifest(
    string Name, string ShortName, string Lang, string StartUrl, string Scope, string Display,
    string BackgroundColor, string ThemeColor, IReadOnlyList<ManifestIcon> Icons);

public sealed record ManifestIcon(string Src, string Sizes, string Type, string Purpose);
