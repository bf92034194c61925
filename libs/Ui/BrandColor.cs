using System.Globalization;
using System.Text.RegularExpressions;

namespace Buurt.Ui;

/// <summary>
/// A municipality's accent colour (<c>#rrggbb</c>): whether white text on it is readable (WCAG 2.1
/// contrast of at least 4.5:1 from relative luminance), and the shades the site derives from it.
/// Identity checks the colour with it, the web app derives its tokens with it.
/// </summary>
public static partial class BrandColor
{
    /// <summary>The least contrast of normal text with its background (WCAG 2.1, 1.4.3 AA).</summary>
    public const double MinimumContrast = 4.5;

    public static bool IsHex(string? color) => color is not null && Hex().IsMatch(color);

    /// <summary>Whether white text on the colour has a contrast of at least 4.5:1.</summary>
    public static bool CarriesWhiteText(string color) => ContrastWithWhite(color) >= MinimumContrast;

    /// <summary>(1 + 0.05) / (L + 0.05), L the colour's relative luminance.</summary>
    public static double ContrastWithWhite(string color) => 1.05 / (RelativeLuminance(color) + 0.05);

    /// <summary>WCAG 2.1's relative luminance of an sRGB colour.</summary>
    public static double RelativeLuminance(string color)
    {
        var (r, g, b) = Channels(color);
        return (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));
    }

    /// <summary>The colour mixed with black: darker, so white text on it stays readable (a hover).</summary>
    public static string Darker(string color, double share = 0.25) => Mix(color, 0, share);

    /// <summary>The colour mixed with white: a light background on which the body's dark text stays readable.</summary>
    public static string Lighter(string color, double share = 0.9) => Mix(color, 255, share);

    private static string Mix(string color, int with, double share)
    {
        var (r, g, b) = Channels(color);
        int Part(int c) => (int)Math.Round((c * (1 - share)) + (with * share));
        return string.Create(CultureInfo.InvariantCulture, $"#{Part(r):x2}{Part(g):x2}{Part(b):x2}");
    }

    private static (int R, int G, int B) Channels(string color)
    {
        if (!IsHex(color))
        {
            throw new ArgumentException($"'{color}' is not a colour #rrggbb.", nameof(color));
        }
        int Channel(int at) => int.Parse(color.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (Channel(1), Channel(3), Channel(5));
    }

    private static double Linear(int channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Hex();
}
