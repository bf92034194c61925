using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.Deploy;

/// <summary>An environment variable of a pod: its value, or the Secret key Kubernetes reads it from.</summary>
public sealed record EnvVar(string Name, string? Value, SecretKey? Secret = null);

/// <summary>A key of a Kubernetes Secret (secretKeyRef).</summary>
public sealed record SecretKey(string Name, string Key)
{
    public override string ToString() => $"{Name}/{Key}";
}

/// <summary>
/// The Go template pipelines the charts' settings use: paths (.Values.a, .a, $var, $), string and
/// number literals, parentheses, pipes and the functions below. Anything else throws, so that a
/// chart using more shows here instead of being rendered wrongly.
/// </summary>
public static partial class ChartEnvironment
{
    private static object? Evaluate(string expression, Scope scope, object? dot, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var tokens = Tokens(expression);
        var at = 0;
        var value = Pipeline(tokens, ref at, scope, dot, variables);
        return at == tokens.Count ? value : throw new NotSupportedException($"ChartEnvironment cannot evaluate \"{expression}\"; extend it.");
    }

    private static object? Pipeline(List<string> tokens, ref int at, Scope scope, object? dot, IReadOnlyDictionary<string, object?>? variables)
    {
        object? piped = null;
        var isPiped = false;
        while (true)
        {
            var operands = new List<(string? Token, object? Value)>();
            while (at < tokens.Count && tokens[at] is not ("|" or ")"))
            {
                if (tokens[at] == "(")
                {
                    at++;
                    var inner = Pipeline(tokens, ref at, scope, dot, variables);
                    at++; // the ")"
                    operands.Add((null, inner));
                }
                else
                {
                    operands.Add((tokens[at++], null));
                }
            }
            object? Operand((string? Token, object? Value) operand) =>
                operand.Token is null ? operand.Value : Literal(operand.Token, scope, dot, variables);
            object? result;
            if (operands is [{ Token: { } name }, ..] && FunctionName().IsMatch(name) && name is not ("true" or "false" or "nil"))
            {
                var arguments = operands.Skip(1).Select(Operand).ToList();
                if (isPiped)
                {
                    arguments.Add(piped);
                }
                result = Call(name, arguments, scope);
            }
            else if (operands.Count == 1 && !isPiped)
            {
                result = Operand(operands[0]);
            }
            else
            {
                throw new NotSupportedException($"ChartEnvironment cannot evaluate \"{string.Join(' ', tokens)}\"; extend it.");
            }
            if (at < tokens.Count && tokens[at] == "|")
            {
                at++;
                (piped, isPiped) = (result, true);
                continue;
            }
            return result;
        }
    }

    private static object? Literal(string token, Scope scope, object? dot, IReadOnlyDictionary<string, object?>? variables) => token switch
    {
        ['"', ..] => JsonSerializer.Deserialize<string>(token),
        "true" => true,
        "false" => false,
        "nil" => null,
        _ when double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        ['.', ..] or ['$', ..] => Lookup(scope, dot, token, variables),
        _ => throw new NotSupportedException($"ChartEnvironment cannot evaluate \"{token}\"; extend it."),
    };

    private static object? Call(string name, List<object?> a, Scope scope) => name switch
    {
        "quote" => string.Join(' ', a.Where(v => v is not null).Select(v => Quote(Text(v)))),
        "toString" => Text(a[0]),
        "not" => !Truthy(a[0]),
        "and" => a.FirstOrDefault(v => !Truthy(v), a[^1]),
        "or" => a.FirstOrDefault(Truthy, a[^1]),
        "eq" => Text(a[0]) == Text(a[1]),
        "default" => Truthy(a[1]) ? a[1] : a[0],
        "ternary" => Truthy(a[2]) ? a[0] : a[1],
        "trimSuffix" => Text(a[1]).EndsWith(Text(a[0]), StringComparison.Ordinal) ? Text(a[1])[..^Text(a[0]).Length] : Text(a[1]),
        "urlquery" => WebUtility.UrlEncode(Text(a[0])),
        "index" => a.Skip(1).Aggregate(a[0], (node, key) => Child(scope, node, Text(key))),
        "dict" => a.Chunk(2).ToDictionary(pair => Text(pair[0]), pair => pair[1], StringComparer.Ordinal),
        "printf" => Printf(Text(a[0]), a.Skip(1).ToList()),
        "include" => Render(Define(scope.Definitions, Text(a[0])), scope, a[1]).Trim(),
        _ => throw new NotSupportedException($"ChartEnvironment does not know the function {name}; extend it."),
    };

    /// <summary>Go's fmt verbs the charts use: %s, %v, %d, %t, %q and %%.</summary>
    private static string Printf(string format, List<object?> arguments)
    {
        var output = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                output.Append(format[i]);
                continue;
            }
            var verb = format[++i];
            output.Append(verb switch
            {
                '%' => "%",
                's' or 'v' or 'd' or 't' => Text(arguments[next++]),
                'q' => Quote(Text(arguments[next++])),
                _ => throw new NotSupportedException($"ChartEnvironment does not know printf's %{verb}; extend it."),
            });
        }
        return output.ToString();
    }

    /// <summary>
    /// A path: .Values.a.b and .Release.x from anywhere (as the charts use them), .a.b from the dot,
    /// $var.a.b from a variable; the top-level dot is the chart's root, so .root.Values works after a dict.
    /// </summary>
    private static object? Lookup(Scope scope, object? dot, string path, IReadOnlyDictionary<string, object?>? variables = null)
    {
        if (path == ".")
        {
            return dot;
        }
        var segments = path.Split('.');
        object? node = segments[0] switch
        {
            "" when segments[1] is "Values" or "Release" => scope.Values,
            "" => dot,
            var variable => variables is not null && variables.TryGetValue(variable, out var value) ? value
                : throw new InvalidOperationException($"{variable} is not set"),
        };
        return segments.Skip(1).Aggregate(node, (current, segment) => Child(scope, current, segment));
    }

    private static object? Child(Scope scope, object? node, string key) => node switch
    {
        JsonObject map when ReferenceEquals(map, scope.Values) && key == "Values" => map,
        JsonObject map when ReferenceEquals(map, scope.Values) && key == "Release" => scope.Releases,
        JsonObject map => map[key],
        IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault(key),
        _ => null,
    };

    /// <summary>Go templates' truth: false, 0, "", empty lists and maps and nil are false.</summary>
    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Length > 0,
        double number => number != 0,
        JsonObject map => map.Count > 0,
        JsonArray list => list.Count > 0,
        JsonValue json when json.TryGetValue<bool>(out var flag) => flag,
        JsonValue json when json.TryGetValue<string>(out var text) => text.Length > 0,
        // Numbers as YAML gives them: integers or not.
        JsonValue json => double.Parse(json.ToJsonString(), CultureInfo.InvariantCulture) != 0,
        IReadOnlyDictionary<string, object?> map => map.Count > 0,
        _ => true,
    };

    /// <summary>A value as a template prints it (a missing one as "", as helm does).</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString(CultureInfo.InvariantCulture),
        JsonValue json when json.TryGetValue<string>(out var text) => text,
        JsonValue json when json.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonNode json => json.ToJsonString(),
        _ => value.ToString() ?? "",
    };

    /// <summary>A double-quoted scalar, as sprig's quote gives it (JSON's escapes, which YAML reads alike).</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>A YAML scalar's text: double-quoted, single-quoted or plain.</summary>
    private static string Unquote(string scalar) => scalar switch
    {
        ['"', .., '"'] => JsonSerializer.Deserialize<string>(scalar)!,
        ['\'', .. var inner, '\''] => inner.Replace("''", "'", StringComparison.Ordinal),
        _ => scalar,
    };

    private static List<string> Tokens(string expression) =>
        [.. TokenPattern().Matches(expression).Select(m => m.Value)];

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|[()|]|[^\s()|]+")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"^(\$\w+)\s*:=\s*(.+)$", RegexOptions.Singleline)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\{secretKeyRef:\s*\{name:\s*(""[^""]*""|[^,}]+),\s*key:\s*(""[^""]*""|[^,}]+)\}\}$")]
    private static partial Regex SecretKeyRef();
}
