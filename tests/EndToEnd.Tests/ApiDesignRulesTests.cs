using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// The Dutch API Design Rules (ADR 2.0, the rules its linter checks) over every service's OpenAPI
/// document as the gateway serves it. The published Spectral ruleset cannot be fetched here, so
/// each rule is a check of ours, named as the linter names it (docs/architecture.md lists them).
/// </summary>
public sealed partial class ApiDesignRulesTests(Platform platform) : IClassFixture<Platform>
{
    public static TheoryData<string> Services => ["identity", "initiatives", "budget", "calendar", "contacts", "notifications"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_document_meets_the_rules(string service)
    {
        var text = await platform.Client().GetStringAsync($"/api/{service}/v1/openapi.json");

        var violations = ApiDesignRules.Check(JsonNode.Parse(text)!.AsObject());

        Assert.True(violations.Count == 0, $"{service}: {violations.Count} violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task Signed_in_operations_name_the_bearer_token_and_public_ones_do_not()
    {
        var document = JsonNode.Parse(await platform.Client().GetStringAsync("/api/initiatives/v1/openapi.json"))!;

        var submit = document["paths"]!["/initiatives"]!["post"]!;
        var list = document["paths"]!["/initiatives"]!["get"]!;
        Assert.NotNull(submit["security"]?[0]?["bearer"]);
        Assert.Null(list["security"]);
        Assert.Contains(list["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "X-Tenant");
    }

    [Fact]
    public void The_checks_find_what_they_look_for()
    {
        // A document breaking each rule once, so that a check that never fires cannot pass.
        var broken = JsonNode.Parse("""
            {
              "openapi": "3.1.1",
              "info": {"title": "x", "version": "v1"},
              "servers": [{"url": "/api/x"}],
              "paths": {
                "/things/": {"get": {"responses": {"200": {"description": "ok"}, "404": {"description": "no", "content": {"application/json": {}}}}}},
                "/BigThings": {"trace": {"responses": {"200": {"description": "ok", "headers": {"API-Version": {}}}}}}
              },
              "components": {"schemas": {"thing_body": {"type": "object", "properties": {"Name": {"type": "string"}}}}}
            }
            """)!.AsObject();

        var rules = ApiDesignRules.Check(broken).Select(v => v.Split(':')[0]).ToHashSet();

        string[] expected = ["openapi-3.0", "info-contact", "semver", "include-major-version-in-uri", "paths-no-trailing-slash",
            "paths-kebab-case", "http-methods", "missing-version-header", "use-problem-schema", "schema-camel-case", "property-casing",
            "security-scheme"];
        Assert.Equal(expected.Order(), rules.Order());
    }
}

/// <summary>The ADR 2.0 linter's rules, as checks over an OpenAPI document.</summary>
internal static partial class ApiDesignRules
{
    private static readonly string[] s_methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    private static readonly string[] s_operationKeys = [.. s_methods, "parameters", "summary", "description", "servers"];

    public static List<string> Check(JsonObject document)
    {
        var violations = new List<string>();
        void Fail(string rule, string where) => violations.Add($"{rule}: {where}");

        // /core/doc-openapi: OpenAPI 3.0, the version the linter's formats accept.
        if (document["openapi"]?.GetValue<string>() is not { } version || !version.StartsWith("3.0.", StringComparison.Ordinal))
            Fail("openapi-3.0", $"openapi is {document["openapi"]}");
        // /core/doc-openapi-contact
        if (document["info"]?["contact"] is not JsonObject contact)
            Fail("info-contact", "info.contact is missing");
        else
            foreach (var field in new[] { "name", "url", "email" }.Where(f => contact[f] is null))
                Fail("info-contact", $"info.contact.{field} is missing");
        // /core/semver
        if (document["info"]?["version"]?.GetValue<string>() is not { } infoVersion || !SemVer().IsMatch(infoVersion))
            Fail("semver", $"info.version {document["info"]?["version"]}");
        // /core/uri-version
        var servers = document["servers"]?.AsArray() ?? [];
        if (servers.Count == 0)
            Fail("include-major-version-in-uri", "no servers");
        foreach (var server in servers)
            if (server?["url"]?.GetValue<string>() is not { } url || !MajorVersion().IsMatch(url))
                Fail("include-major-version-in-uri", $"server {server?["url"]}");
        // "Try it" needs to know how to sign in.
        if (document["components"]?["securitySchemes"] is not JsonObject { Count: > 0 })
            Fail("security-scheme", "no components.securitySchemes");

        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
        {
            // /core/no-trailing-slash
            if (path.Length > 1 && path.EndsWith('/'))
                Fail("paths-no-trailing-slash", path);
            if (!path.EndsWith("/openapi.json", StringComparison.Ordinal) && !KebabPath().IsMatch(path))
                Fail("paths-kebab-case", path);
            foreach (var (key, operation) in item?.AsObject() ?? [])
            {
                // /core/http-methods
                if (!s_operationKeys.Contains(key))
                    Fail("http-methods", $"{key.ToUpperInvariant()} {path}");
                if (!s_methods.Contains(key) && key != "trace")
                    continue;
                foreach (var (status, response) in operation?["responses"]?.AsObject() ?? [])
                {
                    var where = $"{key.ToUpperInvariant()} {path} {status}";
                    // /core/version-header: on every 2xx and 3xx answer.
                    if (status[0] is '2' or '3' && response?["headers"]?["API-Version"] is null)
                        Fail("missing-version-header", where);
                    // Errors as problem details (RFC 9457).
                    if (status[0] is '4' or '5' && response?["content"] is JsonObject content &&
                        !content.ContainsKey("application/problem+json"))
                        Fail("use-problem-schema", where);
                }
            }
        }

        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
        {
            if (!PascalCase().IsMatch(name))
                Fail("schema-camel-case", name);
            foreach (var property in Properties(schema).Where(p => !CamelCase().IsMatch(p)))
                Fail("property-casing", $"{name}.{property}");
        }
        return violations;
    }

    private static IEnumerable<string> Properties(JsonNode? schema) =>
        schema?["properties"]?.AsObject().Select(p => p.Key) ?? [];

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"/v\d+(/|$)")]
    private static partial Regex MajorVersion();

    // Segments in lower case with hyphens (dots for file names such as agenda.ics), or {parameters}.
    [GeneratedRegex(@"^(/([a-z0-9][a-z0-9.\-]*|\{[a-zA-Z]+\}))+$|^/$")]
    private static partial Regex KebabPath();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCase();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();
}
