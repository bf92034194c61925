using System.Text.Json;

namespace Buurt.Contacts.Domain;

/// <summary>Enum values as the API and the events spell them: kebab-case (social-work, in-person), as the JSON conventions write them.</summary>
public static class ApiNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The value the API spells so (a query's social-work), or null.</summary>
    public static T? Parse<T>(string? text)
        where T : struct, Enum => Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => Of(v!.Value) == text);
}
