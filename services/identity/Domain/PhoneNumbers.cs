using System.Text.RegularExpressions;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Identity.Domain;

/// <summary>
/// The phone number a resident may give for text messages: a Dutch mobile number (06…, +316…,
/// 00316…), kept in E.164 (+316xxxxxxxx) so that an SMS binding can use it as it is.
/// </summary>
public static partial class PhoneNumbers
{
    /// <summary>The number in E.164, or refused naming <paramref name="field"/>.</summary>
    public static string Normalise(string number, string field = "phoneNumber")
    {
        // People write spaces, dashes, dots and brackets: "06-12 34 56 78", "+31 (0)6 12345678".
        var digits = Separators().Replace(number.Replace("(0)", "", StringComparison.Ordinal), "");
        var match = DutchMobile().Match(digits);
        return match.Success
            ? "+316" + match.Groups["subscriber"].Value
            : throw RuleException.Invalid(field, "A phone number is a Dutch mobile number: 06 followed by 8 digits, or +316 followed by 8 digits.");
    }

    [GeneratedRegex(@"[\s\-.()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:06|\+316|00316)(?<subscriber>[0-9]{8})$")]
    private static partial Regex DutchMobile();
}
