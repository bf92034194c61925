using System.Text.Json.Nodes;

namespace Buurt.Deploy.Tests;

/// <summary>
/// Every address or connection setting a service reads is set by its chart, so that none falls back
/// to appsettings.json's or the code's 127.0.0.1/localhost in a pod (issue 13: budget's
/// Identity:Address), and the NetworkPolicies let a pod reach the Buurt services its settings name.
/// The settings come from the service's appsettings and code (ServiceSettings), the chart's
/// environment from its templates and values (ChartEnvironment); a new chart is checked as it
/// comes.
/// </summary>
public sealed class ChartEnvironmentTests
{
    /// <summary>
    /// Address settings a chart may leave unset, each with the reason: "chart:Key", or "*:Key" for
    /// every chart; a key covers the keys under it. Add one only when Kubernetes really does without it.
    /// </summary>
    private static readonly Dictionary<string, string> s_notNeededInKubernetes = new()
    {
        ["*:AllowedHosts"] = "host filtering, not a peer: \"*\" is right behind the ingress, which admits only the tenants' host names",
        ["*:OTEL_EXPORTER_OTLP_ENDPOINT"] = "optional and without a local default: unset, nothing goes out over OTLP; global.otlpEndpoint sets it",
        ["gateway:ReverseProxy:Routes:web:Transforms"] = "a route's transform (keep the visitor's Host), not a peer: the same in every installation",
        ["notifications:Push:AllowedHosts"] = "the push services a subscription may name: unset, the browsers' own (PushOptions.BrowserPushServices), right in every installation; config can narrow it",
        ["notifications:Dapr:GrpcEndpoint"] = "the Dapr sidecar's gRPC address, for mail through a Dapr binding: unset, DaprClient takes DAPR_GRPC_ENDPOINT/DAPR_GRPC_PORT, which the Dapr injector sets in the pod (global.dapr.enabled); tests point it at a played sidecar",
        ["identity:Identity:WebRedirectUris"] = "read only by the demo data (Demo:Enabled), which the identity chart turns off",
    };

    public static TheoryData<string> Services => [.. Chart.UsingLibrary.Select(c => c.Name)];

    /// <summary>Each app chart with its own values.yaml and under the umbrella with each example.</summary>
    public static TheoryData<string, string> ServicesAndValues =>
        [.. from chart in Chart.UsingLibrary
            from values in Chart.Examples.Select(Path.GetFileName).Prepend("values.yaml")
            select (chart.Name, values!)];

    [Theory]
    [MemberData(nameof(ServicesAndValues))]
    public void Every_address_setting_the_service_reads_is_set_by_its_chart(string name, string values)
    {
        var chart = Chart.Named(name);
        var env = ChartEnvironment.Of(ValuesOf(chart, values)).Keys.Select(k => k.Replace("__", ":", StringComparison.Ordinal)).ToList();

        var missing = ServiceSettings.AddressesOf(chart)
            .Where(s => !NotNeeded(name, s.Key) && !env.Any(k => IsUnder(k, s.Key)))
            .GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => $"{g.Key} (read in {string.Join(", ", g.Select(s => s.Where).Distinct())})")
            .ToList();

        Assert.True(missing.Count == 0,
            $"The {name} chart ({values}) does not set:\n" + string.Join("\n", missing) +
            $"\nIn a pod these fall back to the local default. Set them in deploy/helm/{name}/values.yaml's config (\"A__B\" for \"A:B\") " +
            "or in the library's settings; only when Kubernetes needs none, add the key to s_notNeededInKubernetes with the reason.");
    }

    [Fact]
    public void Each_setting_left_unset_is_one_a_service_reads_and_says_why()
    {
        var read = Chart.UsingLibrary.SelectMany(c => ServiceSettings.AddressesOf(c).Select(s => (Chart: c.Name, s.Key))).ToList();

        foreach (var (entry, reason) in s_notNeededInKubernetes)
        {
            var (chart, key) = (entry.Split(':', 2)[0], entry.Split(':', 2)[1]);
            Assert.True(reason.Length > 20, $"{entry}: say why Kubernetes needs no value");
            Assert.True(read.Any(r => (chart == "*" || chart == r.Chart) && IsUnder(r.Key, key)), $"{entry} is read by no service any more: remove it");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_may_reach_each_buurt_service_its_environment_names(string name)
    {
        var chart = Chart.Named(name);
        var env = ChartEnvironment.Of(chart.ValuesAsHelmSeesThem);
        var called = env.SelectMany(e => ChartEnvironment.ServicesNamedIn(e.Value, chart.Values).Select(s => (Service: s, Setting: e.Key))).ToList();

        Assert.NotEmpty(called);
        foreach (var (service, setting) in called)
        {
            var policy = Chart.Named(service).Values["networkPolicy"]!;
            Assert.True(chart.Values["networkPolicy"]!["allowTo"]!.AsArray().Any(p => p!.GetValue<string>() == service),
                $"{name} calls {service} ({setting}) but its networkPolicy.allowTo lacks {service}");
            Assert.True(policy["allowFromAnywhere"]!.GetValue<bool>() || policy["allowFrom"]!.AsArray().Any(p => p!.GetValue<string>() == name),
                $"{name} calls {service} ({setting}) but {service}'s networkPolicy.allowFrom lacks {name}");
        }
    }

    [Fact]
    public void The_scan_finds_address_settings_in_each_form_of_read()
    {
        var code = """
            var a = builder.Configuration["Peer:Address"];
            var b = configuration.GetValue<Uri>("Other:BaseUrl");
            var settings = builder.Configuration.GetSection("Auth");
            var c = settings["Authority"];
            var d = builder.Configuration.GetConnectionString("Database");
            var e = configuration.GetSection("Cors").GetValue<string>("Origin");
            builder.Services.Configure<PeerOptions>(builder.Configuration.GetSection("Peer"));
            var f = headers["Upstream:Address"];
            // configuration["Commented:Address"]
            var g = configuration.GetValue("Peer:Retries", 3);
            public sealed class PeerOptions { public Uri? Source { get; set; } public int Retries { get; set; } }
            """;
        var json = """
            {
              // a comment
              "Peer": { "Address": "http://peer/", "Timeout": "00:00:05" },
              "Clients": { "Redirects": [ "http://localhost:8080/signin" ] },
              "ConnectionStrings": { "Cache": "cache:6379" },
              "Logging": { "LogLevel": { "Default": "Information" } },
            }
            """;

        var found = ServiceSettings.AddressesReadIn(new Dictionary<string, string> { ["X.cs"] = code })
            .Concat(ServiceSettings.AddressesInAppSettings(json, "appsettings.json"))
            .Select(s => s.Key);

        Assert.Equal(
            ["Auth:Authority", "Clients:Redirects:0", "ConnectionStrings:Cache", "ConnectionStrings:Database", "Cors:Origin", "Other:BaseUrl", "Peer:Address", "Peer:Source"],
            found.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_notifications_chart_reads_the_VAPID_keys_from_its_Secret_only_when_one_is_named()
    {
        var values = Chart.Named("notifications").ValuesAsHelmSeesThem;
        var without = ChartEnvironment.Of(values);
        values["push"]!["existingSecret"] = "buurt-vapid";
        var with = ChartEnvironment.Of(values);
        var budget = ChartEnvironment.Of(Chart.Named("budget").ValuesAsHelmSeesThem); // a chart without "push"

        Assert.DoesNotContain("Push__PrivateKey", without.Keys);
        Assert.Equal("{secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .publicKeyKey | quote }}}}", with["Push__PublicKey"]);
        Assert.Equal("{secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .privateKeyKey | quote }}}}", with["Push__PrivateKey"]);
        Assert.Contains("Push__Subject", with.Keys);
        Assert.DoesNotContain("Push__PublicKey", budget.Keys);
        var egress = File.ReadAllText(Path.Combine(Chart.Named("notifications").Directory, "templates", "push-egress.yaml"));
        Assert.Contains("if and .Values.global.networkPolicy.enabled .Values.push.existingSecret", egress, StringComparison.Ordinal);
        Assert.Contains("include \"buurt.egressRule\" (dict \"port\" 443 \"to\" .Values.push.peers)", egress, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_follows_the_values_as_the_library_renders_them()
    {
        var values = Chart.Named("budget").ValuesAsHelmSeesThem;
        values["config"]!["Empty__Setting"] = "";
        values["config"]!["Peer__Address"] = "{{ .Values.global.publicUrl }}";
        values["extraEnv"] = new JsonArray(new JsonObject { ["name"] = "Extra__Address", ["value"] = "http://extra/" });
        var withDatabase = ChartEnvironment.Of(values);
        values["database"]!["enabled"] = false;
        values["global"]!["otlpEndpoint"] = "http://collector:4317";
        var withoutDatabase = ChartEnvironment.Of(values);

        Assert.Contains("ConnectionStrings__Database", withDatabase.Keys);
        Assert.Contains("Database__MigrateOnStart", withDatabase.Keys);
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", withDatabase.Keys);
        Assert.DoesNotContain("ConnectionStrings__Database", withoutDatabase.Keys);
        Assert.DoesNotContain("Database__MigrateOnStart", withoutDatabase.Keys);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", withoutDatabase.Keys);
        Assert.Contains("ConnectionStrings__RabbitMq", withoutDatabase.Keys);
        Assert.DoesNotContain("ConnectionStrings__Redis", withoutDatabase.Keys);
        Assert.DoesNotContain("Empty__Setting", withDatabase.Keys);
        Assert.Equal("{{ .Values.global.publicUrl }}", withDatabase["Peer__Address"]);
        Assert.Equal("http://extra/", withDatabase["Extra__Address"]);
        Assert.Equal(["identity"], ChartEnvironment.ServicesNamedIn(withDatabase["Auth__Authority"], values));
    }

    [Theory]
    [MemberData(nameof(ServicesAndValues))]
    public void Rendered_the_environment_has_every_name_of_the_templates_and_no_template_left(string name, string values)
    {
        var rendered = ChartEnvironment.Rendered(ValuesOf(Chart.Named(name), values), "buurt");

        Assert.Equal(ChartEnvironment.Of(ValuesOf(Chart.Named(name), values)).Keys.Order(StringComparer.Ordinal),
            rendered.Select(v => v.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rendered, v => Assert.True(v.Secret is not null || (v.Value is not null && !v.Value.Contains("{{", StringComparison.Ordinal)), $"{v.Name}={v.Value}"));
    }

    [Fact]
    public void Rendered_the_values_are_what_helm_gives()
    {
        var gateway = Chart.Named("gateway").ValuesAsHelmSeesThem;
        gateway["global"]!["publicUrl"] = "https://buurt.example.nl/";
        var budget = Chart.Named("budget").ValuesAsHelmSeesThem;
        budget["global"]!["rabbitmq"]!["vhost"] = "buurt test";

        var env = ChartEnvironment.Rendered(gateway, "ns1").ToDictionary(v => v.Name);
        gateway["global"]!["dapr"]!["enabled"] = true;
        var withDapr = ChartEnvironment.Rendered(gateway, "ns1").ToDictionary(v => v.Name, v => v.Value);
        var budgetEnv = ChartEnvironment.Rendered(budget, "ns1").ToDictionary(v => v.Name);

        Assert.Equal("http://identity.ns1.svc.cluster.local:8080/api/identity/v1/tenants", env["Gateway__TenantsFrom"].Value);
        Assert.Equal("http://budget.ns1.svc.cluster.local:8080/", env["ReverseProxy__Clusters__budget__Destinations__local__Address"].Value);
        Assert.Equal("https://buurt.example.nl", env["Cors__AllowedOrigins__0"].Value);
        Assert.Equal("true", env["Gateway__DestinationDns__Enabled"].Value);
        Assert.Equal(gateway["service"]!["managementPort"]!.ToString(), env["Management__Port"].Value);
        Assert.Equal("Production", env["ASPNETCORE_ENVIRONMENT"].Value);
        Assert.DoesNotContain("Gateway__DefaultTenant", env.Keys);
        Assert.Equal("http://127.0.0.1:3500/v1.0/invoke/budget.ns1/method/", withDapr["ReverseProxy__Clusters__budget__Destinations__local__Address"]);
        Assert.Equal("false", withDapr["Gateway__DestinationDns__Enabled"]);
        Assert.Equal("false", budgetEnv["Database__MigrateOnStart"].Value);
        Assert.Equal(new SecretKey("buurt-budget-app", "password"), budgetEnv["DB_PASSWORD"].Secret);
        Assert.Equal("Host=buurt-budget-rw;Port=5432;Database=buurt_budget;Username=$(DB_USERNAME);Password=$(DB_PASSWORD);SSL Mode=Require",
            budgetEnv["ConnectionStrings__Database"].Value);
        Assert.Equal("amqp://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@buurt-rabbitmq:5672/buurt+test", budgetEnv["ConnectionStrings__RabbitMq"].Value);
        Assert.Equal("http://identity.ns1.svc.cluster.local:8080/", budgetEnv["Identity__Address"].Value);
    }

    private static JsonObject ValuesOf(Chart chart, string values) => values == "values.yaml"
        ? chart.ValuesAsHelmSeesThem
        : chart.ValuesUnder((JsonObject)Yaml.Merge(Chart.Umbrella.ValuesAsHelmSeesThem, Yaml.Load(Path.Combine(Monitoring.Helm, "examples", values)))!);

    /// <summary>The key or one under it (a section's or an array's items).</summary>
    private static bool IsUnder(string key, string section) =>
        key.Equals(section, StringComparison.OrdinalIgnoreCase) || key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase);

    private static bool NotNeeded(string chart, string key) =>
        s_notNeededInKubernetes.Keys.Select(e => e.Split(':', 2)).Any(e => (e[0] == "*" || e[0] == chart) && IsUnder(key, e[1]));
}
