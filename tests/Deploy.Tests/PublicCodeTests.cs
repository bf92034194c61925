using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Buurt.Deploy.Tests;

/// <summary>
/// The repository as public code (the Standard for Public Code): a licence, a publiccode.yml a
/// catalogue can read, and a way to report a vulnerability, all telling the same story.
/// </summary>
public sealed class PublicCodeTests
{
    private static readonly string s_root = Monitoring.Root;
    private static readonly JsonNode s_publiccode = Yaml.Load(Path.Combine(s_root, "publiccode.yml"))!;

    private static string Property(string name) =>
        XDocument.Load(Path.Combine(s_root, "Directory.Build.props")).Descendants(name).Single().Value;

    [Fact]
    public void The_licence_is_the_EUPL_everywhere_it_is_named()
    {
        var licence = File.ReadLines(Path.Combine(s_root, "LICENSE")).First();

        Assert.Equal("EUROPEAN UNION PUBLIC LICENCE v. 1.2", licence);
        Assert.Equal("EUPL-1.2", Property("PackageLicenseExpression"));
        Assert.Equal("EUPL-1.2", s_publiccode["legal"]!["license"]!.GetValue<string>());
    }

    [Fact]
    public void Publiccode_yml_has_what_the_standard_requires()
    {
        foreach (var key in new[] { "publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus", "softwareType", "description", "legal", "maintenance", "localisation" })
        {
            Assert.True(s_publiccode[key] is not null, $"publiccode.yml lacks {key}");
        }
        Assert.Equal(Property("Version"), s_publiccode["softwareVersion"]!.GetValue<string>());
        Assert.Contains(s_publiccode["developmentStatus"]!.GetValue<string>(), new[] { "concept", "development", "beta", "stable", "obsolete" });
        Assert.Equal(["en", "nl"], s_publiccode["localisation"]!["availableLanguages"]!.AsArray().Select(l => l!.GetValue<string>()).Order());
        foreach (var language in new[] { "nl", "en" })
        {
            var description = s_publiccode["description"]![language]!;
            // The standard's limits: a short description up to 150 characters, a long one from 150 to 10,000.
            Assert.InRange(description["shortDescription"]!.GetValue<string>().Trim().Length, 1, 150);
            Assert.InRange(description["longDescription"]!.GetValue<string>().Trim().Length, 150, 10_000);
            Assert.NotEmpty(description["features"]!.AsArray());
        }
    }

    [Fact]
    public void Whom_to_tell_about_a_vulnerability_is_one_address()
    {
        var contact = s_publiccode["maintenance"]!["contacts"]![0]!["email"]!.GetValue<string>();
        var security = File.ReadAllText(Path.Combine(s_root, "SECURITY.md"));

        Assert.Contains(contact, security, StringComparison.Ordinal);
    }
}
