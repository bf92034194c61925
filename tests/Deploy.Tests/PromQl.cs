using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.Deploy.Tests;

/// <summary>The queries of the dashboards and the alert rules, and the metric names they read.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> s_keywords =
        ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"];

    /// <summary>Metric names in a PromQL expression (or a Grafana label_values(...) variable query).</summary>
    public static IEnumerable<string> MetricNames(string query)
    {
        if (LabelValues().Match(query) is { Success: true } variable)
        {
            return [variable.Groups[1].Value];
        }
        var text = StringLiteral().Replace(query, "\"\"");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = GrafanaVariable().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !text[(m.Index + m.Length)..].TrimStart().StartsWith('('))
            .Select(m => m.Value)
            .Where(name => !s_keywords.Contains(name))
            .Distinct();
    }

    public sealed record Query(string Source, string Title, string Expression);

    /// <summary>Every target expression and variable query of every dashboard.</summary>
    public static IEnumerable<Query> DashboardQueries()
    {
        foreach (var file in Directory.EnumerateFiles(Monitoring.Dashboards, "*.json").Order())
        {
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var panel in Panels(dashboard["panels"]!.AsArray()))
            {
                foreach (var target in panel["targets"]?.AsArray() ?? [])
                {
                    yield return new Query(Path.GetFileName(file), panel["title"]!.GetValue<string>(), target!["expr"]!.GetValue<string>());
                }
            }
            foreach (var variable in dashboard["templating"]?["list"]?.AsArray() ?? [])
            {
                if (variable!["type"]?.GetValue<string>() == "query")
                {
                    var query = variable["query"] is JsonObject q ? q["query"]!.GetValue<string>() : variable["query"]!.GetValue<string>();
                    yield return new Query(Path.GetFileName(file), "$" + variable["name"]!.GetValue<string>(), query);
                }
            }
        }
    }

    /// <summary>Every alert or recording rule's expression.</summary>
    public static IEnumerable<Query> RuleQueries()
    {
        var rules = Yaml.Load(Path.Combine(Monitoring.Rules, "buurt.rules.yaml"))!;
        foreach (var group in rules["groups"]!.AsArray())
        {
            foreach (var rule in group!["rules"]!.AsArray())
            {
                var name = rule!["alert"]?.GetValue<string>() ?? rule["record"]!.GetValue<string>();
                yield return new Query("buurt.rules.yaml", name, rule["expr"]!.GetValue<string>());
            }
        }
    }

    private static IEnumerable<JsonNode> Panels(JsonArray panels) =>
        panels.SelectMany(p => p!["panels"] is JsonArray inner ? inner.Select(i => i!).Prepend(p) : [p!]);

    [GeneratedRegex(@"^\s*label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"(?<![\w:.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
