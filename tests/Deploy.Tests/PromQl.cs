using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.Deploy.Tests;

/// <summary>The queries of the dashboards and the alert rules, and the metric names they read.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> s_keywords =
        ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"];

    /// <summary>Metric names in a PromQL expression (or a Grafana label_values(...) variable query).</summary>
    public static IEnumerable<string> MetricNames(string query) =>
        LabelValues().Match(query) is { Success: true } variable
            ? [variable.Groups[1].Value]
            : Selectors(query).Select(s => s.Metric).Distinct();

    public sealed record Query(string Source, string Title, string Expression);

    /// <summary>An aggregation operator and its by/without labels (set once read: they may follow its parentheses).</summary>
    public sealed class Aggregation(string op)
    {
        public string Operator { get; } = op;

        public string? Grouping { get; set; }

        public IReadOnlyList<string> Labels { get; set; } = [];

        public override string ToString() => Grouping is null ? Operator : $"{Operator} {Grouping} ({string.Join(", ", Labels)})";
    }

    /// <summary>A metric a query reads and the first aggregation around it (null: none).</summary>
    public sealed record Selector(string Metric, Aggregation? FirstAggregation);

    private static readonly HashSet<string> s_aggregations =
        ["sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio"];

    /// <summary>
    /// Each metric selector of a PromQL expression with the first aggregation operator around it,
    /// passing functions (rate, delta, sum_over_time, label_replace...) and parentheses on the way
    /// out. Grafana's label_values(...) is no PromQL and gives none.
    /// </summary>
    public static IEnumerable<Selector> Selectors(string query)
    {
        if (LabelValues().IsMatch(query))
        {
            return [];
        }
        var text = StringLiteral().Replace(query, "\"\"");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = GrafanaVariable().Replace(text, " ");
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        var selectors = new List<Selector>();
        var open = new Stack<Aggregation?>();
        Aggregation? pending = null;
        Aggregation? closed = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1] : "";
            var lastClosed = closed;
            closed = null;
            if (token == "(")
            {
                open.Push(pending);
                pending = null;
            }
            else if (token == ")")
            {
                // Unbalanced queries are reported by DashboardTests, not thrown on here.
                closed = open.TryPop(out var aggregation) ? aggregation : null;
            }
            else if (token is "by" or "without" or "on" or "ignoring" or "group_left" or "group_right" && next == "(")
            {
                var end = tokens.IndexOf(")", i);
                if (token is "by" or "without" && (pending ?? lastClosed) is { } aggregation)
                {
                    aggregation.Grouping = token;
                    aggregation.Labels = [.. tokens[(i + 2)..end].Where(t => t != ",")];
                }
                i = end;
            }
            else if (s_aggregations.Contains(token) && next is "(" or "by" or "without")
            {
                pending = new Aggregation(token);
            }
            else if ((char.IsAsciiLetter(token[0]) || token[0] is '_' or ':') && next != "(" && !s_keywords.Contains(token))
            {
                selectors.Add(new Selector(token, open.FirstOrDefault(a => a is not null)));
            }
        }
        return selectors;
    }

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

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex GrafanaVariable();

    /// <summary>Names, numbers (with duration units), parentheses, commas, emptied strings, operators.</summary>
    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*|[0-9.][0-9a-zA-Z.+]*|""""|[(),]|[^\sa-zA-Z0-9_:(),""]+")]
    private static partial Regex Token();
}
