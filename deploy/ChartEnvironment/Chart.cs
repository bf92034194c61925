using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.Deploy;

/// <summary>One chart of deploy/helm, read as Helm would (symbolic links followed).</summary>
public sealed partial class Chart
{
    private Chart(string directory)
    {
        Directory = directory;
        Name = System.IO.Path.GetFileName(directory);
        Meta = (JsonObject)Yaml.Load(System.IO.Path.Combine(directory, "Chart.yaml"))!;
        var values = System.IO.Path.Combine(directory, "values.yaml");
        Values = File.Exists(values) ? Yaml.Load(values) as JsonObject ?? [] : [];
    }

    /// <summary>
    /// The values Helm validates: values.yaml plus a key per dependency (a subchart's values; for a
    /// library, an empty map Helm adds all the same).
    /// </summary>
    public JsonObject ValuesAsHelmSeesThem
    {
        get
        {
            var values = (JsonObject)Values.DeepClone();
            foreach (var dependency in Dependencies.Where(d => !values.ContainsKey(d)))
            {
                values[dependency] = new JsonObject();
            }
            return values;
        }
    }

    public string Directory { get; }

    /// <summary>The folder's name; Chart.yaml's name must be the same.</summary>
    public string Name { get; }

    public JsonObject Meta { get; }

    /// <summary>The project an app chart deploys: services/&lt;name&gt;, or gateway.</summary>
    public string ProjectDirectory =>
        System.IO.Path.Combine(Repository.Root, Name is "gateway" or "web" ? Name : System.IO.Path.Combine("services", Name));

    public JsonObject Values { get; }

    public string Type => Meta["type"]?.GetValue<string>() ?? "application";

    public bool IsLibrary => Type == "library";

    public string SchemaPath => System.IO.Path.Combine(Directory, "values.schema.json");

    public IEnumerable<string> Dependencies =>
        Meta["dependencies"]?.AsArray().Select(d => d!["name"]!.GetValue<string>()) ?? [];

    /// <summary>Every template file (templates/**: .yaml, .tpl, .txt).</summary>
    public IEnumerable<string> Templates =>
        System.IO.Directory.Exists(System.IO.Path.Combine(Directory, "templates"))
            ? System.IO.Directory.EnumerateFiles(System.IO.Path.Combine(Directory, "templates"), "*", SearchOption.AllDirectories).Order()
            : [];

    public static IReadOnlyList<Chart> All { get; } =
        System.IO.Directory.EnumerateDirectories(Repository.Helm)
            .Where(d => File.Exists(System.IO.Path.Combine(d, "Chart.yaml")))
            .Order()
            .Select(d => new Chart(d))
            .ToList();

    public static Chart Named(string name) => All.Single(c => c.Name == name);

    /// <summary>Charts whose templates include the library's (their .Values are what the library reads).</summary>
    public static IEnumerable<Chart> UsingLibrary => All.Where(c => c.Dependencies.Contains("buurt-lib"));

    public static Chart Library => Named("buurt-lib");

    public static Chart Umbrella => Named("buurt");

    /// <summary>Example value files for the umbrella chart.</summary>
    public static IEnumerable<string> Examples =>
        System.IO.Directory.EnumerateFiles(System.IO.Path.Combine(Repository.Helm, "examples"), "*.yaml").Order();

    /// <summary>
    /// The values one part gets when the umbrella installs it with <paramref name="umbrellaValues"/>:
    /// its own values.yaml, the umbrella's section for it over that, the umbrella's global over both.
    /// </summary>
    public JsonObject ValuesUnder(JsonObject umbrellaValues)
    {
        var merged = (JsonObject)Yaml.Merge(ValuesAsHelmSeesThem, umbrellaValues[Name])!;
        merged["global"] = Yaml.Merge(merged["global"], umbrellaValues["global"]);
        return merged;
    }

    /// <summary>".Values.a.b" paths used in a text (templates, or templated strings in values).</summary>
    public static IEnumerable<string> ValuesPaths(string text) =>
        ValuesPath().Matches(text).Select(m => m.Groups[1].Value.TrimStart('.'));

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPath();

    /// <summary>A template action, {{ ... }} or {{- ... -}}: group 1 is its words.</summary>
    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}", RegexOptions.Singleline)]
    public static partial Regex TemplateAction();

    /// <summary>An action's words that open a block closed by {{ end }}.</summary>
    [GeneratedRegex(@"^(if|range|with|define|block)\b")]
    public static partial Regex BlockStart();
}
