using System.Text.RegularExpressions;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>The text rules the network's names share: trimmed, not empty, not too long.</summary>
public static partial class Text
{
    public const int NameMaxLength = 120;
    public const int KeyMaxLength = 40;

    /// <summary>Trimmed text of 1 to <paramref name="max"/> characters, or a 400 naming <paramref name="field"/>.</summary>
    public static string Required(string? value, int max, string field)
    {
        var text = value?.Trim() ?? "";
        return text.Length is > 0 && text.Length <= max ? text : throw RuleException.Invalid(field, $"Give 1 to {max} characters.");
    }

    /// <summary>Trimmed text or null when empty; too long is a 400 naming <paramref name="field"/>.</summary>
    public static string? Optional(string? value, int max, string field) =>
        string.IsNullOrWhiteSpace(value) ? null : Required(value, max, field);

    /// <summary>
    /// A key the municipality chooses for a function or topic ("wijkagent", "groen"): lower-case
    /// letters, digits and dashes, so it reads well in URLs and queries.
    /// </summary>
    public static string Key(string? value, string field)
    {
        var key = value?.Trim().ToLowerInvariant() ?? "";
        return KeyPattern().IsMatch(key) ? key : throw RuleException.Invalid(field, $"A key has 1 to {KeyMaxLength} lower-case letters, digits or dashes (wijkagent, groen).");
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex KeyPattern();
}
