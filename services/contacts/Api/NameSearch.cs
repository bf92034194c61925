namespace Buurt.Contacts.Api;

/// <summary>A list's name search (<c>q</c>): part of the name, any case; the LIKE wildcards typed are left out, so they match nothing special.</summary>
internal static class NameSearch
{
    /// <summary>The ILIKE pattern, or null when nothing was asked.</summary>
    public static string? Pattern(string? q) =>
        string.IsNullOrWhiteSpace(q) ? null : $"%{q.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
}
