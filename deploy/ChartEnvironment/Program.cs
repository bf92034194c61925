using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Buurt.Deploy;

// Writes the environment each named chart gives its pods, as the umbrella chart installs it with the
// values files given (later ones win), one KEY=VALUE per line in <out>/<chart>.env (docker run
// --env-file): Secret keys from the secrets file ("secret/key=value" lines), $(VAR) references
// expanded as Kubernetes does. ./platform runs it for the platform in containers.
//
//   Buurt.ChartEnvironment [--values FILE]... [--namespace NS] [--secrets FILE] --out DIR CHART...
var valuesFiles = new List<string>();
var (releaseNamespace, secretsFile, outDir) = ("buurt", (string?)null, (string?)null);
var charts = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--values": valuesFiles.Add(args[++i]); break;
        case "--namespace": releaseNamespace = args[++i]; break;
        case "--secrets": secretsFile = args[++i]; break;
        case "--out": outDir = args[++i]; break;
        default: charts.Add(args[i]); break;
    }
}
if (outDir is null || charts.Count == 0)
{
    await Console.Error.WriteLineAsync("usage: Buurt.ChartEnvironment [--values FILE]... [--namespace NS] [--secrets FILE] --out DIR CHART...");
    return 2;
}

var umbrella = valuesFiles.Aggregate((JsonNode?)Chart.Umbrella.ValuesAsHelmSeesThem, (merged, file) => Yaml.Merge(merged, Yaml.Load(file)));
var secrets = secretsFile is null ? [] : File.ReadAllLines(secretsFile)
    .Where(line => line.Contains('=', StringComparison.Ordinal))
    .ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
Directory.CreateDirectory(outDir);
var missing = new List<string>();
foreach (var name in charts)
{
    var environment = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var variable in ChartEnvironment.Rendered(Chart.Named(name).ValuesUnder((JsonObject)umbrella!), releaseNamespace))
    {
        string? value = variable.Value;
        if (variable.Secret is { } secret && !secrets.TryGetValue(secret.ToString(), out value))
        {
            missing.Add($"{name}: {variable.Name} from {secret}");
            continue;
        }
        // Kubernetes' dependent variables: $(NAME) of one set before, $$ for a literal $.
        environment[variable.Name] = Reference().Replace(value!, m =>
            m.Value == "$$" ? "$" : environment.TryGetValue(m.Groups[1].Value, out var earlier) ? earlier : m.Value);
    }
    await File.WriteAllLinesAsync(Path.Combine(outDir, name + ".env"), environment.Select(e => $"{e.Key}={e.Value}"));
}
if (missing.Count > 0)
{
    await Console.Error.WriteLineAsync("No value for these Secret keys (give them in the secrets file as secret/key=value):\n  " + string.Join("\n  ", missing));
    return 1;
}
return 0;

internal static partial class Program
{
    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
