using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Buurt.Deploy;

/// <summary>
/// YAML as JSON nodes, with YAML 1.2 core-schema typing of plain scalars (true, 2, 1.5, null), as
/// Helm reads values; quoted scalars stay strings. Merging follows Helm's coalescing: maps merge key
/// by key, anything else is replaced.
/// </summary>
public static partial class Yaml
{
    public static JsonNode? Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
    }

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when Integer().IsMatch(text) => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
            _ when Float().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>Helm's coalescing: <paramref name="over"/> wins; maps merge recursively.</summary>
    public static JsonNode? Merge(JsonNode? under, JsonNode? over)
    {
        if (under is JsonObject a && over is JsonObject b)
        {
            var merged = (JsonObject)a.DeepClone();
            foreach (var (key, value) in b)
            {
                merged[key] = Merge(merged[key], value?.DeepClone());
            }
            return merged;
        }
        return over?.DeepClone() ?? under?.DeepClone();
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
