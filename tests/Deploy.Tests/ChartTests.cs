using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NJsonSchema;

namespace Buurt.Deploy.Tests;

/// <summary>
/// What can be checked of the Helm charts without helm: their metadata, values against their
/// schemas (alone, under the umbrella, with each example), that templates use only values that
/// exist, and the shape of the templates. Rendering and Kubernetes schema validation run where
/// helm is (.github/workflows/deploy.yml).
/// </summary>
public sealed partial class ChartTests
{
    public static TheoryData<string> Charts => [.. Chart.All.Select(c => c.Name)];

    public static TheoryData<string> Installable => [.. Chart.All.Where(c => !c.IsLibrary).Select(c => c.Name)];

    public static TheoryData<string> Services => [.. Chart.UsingLibrary.Select(c => c.Name)];

    public static TheoryData<string, string> ExamplesAndParts =>
        [.. from example in Chart.Examples
            from part in Chart.Umbrella.Dependencies
            select (Path.GetFileName(example), part)];

    /// <summary>Directory.Build.props' Version: assemblies, image tags and charts' appVersion.</summary>
    private static string PlatformVersion =>
        XDocument.Load(Path.Combine(Monitoring.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    [Fact]
    public void There_is_a_library_an_umbrella_and_a_chart_for_every_service_and_the_gateway()
    {
        var services = Directory.EnumerateDirectories(Path.Combine(Monitoring.Root, "services")).Select(Path.GetFileName).Append("gateway").Append("web");
        Assert.Equal(services.Order(), Chart.UsingLibrary.Select(c => c.Name).Order());
        Assert.True(Chart.Library.IsLibrary);
        Assert.Equal(Chart.UsingLibrary.Select(c => c.Name).Append("monitoring").Order(), Chart.Umbrella.Dependencies.Order());
        Assert.Equal(2, Chart.Examples.Count());
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Chart_yaml_has_what_helm_needs(string name)
    {
        var chart = Chart.Named(name);

        Assert.Equal("v2", chart.Meta["apiVersion"]?.GetValue<string>());
        Assert.Equal(name, chart.Meta["name"]?.GetValue<string>());
        Assert.Matches(SemVer(), chart.Meta["version"]?.GetValue<string>() ?? "");
        Assert.False(string.IsNullOrWhiteSpace(chart.Meta["description"]?.GetValue<string>()));
        Assert.Contains(chart.Type, new[] { "application", "library" });
        if (!chart.IsLibrary)
        {
            Assert.Equal(PlatformVersion, chart.Meta["appVersion"]?.GetValue<string>());
            Assert.True(File.Exists(chart.SchemaPath), $"{name} has no values.schema.json");
        }
        foreach (var dependency in chart.Meta["dependencies"]?.AsArray() ?? [])
        {
            var target = dependency!["name"]!.GetValue<string>();
            Assert.Equal($"file://../{target}", dependency["repository"]?.GetValue<string>());
            Assert.Equal(Chart.Named(target).Meta["version"]?.GetValue<string>(), dependency["version"]?.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Installable))]
    public async Task Values_yaml_is_valid_against_values_schema_json(string name)
    {
        var chart = Chart.Named(name);

        await AssertValidAsync(chart.SchemaPath, chart.ValuesAsHelmSeesThem, $"{name}/values.yaml");
    }

    [Theory]
    [MemberData(nameof(ExamplesAndParts))]
    public async Task Each_part_is_valid_under_the_umbrella_with_each_example(string example, string part)
    {
        var values = (JsonObject)Yaml.Merge(Chart.Umbrella.ValuesAsHelmSeesThem, Yaml.Load(Path.Combine(Monitoring.Helm, "examples", example)))!;

        await AssertValidAsync(Chart.Umbrella.SchemaPath, values, $"buurt with {example}");
        await AssertValidAsync(Chart.Named(part).SchemaPath, Chart.Named(part).ValuesUnder(values), $"{part} under buurt with {example}");
    }

    [Fact]
    public async Task The_schemas_refuse_a_misspelt_key_a_wrong_type_and_a_database_without_a_host()
    {
        var budget = Chart.Named("budget");
        var misspelt = (JsonObject)budget.Values.DeepClone();
        misspelt["replicaCont"] = 3;
        var wrongType = (JsonObject)budget.Values.DeepClone();
        wrongType["replicaCount"] = "three";
        var noHost = (JsonObject)budget.Values.DeepClone();
        noHost["database"]!.AsObject().Remove("host");
        var schema = await JsonSchema.FromFileAsync(budget.SchemaPath);

        Assert.NotEmpty(schema.Validate(misspelt.ToJsonString()));
        Assert.NotEmpty(schema.Validate(wrongType.ToJsonString()));
        Assert.NotEmpty(schema.Validate(noHost.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(Installable))]
    public void Every_values_path_a_template_uses_is_in_values_yaml(string name)
    {
        var chart = Chart.Named(name);
        // The library's templates run with the including chart's values.
        var templates = chart.Templates.Concat(chart.Dependencies.Contains("buurt-lib") ? Chart.Library.Templates : []);
        var uses = templates.SelectMany(t => Chart.ValuesPaths(File.ReadAllText(t)).Select(p => (path: p, where: Path.GetFileName(t))))
            // Settings in values.yaml may be templates themselves (tpl).
            .Concat(Chart.ValuesPaths(chart.Values.ToJsonString()).Select(p => (path: p, where: "values.yaml")));

        var missing = uses.Where(u => !Exists(chart.Values, u.path)).Select(u => $".Values.{u.path} ({u.where})").Distinct().ToList();

        Assert.True(missing.Count == 0, $"{name}/values.yaml lacks: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Templates_close_every_block_and_include_only_defined_templates(string name)
    {
        var chart = Chart.Named(name);
        var defined = Chart.All.SelectMany(c => c.Templates).SelectMany(t => Define().Matches(File.ReadAllText(t)).Select(m => m.Groups[1].Value)).ToHashSet();
        foreach (var template in chart.Templates)
        {
            var text = File.ReadAllText(template);
            var actions = Chart.TemplateAction().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList();
            var opened = actions.Count(a => Chart.BlockStart().IsMatch(a));
            var closed = actions.Count(a => a == "end");
            Assert.True(opened == closed, $"{name}/{Path.GetFileName(template)}: {opened} blocks opened, {closed} closed");
            foreach (Match include in Include().Matches(text))
            {
                Assert.True(defined.Contains(include.Groups[1].Value), $"{name}/{Path.GetFileName(template)} includes undefined \"{include.Groups[1].Value}\"");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_chart_renders_the_library_a_helm_test_and_its_own_image(string name)
    {
        var chart = Chart.Named(name);
        var texts = chart.Templates.Select(File.ReadAllText).ToList();

        Assert.Contains(texts, t => t.Contains("include \"buurt.app\" .", StringComparison.Ordinal));
        Assert.Contains(chart.Templates, t => t.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && File.ReadAllText(t).Contains("include \"buurt.test\" .", StringComparison.Ordinal));
        // The image is the one ./platform images and the pipeline tag (deploy/images/service.Dockerfile: buurt/<name>).
        Assert.Equal($"buurt/{name}", chart.Values["image"]?["repository"]?.GetValue<string>());
        var project = Path.Combine(chart.ProjectDirectory, $"Buurt.{char.ToUpperInvariant(name[0])}{name[1..]}.csproj");
        Assert.True(File.Exists(project), project);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_runs_as_the_charts_user_on_the_charts_port(string name)
    {
        // deploy/images/service.Dockerfile makes every part's image; the pods' security context and
        // probes assume its user and port, and a read-only root with only /tmp written.
        var dockerfile = File.ReadAllLines(Path.Combine(Monitoring.Root, "deploy", "images", "service.Dockerfile"))
            .Where(line => !line.TrimStart().StartsWith('#')).ToList();
        var values = Chart.Named(name).Values;
        Assert.Equal($"USER {values["podSecurityContext"]!["runAsUser"]}", Assert.Single(dockerfile, l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.True(values["containerSecurityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Contains(dockerfile, l => l.StartsWith("ENV ASPNETCORE_HTTP_PORTS=8080 ", StringComparison.Ordinal));
        Assert.Contains("containerPort: 8080", string.Join("\n", Chart.Library.Templates.Select(File.ReadAllText)), StringComparison.Ordinal);
        Assert.DoesNotContain(dockerfile, l => l.StartsWith("VOLUME", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_chart_shares_the_umbrellas_global_values(string name)
    {
        Assert.Equal(Chart.Umbrella.Values["global"]!.ToJsonString(), Chart.Named(name).Values["global"]!.ToJsonString());
    }

    [Fact]
    public void Workloads_are_probed_limited_and_locked_down()
    {
        var library = string.Join("\n", Chart.Library.Templates.Select(File.ReadAllText));

        Assert.Matches(@"startupProbe:\s+httpGet: \{path: /health/live", library);
        Assert.Matches(@"livenessProbe:\s+httpGet: \{path: /health/live", library);
        Assert.Matches(@"readinessProbe:\s+httpGet: \{path: /health/ready", library);
        // Security contexts are values (OpenShift sets its own user), locked down by default.
        Assert.Contains("toYaml .Values.podSecurityContext", library, StringComparison.Ordinal);
        Assert.Contains("toYaml .Values.containerSecurityContext", library, StringComparison.Ordinal);
        Assert.Contains("helm.sh/hook: pre-install,pre-upgrade", library, StringComparison.Ordinal);
        Assert.Contains("name: Database__MigrateOnly", library, StringComparison.Ordinal);
        // The migration Job runs the service's program like the pods do: the same secrets and extraEnv.
        Assert.Matches(@"define ""buurt\.env"" -\}\}\s+\{\{ include ""buurt\.secretEnv"" \. \}\}\s+\{\{- with \.Values\.extraEnv \}\}", library);
        Assert.Matches(@"- name: migrate[\s\S]+include ""buurt\.env"" \. \| nindent 12", library);
        Assert.Matches(@"configMapRef:[\s\S]+include ""buurt\.env"" \. \| nindent 4", library);
        Assert.Contains("helm.sh/hook: test", library, StringComparison.Ordinal);
        foreach (var chart in Chart.UsingLibrary)
        {
            var pod = chart.Values["podSecurityContext"]!;
            var container = chart.Values["containerSecurityContext"]!;
            Assert.True(pod["runAsNonRoot"]!.GetValue<bool>() && container["runAsNonRoot"]!.GetValue<bool>(), chart.Name);
            Assert.Equal("RuntimeDefault", pod["seccompProfile"]!["type"]!.GetValue<string>());
            Assert.True(container["readOnlyRootFilesystem"]!.GetValue<bool>(), chart.Name);
            Assert.False(container["allowPrivilegeEscalation"]!.GetValue<bool>(), chart.Name);
            Assert.Equal(["ALL"], container["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.NotNull(chart.Values["resources"]?["requests"]?["memory"]);
            Assert.NotNull(chart.Values["resources"]?["limits"]?["memory"]);
        }
    }

    [Fact]
    public void The_gateways_health_and_metrics_are_on_a_management_port_the_ingress_never_sends_to()
    {
        var library = string.Join("\n", Chart.Library.Templates.Select(File.ReadAllText));
        var gateway = Chart.Named("gateway");
        var ingress = File.ReadAllText(gateway.Templates.Single(t => Path.GetFileName(t) == "ingress.yaml"));

        var port = gateway.Values["service"]!["managementPort"]!.GetValue<long>();
        Assert.True(port is > 0 and not 8080, $"the gateway's managementPort is {port}");
        // Probes, the ServiceMonitor and the setting the gateway reads all follow service.managementPort.
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            Assert.Matches(probe + @":\s+httpGet: \{path: /health/\w+, port: \{\{ include ""buurt\.healthPort"" \. \}\}\}", library);
        }
        Assert.Matches(@"endpoints:\s+- port: \{\{ include ""buurt\.healthPort"" \. \}\}\s+path: /metrics", library);
        Assert.Matches(@"with \.Values\.service\.managementPort \}\}\s+Management__Port: \{\{ \. \| quote \}\}", library);
        // The ingress names the public port only.
        Assert.Matches(@"port:\s+name: http\b", ingress);
        Assert.DoesNotContain("management", ingress, StringComparison.OrdinalIgnoreCase);
        // The services keep one port: they are not public.
        var services = Chart.All.Where(c => !c.IsLibrary && c.Name != "gateway" && c.Values["service"]?["headless"] is not null).ToList();
        Assert.NotEmpty(services);
        Assert.All(services, chart => Assert.Equal(0L, chart.Values["service"]!["managementPort"]!.GetValue<long>()));
    }

    [Fact]
    public void Links_in_the_charts_resolve_and_the_monitoring_chart_ships_deploy_monitoring()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(Monitoring.Helm, "*", SearchOption.AllDirectories))
        {
            FileSystemInfo info = Directory.Exists(entry) ? new DirectoryInfo(entry) : new FileInfo(entry);
            if (info.LinkTarget is not null)
            {
                Assert.True(info.ResolveLinkTarget(returnFinalTarget: true)?.Exists, $"{entry} -> {info.LinkTarget} does not resolve");
            }
        }
        var monitoring = Chart.Named("monitoring").Directory;
        Assert.Equal(Path.GetFullPath(Monitoring.Dashboards), new DirectoryInfo(Path.Combine(monitoring, "dashboards")).ResolveLinkTarget(true)!.FullName);
        Assert.Equal(Path.GetFullPath(Monitoring.Rules), new DirectoryInfo(Path.Combine(monitoring, "rules")).ResolveLinkTarget(true)!.FullName);
    }

    private static async Task AssertValidAsync(string schemaPath, JsonNode values, string what)
    {
        var schema = await JsonSchema.FromFileAsync(schemaPath);
        var errors = schema.Validate(values.ToJsonString());
        Assert.True(errors.Count == 0, $"{what}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    private static bool Exists(JsonObject values, string path)
    {
        JsonNode? node = values;
        foreach (var segment in path.Split('.'))
        {
            if (node is not JsonObject map || !map.ContainsKey(segment))
            {
                return false;
            }
            node = map[segment];
        }
        return true;
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"define ""([^""]+)""")]
    private static partial Regex Define();

    [GeneratedRegex(@"include ""([^""]+)""")]
    private static partial Regex Include();
}
