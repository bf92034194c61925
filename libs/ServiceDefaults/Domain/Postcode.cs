namespace Buurt.ServiceDefaults.Domain;

/// <summary>Dutch postcodes: "1221 AB" has the PC4 1221.</summary>
public static class Postcode
{
    /// <summary>What a postcode is, for a client that wrote something else.</summary>
    public const string FormatRule = "A postcode is four digits (1221), optionally followed by two letters (1221 AB).";

    public const string Pc4Rule = "A PC4 postcode is a number from 1000 to 9999.";

    public static bool IsPc4(int value) => value is >= 1000 and <= 9999;

    /// <summary>The PC4 of "1221", "1221AB" or "1221 ab"; null if it is none.</summary>
    public static int? Pc4Of(string? postcode)
    {
        var text = (postcode ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (text.Length is not (4 or 6) || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pc4) || !IsPc4(pc4))
        {
            return null;
        }
        return text.Length == 4 || (char.IsAsciiLetter(text[4]) && char.IsAsciiLetter(text[5])) ? pc4 : null;
    }

    /// <summary>The PC4 of a postcode the client gave in <c>postcode</c>; a rule error if it is none.</summary>
    public static int RequirePc4(string? postcode) => Pc4Of(postcode) ?? throw RuleException.Invalid("postcode", FormatRule);
}
