using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.Deploy.Tests;

/// <summary>
/// The environment a service chart gives its pods, worked out without helm: the ConfigMap
/// ("buurt.settings", the container's envFrom) and the container's env ("buurt.secretEnv" and the
/// chart's extraEnv), with the library's if/with blocks evaluated against the values. Each name maps
/// to the template text that makes its value. Only the template forms those definitions use are
/// understood; anything else throws, so a change of the library shows here instead of being guessed.
/// </summary>
public static partial class ChartEnvironment
{
    /// <summary>Environment variable names (ASP.NET Core keys with "__") and their value templates.</summary>
    public static IReadOnlyDictionary<string, string> Of(JsonObject values)
    {
        var library = string.Join("\n", Chart.Library.Templates.Select(File.ReadAllText));
        var env = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match setting in SettingLine().Matches(Render(Define(library, "buurt.settings"), values)))
        {
            env[setting.Groups[1].Value] = setting.Groups[2].Value.Trim();
        }
        foreach (Match entry in EnvEntry().Matches(Render(Define(library, "buurt.secretEnv"), values)))
        {
            env[entry.Groups[1].Value] = entry.Groups[2].Value.Trim();
        }
        foreach (var entry in values["extraEnv"]?.AsArray() ?? [])
        {
            env[entry!["name"]!.GetValue<string>()] = entry["value"]?.ToString() ?? "";
        }
        return env;
    }

    /// <summary>
    /// Buurt services a value template names: <c>buurt.serviceAddress</c> and <c>gateway.upstream</c>
    /// with a <c>"name"</c> that is a string or a .Values path.
    /// </summary>
    public static IEnumerable<string> ServicesNamedIn(string template, JsonObject values) =>
        ServiceName().Matches(template).Select(m => m.Groups[1].Value switch
        {
            ['"', .. var literal, '"'] => literal,
            var path => Lookup(values, values, path)?.GetValue<string>() ?? throw new InvalidOperationException($"{path} is not in the values"),
        });

    /// <summary>The text of <c>define "name"</c> up to its matching end.</summary>
    private static string Define(string templates, string name)
    {
        var start = templates.IndexOf($"define \"{name}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"The library defines no \"{name}\".");
        }
        var body = templates.IndexOf("}}", start, StringComparison.Ordinal) + 2;
        var depth = 1;
        foreach (Match action in Chart.TemplateAction().Matches(templates, body))
        {
            var words = action.Groups[1].Value.Trim();
            depth += Chart.BlockStart().IsMatch(words) ? 1 : words == "end" ? -1 : 0;
            if (depth == 0)
            {
                return templates[body..action.Index];
            }
        }
        throw new InvalidOperationException($"\"{name}\" has no end.");
    }

    /// <summary>The text a definition gives: the lines of blocks whose condition holds, actions kept as written.</summary>
    private static string Render(string template, JsonObject values)
    {
        var output = new StringBuilder();
        var frames = new Stack<Frame>();
        frames.Push(new Frame(Active: true, Dot: values, Taken: true));
        var at = 0;
        foreach (Match action in Chart.TemplateAction().Matches(template))
        {
            var frame = frames.Peek();
            if (frame.Active)
            {
                // {{- trims the whitespace before it, -}} after it; line starts are what matter here.
                output.Append(action.Value.StartsWith("{{-", StringComparison.Ordinal)
                    ? template[at..action.Index].TrimEnd(' ', '\t') : template[at..action.Index]);
            }
            at = action.Index + action.Length;
            var words = action.Groups[1].Value.Trim();
            var keyword = words.Split(' ', 2)[0];
            var rest = words.Length > keyword.Length ? words[(keyword.Length + 1)..].Trim() : "";
            switch (keyword)
            {
                case "if":
                    var holds = frame.Active && Truthy(Evaluate(rest, values, frame.Dot));
                    frames.Push(new Frame(holds, frame.Dot, holds));
                    break;
                case "with":
                    var value = frame.Active ? Evaluate(rest, values, frame.Dot) : null;
                    frames.Push(new Frame(Truthy(value), value, Truthy(value)));
                    break;
                case "else":
                    var open = frames.Pop();
                    var parent = frames.Peek();
                    var elseHolds = parent.Active && !open.Taken && (rest is not ['i', 'f', ' ', ..] || Truthy(Evaluate(rest[3..], values, open.Dot)));
                    frames.Push(open with { Active = elseHolds, Taken = open.Taken || elseHolds });
                    break;
                case "range" when RangeOverMap().Match(rest) is { Success: true } range:
                    // The settings' "range $key, $value := .Values.config": a key whose value is empty is left out.
                    if (frame.Active)
                    {
                        foreach (var (key, setting) in Evaluate(range.Groups[1].Value, values, frame.Dot)?.AsObject() ?? [])
                        {
                            if (setting?.ToString() is { Length: > 0 } text)
                            {
                                output.Append('\n').Append(key).Append(": ").Append(text);
                            }
                        }
                    }
                    frames.Push(new Frame(Active: false, frame.Dot, Taken: true));
                    break;
                case "end":
                    frames.Pop();
                    break;
                case "range" or "define" or "block" or "template":
                    throw new NotSupportedException($"ChartEnvironment does not understand {{{{ {words} }}}}; extend it.");
                default:
                    if (frame.Active)
                    {
                        output.Append(action.Value);
                    }
                    break;
            }
        }
        output.Append(template[at..]);
        return output.ToString();
    }

    /// <summary>A condition: a .Values path, a path from the dot (inside with), "not" of one, or a value a chart may lack (index .Values "key").</summary>
    private static JsonNode? Evaluate(string expression, JsonObject values, JsonNode? dot) => expression switch
    {
        ['n', 'o', 't', ' ', .. var operand] => JsonValue.Create(!Truthy(Evaluate(operand.Trim(), values, dot))),
        _ when IndexOfValues().Match(expression) is { Success: true } index => values[index.Groups[1].Value],
        _ when Path().IsMatch(expression) => Lookup(values, dot, expression),
        _ => throw new NotSupportedException($"ChartEnvironment cannot evaluate \"{expression}\"; extend it."),
    };

    private static JsonNode? Lookup(JsonObject values, JsonNode? dot, string path)
    {
        var (node, segments) = path.StartsWith(".Values.", StringComparison.Ordinal)
            ? ((JsonNode?)values, path[".Values.".Length..].Split('.'))
            : (dot, path.TrimStart('.').Split('.'));
        foreach (var segment in segments)
        {
            node = node is JsonObject map ? map[segment] : null;
        }
        return node;
    }

    /// <summary>Go templates' truth: false, 0, "", empty lists and maps and nil are false.</summary>
    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject map => map.Count > 0,
        JsonArray list => list.Count > 0,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length > 0,
        // Numbers as YAML gives them: integers or not.
        JsonValue value => double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) != 0,
        _ => true,
    };

    private sealed record Frame(bool Active, JsonNode? Dot, bool Taken);

    [GeneratedRegex(@"^\$\w+\s*,\s*\$\w+\s*:=\s*(\.Values(?:\.\w+)+)$")]
    private static partial Regex RangeOverMap();

    [GeneratedRegex(@"^(?:\.Values)?(?:\.\w+)+$")]
    private static partial Regex Path();

    [GeneratedRegex(@"^index \.Values ""(\w+)""$")]
    private static partial Regex IndexOfValues();

    /// <summary>A ConfigMap entry of "buurt.settings": a key at the start of a line.</summary>
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*):[ \t]*(.*)$", RegexOptions.Multiline)]
    private static partial Regex SettingLine();

    /// <summary>An EnvVar entry of "buurt.secretEnv": "- name: X" and its value or valueFrom line.</summary>
    [GeneratedRegex(@"^[ \t]*- name:[ \t]*""?([A-Za-z_][A-Za-z0-9_]*)""?[ \t]*\r?\n[ \t]*(?:value|valueFrom):[ \t]*(.*)$", RegexOptions.Multiline)]
    private static partial Regex EnvEntry();

    [GeneratedRegex(@"include ""(?:buurt\.serviceAddress|gateway\.upstream)"" \(dict\b[^()]*?""name"" (""[^""]+""|\.Values(?:\.\w+)+)")]
    private static partial Regex ServiceName();
}
