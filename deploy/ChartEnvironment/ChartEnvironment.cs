using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.Deploy;

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
        var scope = new Scope(values, Release("buurt"), Evaluating: false);
        foreach (Match setting in SettingLine().Matches(Render(Define(library, "buurt.settings"), scope)))
        {
            env[setting.Groups[1].Value] = setting.Groups[2].Value.Trim();
        }
        foreach (Match entry in EnvEntry().Matches(Render(Define(library, "buurt.secretEnv"), scope)))
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
    /// The environment as the pods get it, every template evaluated as helm would with the release in
    /// <paramref name="releaseNamespace"/>: the ConfigMap's values, then the container's env in order
    /// (a value, or the Secret and key it is read from), then extraEnv.
    /// </summary>
    public static IReadOnlyList<EnvVar> Rendered(JsonObject values, string releaseNamespace)
    {
        var library = string.Join("\n", Chart.Library.Templates.Select(File.ReadAllText));
        var scope = new Scope(values, Release(releaseNamespace), Evaluating: true);
        var env = new List<EnvVar>();
        foreach (Match setting in SettingLine().Matches(Render(Define(library, "buurt.settings"), scope)))
        {
            env.Add(new EnvVar(setting.Groups[1].Value, Unquote(setting.Groups[2].Value.Trim())));
        }
        foreach (Match entry in EnvEntry().Matches(Render(Define(library, "buurt.secretEnv"), scope)))
        {
            env.Add(SecretKeyRef().Match(entry.Groups[2].Value) is { Success: true } secret
                ? new EnvVar(entry.Groups[1].Value, null, new SecretKey(Unquote(secret.Groups[1].Value), Unquote(secret.Groups[2].Value)))
                : new EnvVar(entry.Groups[1].Value, Unquote(entry.Groups[2].Value.Trim())));
        }
        foreach (var entry in values["extraEnv"]?.AsArray() ?? [])
        {
            var name = entry!["name"]!.GetValue<string>();
            env.Add(entry["valueFrom"]?["secretKeyRef"] is JsonObject reference
                ? new EnvVar(name, null, new SecretKey(reference["name"]!.GetValue<string>(), reference["key"]!.GetValue<string>()))
                : new EnvVar(name, entry["value"]?.ToString() ?? ""));
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
            var path => (Lookup(new Scope(values, Release("buurt"), Evaluating: false), values, path) as JsonValue)?.GetValue<string>()
                ?? throw new InvalidOperationException($"{path} is not in the values"),
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

    /// <summary>
    /// The text a definition gives: the lines of blocks whose condition holds. Unless evaluating,
    /// actions are kept as written; evaluating, they are replaced by what they give, with Go's
    /// whitespace trimming ({{- and -}}).
    /// </summary>
    private static string Render(string template, Scope scope, object? dot = null)
    {
        var output = new StringBuilder();
        var frames = new Stack<Frame>();
        frames.Push(new Frame(Active: true, Dot: dot ?? scope.Values, Taken: true));
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["$"] = dot ?? scope.Values };
        var at = 0;
        var trimNext = false;
        foreach (Match action in Chart.TemplateAction().Matches(template))
        {
            var frame = frames.Peek();
            if (frame.Active)
            {
                var text = template[at..action.Index];
                text = trimNext ? text.TrimStart() : text;
                // {{- trims the whitespace before it, -}} after it; unless evaluating, line starts are what matter.
                output.Append(!action.Value.StartsWith("{{-", StringComparison.Ordinal) ? text
                    : scope.Evaluating ? text.TrimEnd() : text.TrimEnd(' ', '\t'));
            }
            at = action.Index + action.Length;
            trimNext = scope.Evaluating && action.Value.EndsWith("-}}", StringComparison.Ordinal);
            var words = action.Groups[1].Value.Trim();
            var keyword = words.Split(' ', 2)[0];
            var rest = words.Length > keyword.Length ? words[(keyword.Length + 1)..].Trim() : "";
            switch (keyword)
            {
                case "if":
                    var holds = frame.Active && Truthy(Evaluate(rest, scope, frame.Dot, variables));
                    frames.Push(new Frame(holds, frame.Dot, holds));
                    break;
                case "with":
                    var value = frame.Active ? Evaluate(rest, scope, frame.Dot, variables) : null;
                    frames.Push(new Frame(Truthy(value), value, Truthy(value)));
                    break;
                case "else":
                    var open = frames.Pop();
                    var parent = frames.Peek();
                    var elseHolds = parent.Active && !open.Taken && (rest is not ['i', 'f', ' ', ..] || Truthy(Evaluate(rest[3..], scope, parent.Dot, variables)));
                    frames.Push(open with { Active = elseHolds, Dot = parent.Dot, Taken = open.Taken || elseHolds });
                    break;
                case "range" when RangeOverMap().Match(rest) is { Success: true } range:
                    // The settings' "range $key, $value := .Values.config": a key whose value is empty is
                    // left out; evaluating, each value is a template of its own (tpl) given as a quoted string.
                    if (frame.Active)
                    {
                        foreach (var (key, setting) in (Evaluate(range.Groups[1].Value, scope, frame.Dot, variables) as JsonObject) ?? [])
                        {
                            var text = setting?.ToString() ?? "";
                            text = scope.Evaluating && text.Length > 0 ? Render(text, scope) : text;
                            if (text.Length > 0)
                            {
                                output.Append('\n').Append(key).Append(": ").Append(scope.Evaluating ? Quote(text) : text);
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
                    if (!frame.Active)
                    {
                        break;
                    }
                    if (!scope.Evaluating)
                    {
                        output.Append(action.Value);
                    }
                    else if (Assignment().Match(words) is { Success: true } assignment)
                    {
                        variables[assignment.Groups[1].Value] = Evaluate(assignment.Groups[2].Value, scope, frame.Dot, variables);
                    }
                    else if (!words.StartsWith("/*", StringComparison.Ordinal))
                    {
                        output.Append(Text(Evaluate(words, scope, frame.Dot, variables)));
                    }
                    break;
            }
        }
        var tail = template[at..];
        output.Append(trimNext ? tail.TrimStart() : tail);
        return output.ToString();
    }

    /// <summary>The chart's release as .Release gives it.</summary>
    private static Dictionary<string, object?> Release(string releaseNamespace) =>
        new(StringComparer.Ordinal) { ["Namespace"] = releaseNamespace, ["Name"] = "buurt", ["Service"] = "Helm" };

    private sealed record Frame(bool Active, object? Dot, bool Taken);

    /// <summary>What a template sees: the values, the release, whether actions are evaluated, the definitions to include.</summary>
    private sealed record Scope(JsonObject Values, Dictionary<string, object?> Releases, bool Evaluating)
    {
        public string Definitions { get; } = string.Join("\n", Chart.All.SelectMany(c => c.Templates).Where(t => t.EndsWith(".tpl", StringComparison.Ordinal)).Select(File.ReadAllText));
    }

    [GeneratedRegex(@"^\$\w+\s*,\s*\$\w+\s*:=\s*(\.Values(?:\.\w+)+)$")]
    private static partial Regex RangeOverMap();

    /// <summary>A ConfigMap entry of "buurt.settings": a key at the start of a line.</summary>
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*):[ \t]*(.*)$", RegexOptions.Multiline)]
    private static partial Regex SettingLine();

    /// <summary>An EnvVar entry of "buurt.secretEnv": "- name: X" and its value or valueFrom line.</summary>
    [GeneratedRegex(@"^[ \t]*- name:[ \t]*""?([A-Za-z_][A-Za-z0-9_]*)""?[ \t]*\r?\n[ \t]*(?:value|valueFrom):[ \t]*(.*)$", RegexOptions.Multiline)]
    private static partial Regex EnvEntry();

    [GeneratedRegex(@"include ""(?:buurt\.serviceAddress|gateway\.upstream)"" \(dict\b[^()]*?""name"" (""[^""]+""|\.Values(?:\.\w+)+)")]
    private static partial Regex ServiceName();
}
