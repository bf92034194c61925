using System.Text.RegularExpressions;

namespace Buurt.Deploy.Tests;

/// <summary>
/// The gauges our code declares (CreateObservableGauge, CreateGauge in services/, gateway/ and libs/)
/// under the names Prometheus shows them. A Buurt gauge reports a figure of the service's database
/// (initiatives per status, euros per wijk, the outbox backlog) that every replica reads alike: a
/// whole-table gauge, exported once per replica. One that measures its own replica instead (its own
/// queue or cache) adds up across replicas rightly: list it in <see cref="PerReplica"/> with why.
/// </summary>
public static partial class Gauges
{
    /// <summary>Gauges of a replica's own state, by Prometheus name, with the reason. None yet.</summary>
    public static IReadOnlyDictionary<string, string> PerReplica { get; } = new Dictionary<string, string>();

    public sealed record Gauge(string Metric, string Where);

    public static IReadOnlyList<Gauge> Declared { get; } =
        [.. new[] { "services", "gateway", "libs" }
            .SelectMany(d => Monitoring.CodeFiles(Path.Combine(Monitoring.Root, d)))
            .SelectMany(f => In(File.ReadAllText(f), Path.GetRelativePath(Monitoring.Root, f)))];

    /// <summary>Prometheus names of the gauges every replica exports alike.</summary>
    public static IReadOnlySet<string> WholeTable { get; } = Declared.Select(g => g.Metric).Where(m => !PerReplica.ContainsKey(m)).ToHashSet();

    /// <summary>
    /// The gauges declared in one file. A name may be an interpolated string of the enclosing
    /// method's parameters (budget's Gauge("allocated", ...) helper): each call of that method in the
    /// file gives one. What cannot be resolved throws, so that no gauge goes unchecked.
    /// </summary>
    public static IEnumerable<Gauge> In(string code, string where)
    {
        foreach (Match call in Declaration().Matches(code))
        {
            var arguments = Arguments(code, call.Index + call.Length - 1);
            var unit = arguments.FirstOrDefault(a => a.StartsWith("unit:", StringComparison.Ordinal))?["unit:".Length..].Trim()
                ?? arguments.ElementAtOrDefault(call.Groups[1].Value == "CreateGauge" ? 1 : 2);
            var line = code[..call.Index].Count(c => c == '\n') + 1;
            foreach (var name in Names(code, call.Index, arguments[0], $"{where}:{line}"))
            {
                yield return new Gauge(PrometheusName(name, unit is null ? "" : Literal(unit, where)), $"{where}:{line}");
            }
        }
    }

    /// <summary>
    /// As OpenTelemetry's Prometheus exporter names a gauge: dots become underscores, the unit is
    /// appended in words ("s": _seconds) unless the name ends with it, annotations ("{euro}") are dropped.
    /// </summary>
    private static string PrometheusName(string instrument, string unit)
    {
        var name = Invalid().Replace(instrument, "_");
        var suffix = Annotation().Replace(unit, "") switch
        {
            "" => "",
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" => "ratio",
            "%" => "percent",
            var other => throw new NotSupportedException($"Unit \"{other}\" of {instrument}: add its Prometheus word to Gauges.PrometheusName."),
        };
        return suffix.Length == 0 || name.EndsWith("_" + suffix, StringComparison.Ordinal) ? name : $"{name}_{suffix}";
    }

    private static IEnumerable<string> Names(string code, int at, string argument, string where)
    {
        var name = Literal(argument, where);
        var holes = Hole().Matches(name).Select(m => m.Groups[1].Value).ToList();
        if (holes.Count == 0)
        {
            return [name];
        }
        var method = MethodDeclaration().Matches(code[..at]).LastOrDefault()
            ?? throw new InvalidOperationException($"{where}: gauge name {argument} has parts, but no enclosing method to read them from.");
        var parameters = Split(method.Groups[2].Value, angleBrackets: true).Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]).ToList();
        var names = new List<string>();
        foreach (Match use in Regex.Matches(code, $@"\b{Regex.Escape(method.Groups[1].Value)}\s*\("))
        {
            if (use.Index == method.Groups[1].Index)
            {
                continue;
            }
            var values = Arguments(code, use.Index + use.Length - 1);
            names.Add(Hole().Replace(name, h => parameters.IndexOf(h.Groups[1].Value) is >= 0 and var i && i < values.Count
                ? Literal(values[i], where)
                : throw new InvalidOperationException($"{where}: {{{h.Groups[1].Value}}} of gauge name {argument} is not a parameter of {method.Groups[1].Value}.")));
        }
        return names.Count > 0 ? names : throw new InvalidOperationException($"{where}: {method.Groups[1].Value}, which names gauges {argument}, is never called.");
    }

    private static string Literal(string argument, string where) => argument switch
    {
        ['"', .. var text, '"'] => text,
        ['$', '"', .. var text, '"'] => text,
        _ => throw new InvalidOperationException($"{where}: {argument} is not a string literal; write the gauge's name and unit as literals."),
    };

    /// <summary>The arguments of the call whose "(" is at <paramref name="open"/>.</summary>
    private static List<string> Arguments(string code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    for (i++; code[i] != '"'; i++)
                    {
                        i += code[i] == '\\' ? 1 : 0;
                    }
                    break;
                case '\'':
                    i = code.IndexOf('\'', i + (code[i + 1] == '\\' ? 3 : 2));
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth == 0)
                    {
                        return Split(code[(open + 1)..i], angleBrackets: false);
                    }
                    break;
            }
        }
        throw new InvalidOperationException("Unbalanced call at " + open);
    }

    /// <summary>Splits at the commas outside brackets and strings (in parameter lists also outside &lt;&gt;).</summary>
    private static List<string> Split(string text, bool angleBrackets)
    {
        var parts = new List<string>();
        var (depth, start, quoted) = (0, 0, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                quoted = c != '"' || text[i - 1] == '\\';
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is '(' or '[' or '{' || angleBrackets && c == '<')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' || angleBrackets && c == '>')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }

    [GeneratedRegex(@"\.(CreateObservableGauge|CreateGauge)\s*(?:<[^<>()]*>)?\s*\(")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?:\b(?:public|private|internal|protected|static|override|async|sealed|virtual)\s+)+[\w<>\[\]?,.\s]*?\b(\w+)\s*\(([^()]*)\)\s*(?:=>|\{)")]
    private static partial Regex MethodDeclaration();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Hole();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Annotation();

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex Invalid();
}
