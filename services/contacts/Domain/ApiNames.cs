using System.Text.Json;

namespace Buurt.Contacts.Domain;

/// <summary>Enum values as the API and the events spell them: kebab-case (social-work, in-person), as the JSON conventions write them.</summary>
public static class ApiNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
