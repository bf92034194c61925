using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Identity.Domain;

/// <summary>
/// A municipality's logo: a PNG (known by its signature, not its name) or an SVG without anything
/// that runs or fetches (scripts, event attributes, foreignObject, javascript: and references
/// outside the file), at most 100 KB. It is served sandboxed as well (docs/architecture.md says why both).
/// </summary>
public sealed partial class TenantLogo
{
    public const int MaxBytes = 100 * 1024;
    public const string Png = "image/png";
    public const string Svg = "image/svg+xml";

    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private TenantLogo()
    {
    }

    /// <summary>The tenant's slug (one logo per municipality).</summary>
    public string TenantId { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public string ContentType { get; private set; } = "";

    /// <summary>The content's hash, the strong ETag it is served with.</summary>
    public string Version { get; private set; } = "";

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The uploaded file checked: a PNG by its signature, else a safe SVG; anything else a 400 naming <c>logo</c>.</summary>
    public static TenantLogo From(string tenantId, byte[] content, DateTimeOffset now)
    {
        if (content.Length == 0)
            throw RuleException.Invalid("logo", "Choose a PNG or SVG file.");
        if (content.Length > MaxBytes)
            throw RuleException.Invalid("logo", "The logo is at most 100 KB.");
        var type = content.AsSpan().StartsWith(s_pngSignature) ? Png : CheckSvg(content);
        return new TenantLogo
        {
            TenantId = tenantId,
            Content = content,
            ContentType = type,
            Version = Convert.ToHexStringLower(SHA256.HashData(content))[..32],
            ChangedAt = now,
        };
    }

    /// <summary>The same file again, as this logo.</summary>
    public void Replace(TenantLogo with)
    {
        Content = with.Content;
        ContentType = with.ContentType;
        Version = with.Version;
        ChangedAt = with.ChangedAt;
    }

    private static string CheckSvg(byte[] content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        var root = true;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (root && reader.LocalName != "svg")
                        throw RuleException.Invalid("logo", "The logo is a PNG or an SVG file.");
                    root = false;
                    if (reader.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase) || reader.LocalName.Equals("foreignObject", StringComparison.OrdinalIgnoreCase))
                        throw Unsafe($"<{reader.LocalName}>");
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                            throw Unsafe($"the event attribute {reader.LocalName}");
                        if (reader.LocalName is "href" or "src" && !reader.Value.TrimStart().StartsWith('#'))
                            throw Unsafe($"the reference {reader.LocalName}=\"{reader.Value}\" (only #fragment references inside the file)");
                        CheckText(reader.Value);
                    }
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    CheckText(reader.Value);
                }
            }
        }
        catch (XmlException)
        {
            throw RuleException.Invalid("logo", "The logo is a PNG or a well-formed SVG file (no DOCTYPE).");
        }
        if (root)
            throw RuleException.Invalid("logo", "The logo is a PNG or an SVG file.");
        return Svg;
    }

    // javascript: anywhere (also hidden by whitespace), CSS that fetches (@import, url() of anything but #fragment).
    private static void CheckText(string text)
    {
        var compact = Whitespace().Replace(text, "");
        if (compact.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
            throw Unsafe("javascript:");
        if (compact.Contains("@import", StringComparison.OrdinalIgnoreCase))
            throw Unsafe("@import");
        if (ExternalUrl().IsMatch(compact))
            throw Unsafe("url() outside the file");
    }

    private static RuleException Unsafe(string what) =>
        RuleException.Invalid("logo", new StringBuilder("The SVG may not contain ").Append(what).Append(": a logo neither runs nor fetches anything.").ToString());

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"url\(['""]?(?!#)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
