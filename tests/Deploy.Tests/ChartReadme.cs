using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.Deploy.Tests;

/// <summary>
/// A chart's README.md, made from its Chart.yaml, its values.yaml (keys, defaults and the comments
/// above them) and its schema: one table of every value, so the documentation cannot drift from
/// the chart. <c>./platform chart-readmes</c> writes them; ChartDocsTests fails when one is stale.
/// </summary>
public static partial class ChartReadme
{
    public static string For(Chart chart)
    {
        var text = new StringBuilder();
        text.Append($"# The `{chart.Name}` chart\n\n");
        text.Append($"{chart.Meta["description"]}\n\n");
        text.Append($"Chart {chart.Meta["version"]}, Buurt {chart.Meta["appVersion"]}, Kubernetes {chart.Meta["kubeVersion"]}. ");
        text.Append("Made from `values.yaml` and `values.schema.json` by `./platform chart-readmes`: edit those, not this file. ");
        text.Append("How to install and operate Buurt: [docs/operations.md](../../../docs/operations.md).\n\n");
        text.Append("```sh\n");
        text.Append($"helm dependency build deploy/helm/{chart.Name}\n");
        text.Append($"helm install {chart.Name} deploy/helm/{chart.Name} --namespace buurt -f my-values.yaml\n");
        text.Append("```\n\n");
        text.Append("## Values\n\n| Key | Type | Default | Description |\n|---|---|---|---|\n");
        var comments = Comments(File.ReadAllLines(Path.Combine(chart.Directory, "values.yaml")));
        foreach (var (key, value) in Leaves(chart.Values, ""))
        {
            comments.TryGetValue(key, out var comment);
            text.Append($"| `{key}` | {TypeOf(value)} | `{Cell(value?.ToJsonString(s_json) ?? "null")}` | {Cell(comment ?? "")} |\n");
        }
        return text.ToString();
    }

    public static string PathOf(Chart chart) => Path.Combine(chart.Directory, "README.md");

    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IEnumerable<(string Key, JsonNode? Value)> Leaves(JsonObject values, string prefix)
    {
        foreach (var (key, value) in values)
        {
            var path = prefix + key;
            if (value is JsonObject { Count: > 0 } inner)
            {
                foreach (var leaf in Leaves(inner, path + "."))
                    yield return leaf;
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "list",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "value",
        },
    };

    private static string Cell(string text) => text
        .Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The comment lines right above each key of a values.yaml, by the key's dotted path.</summary>
    private static Dictionary<string, string> Comments(string[] lines)
    {
        var result = new Dictionary<string, string>();
        var stack = new List<(int Indent, string Key)>();
        var pending = new List<string>();
        int? insideList = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            var indent = line.Length - trimmed.Length;
            if (trimmed.Length == 0)
            {
                pending.Clear();
                continue;
            }
            if (insideList is { } listIndent && indent > listIndent)
                continue;
            insideList = null;
            if (trimmed.StartsWith('#'))
            {
                pending.Add(trimmed.TrimStart('#').Trim());
                continue;
            }
            if (trimmed.StartsWith('-'))
            {
                // The items of a list belong to its key's default; they have no keys of their own here.
                insideList = indent - 1;
                pending.Clear();
                continue;
            }
            if (Key().Match(trimmed) is not { Success: true } match)
            {
                pending.Clear();
                continue;
            }
            stack.RemoveAll(entry => entry.Indent >= indent);
            stack.Add((indent, match.Groups[1].Value));
            if (pending.Count > 0)
                result[string.Join('.', stack.Select(entry => entry.Key))] = string.Join(' ', pending);
            pending.Clear();
        }
        return result;
    }

    [GeneratedRegex("^\"?([A-Za-z0-9_.\\-]+)\"?:")]
    private static partial Regex Key();
}
