using System.Globalization;
using System.Text;

namespace Buurt.Notifications.Domain;

/// <summary>
/// The GSM 03.38 alphabet of a text message: 160 of its characters fit one SMS; one character
/// outside it would make the whole message UCS-2, 70 characters a part. Texts are kept inside it.
/// </summary>
public static class Gsm
{
    /// <summary>The longest text that is one message.</summary>
    public const int MaxLength = 160;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Characters of the extension table: each takes two of the 160.</summary>
    private const string Extended = "^{}\\[~]|€\f";

    /// <summary>Whether the text is all GSM characters.</summary>
    public static bool IsGsm(string text) => text.All(c => Basic.Contains(c) || Extended.Contains(c));

    /// <summary>The text's length in GSM septets (an extension character counts twice).</summary>
    public static int Length(string text) => text.Sum(c => Extended.Contains(c) ? 2 : 1);

    /// <summary>
    /// The text in GSM characters: a letter outside it loses its accent (ë → e), typographic quotes
    /// and dashes become plain ones, anything else a '?'.
    /// </summary>
    public static string From(string text)
    {
        var gsm = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.IsBmp ? (char)rune.Value : '\0';
            if (rune.IsBmp && (Basic.Contains(c) || Extended.Contains(c)))
            {
                gsm.Append(c);
                continue;
            }
            var plain = c switch
            {
                '‘' or '’' or '‚' or '′' => "'",
                '“' or '”' or '„' => "\"",
                '–' or '—' or '‐' => "-",
                '…' => "...",
                '\u00A0' or '\t' => " ",
                _ => string.Concat(rune.ToString().Normalize(NormalizationForm.FormD)
                    .Where(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)),
            };
            // One '?' for anything else, an emoji (two UTF-16 units) too.
            gsm.Append(plain.Length > 0 && plain.All(p => Basic.Contains(p)) ? plain : "?");
        }
        return gsm.ToString();
    }

    /// <summary><paramref name="text"/> cut to at most <paramref name="length"/> septets, with "..." when cut.</summary>
    public static string Shortened(string text, int length)
    {
        if (Length(text) <= length)
        {
            return text;
        }
        var cut = new StringBuilder();
        foreach (var c in text)
        {
            if (Length(cut.ToString()) + (Extended.Contains(c) ? 2 : 1) > Math.Max(0, length - 3))
            {
                break;
            }
            cut.Append(c);
        }
        return cut.ToString().TrimEnd() + "...";
    }
}
