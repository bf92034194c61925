using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Buurt.Deploy.Tests;

/// <summary>
/// The address and connection settings a service reads, found where they are instead of listed by
/// hand: keys of its appsettings*.json whose name or value says address, and the configuration reads
/// in its C# and in the files of the libs it references that it uses (a lib file counts when a type
/// or static method it declares is named in code that counts, so the gateway does not inherit the
/// database's connection string from ServiceDefaults).
/// </summary>
public static partial class ServiceSettings
{
    /// <summary>A setting (an ASP.NET Core key, ":" between sections) and where it was found.</summary>
    public sealed record Setting(string Key, string Where);

    /// <summary>Words in a key's last section that make it an address: BaseAddress, RedirectUris, AllowedOrigins...</summary>
    private static readonly HashSet<string> s_addressWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "addresses", "url", "urls", "uri", "uris", "host", "hosts", "hostname",
        "endpoint", "endpoints", "authority", "issuer", "origin", "origins",
    };

    public static IReadOnlyList<Setting> AddressesOf(Chart chart)
    {
        var project = chart.ProjectDirectory;
        var files = CodeFiles(project).ToDictionary(f => f, f => StripComments(File.ReadAllText(f)));
        var used = Used(files.Keys.Where(f => f.StartsWith(project + Path.DirectorySeparatorChar, StringComparison.Ordinal)), files);
        var code = used.ToDictionary(f => Path.GetRelativePath(Monitoring.Root, f), f => files[f]);
        var json = Directory.EnumerateFiles(project, "appsettings*.json").Order()
            .SelectMany(f => AddressesInAppSettings(File.ReadAllText(f), Path.GetRelativePath(Monitoring.Root, f))
                // Arrays merge by index, so each item of appsettings.json must be replaced; a file the
                // pods do not load (Development) only says the setting exists.
                .Select(s => Path.GetFileName(f) is "appsettings.json" or "appsettings.Production.json" ? s : s with { Key = WithoutIndexes(s.Key) }));
        return [.. json.Concat(AddressesReadIn(code)).Distinct()];
    }

    /// <summary>Address settings among the leaf keys of an appsettings file (arrays by index).</summary>
    public static IEnumerable<Setting> AddressesInAppSettings(string json, string where)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Leaves(document.RootElement, "").Where(l => IsAddress(l.Key, l.Value)).Select(l => new Setting(l.Key, where)).ToList();

        static IEnumerable<(string Key, string? Value)> Leaves(JsonElement element, string prefix) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Leaves(p.Value, Join(prefix, p.Name))),
            JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Leaves(e, Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            _ => [(prefix, element.ToString())],
        };
    }

    /// <summary>
    /// Address settings read by code (file name to its text): configuration["A:B"], GetValue("A:B"),
    /// GetSection("A:B"), GetConnectionString("X"), reads relative to a section held in a variable,
    /// and the Uri or address-named properties of an options class bound to a section.
    /// </summary>
    public static IEnumerable<Setting> AddressesReadIn(IReadOnlyDictionary<string, string> code)
    {
        foreach (var (file, raw) in code)
        {
            var text = StripComments(raw);
            var sections = SectionVariable().Matches(text).ToList();
            foreach (Match read in Read().Matches(text))
            {
                var receiver = read.Groups["receiver"].Value;
                var key = read.Groups["child"].Success ? $"{read.Groups["key"].Value}:{read.Groups["child"].Value}" : read.Groups["key"].Value;
                // A variable holding a section: its latest assignment before the read.
                var section = sections.LastOrDefault(s => s.Index < read.Index && s.Groups[1].Value == receiver);
                var setting = read.Groups["connection"].Success ? $"ConnectionStrings:{read.Groups["connection"].Value}"
                    : section is not null ? $"{section.Groups[2].Value}:{key}"
                    : ConfigurationReceiver().IsMatch(receiver) ? key
                    : null;
                if (setting is not null && IsAddress(setting, null))
                {
                    yield return new Setting(setting, file);
                }
            }
            foreach (Match binding in OptionsBinding().Matches(text))
            {
                var (type, section) = binding.Groups["type"].Success
                    ? (binding.Groups["type"].Value, binding.Groups["section"].Value)
                    : (binding.Groups["type2"].Value, binding.Groups["section2"].Value);
                foreach (var property in OptionsProperties(type, code))
                {
                    yield return new Setting($"{section}:{property}", $"{file} ({type}.{property})");
                }
            }
        }
    }

    /// <summary>
    /// An address setting: under ConnectionStrings, a last section named like an address, or a
    /// value that is one (a URL, localhost, 127.0.0.1).
    /// </summary>
    private static bool IsAddress(string key, string? value)
    {
        var sections = key.Split(':');
        var name = sections.Last(s => !s.All(char.IsAsciiDigit));
        return sections[0].Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
            || Words().Matches(name).Any(w => s_addressWords.Contains(w.Value))
            || value is not null && (value.Contains("://", StringComparison.Ordinal) || value.Contains("localhost", StringComparison.OrdinalIgnoreCase) || value.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Properties of an options class (found in the code) that hold an address: of type Uri, or named like one.</summary>
    private static IEnumerable<string> OptionsProperties(string type, IReadOnlyDictionary<string, string> code)
    {
        foreach (var text in code.Values)
        {
            var declaration = Regex.Match(text, $@"\bclass\s+{Regex.Escape(type)}\b[^{{]*\{{");
            if (!declaration.Success)
            {
                continue;
            }
            var body = Body(text, declaration.Index + declaration.Length - 1);
            foreach (Match property in Property().Matches(body))
            {
                if (property.Groups[1].Value.TrimEnd('?') == "Uri" || IsAddress(property.Groups[2].Value, null))
                {
                    yield return property.Groups[2].Value;
                }
            }
        }
    }

    /// <summary>The .cs files of a project and of the projects it references, transitively.</summary>
    private static IEnumerable<string> CodeFiles(string project)
    {
        var seen = new HashSet<string>();
        var todo = new Stack<string>(Directory.EnumerateFiles(project, "*.csproj"));
        while (todo.TryPop(out var csproj))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(csproj))!;
            if (!seen.Add(directory))
            {
                continue;
            }
            foreach (var reference in XDocument.Load(csproj).Descendants("ProjectReference"))
            {
                todo.Push(Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value)));
            }
        }
        return seen.SelectMany(Monitoring.CodeFiles);
    }

    /// <summary>The project's own files, and every other file that declares something they (or files so found) name.</summary>
    private static List<string> Used(IEnumerable<string> own, IReadOnlyDictionary<string, string> files)
    {
        var used = own.ToList();
        var declared = files.Keys.Except(used).ToDictionary(f => f, f => Declaration().Matches(files[f]).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToHashSet());
        for (var i = 0; i < used.Count; i++)
        {
            var names = Identifier().Matches(files[used[i]]).Select(m => m.Value).ToHashSet();
            foreach (var (file, declares) in declared.Where(d => !used.Contains(d.Key) && d.Value.Overlaps(names)).ToList())
            {
                used.Add(file);
            }
        }
        return used;
    }

    private static string Body(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[open..(i + 1)];
            }
        }
        return text[open..];
    }

    private static string WithoutIndexes(string key) => TrailingIndexes().Replace(key, "");

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}:{name}";

    private static string StripComments(string code) => Comment().Replace(code, m => m.Value[0] is '"' or '\'' ? m.Value : " ");

    /// <summary>String and character literals are matched too, so that "//" inside one is not taken for a comment.</summary>
    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'|//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b(\w+)\s*=\s*[\w.]*?\bGet(?:Required)?Section\(\s*""([^""]+)""\s*\)\s*;")]
    private static partial Regex SectionVariable();

    [GeneratedRegex("""
        \bGetConnectionString\(\s*"(?<connection>[^"]+)"
        | \b(?<receiver>\w+)\s*(?:\[\s*|\.\s*(?:GetValue(?:<[^>()]*>)?|Get(?:Required)?Section)\(\s*)"(?<key>[^"]+)"
          (?:\s*\)\s*(?:\[\s*|\.\s*(?:GetValue(?:<[^>()]*>)?|Get(?:Required)?Section)\(\s*)"(?<child>[^"]+)")?
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Read();

    /// <summary>The configuration itself (builder.Configuration, an injected IConfiguration), not a dictionary.</summary>
    [GeneratedRegex("^(?:[Cc]onfiguration|config)$")]
    private static partial Regex ConfigurationReceiver();

    [GeneratedRegex("""
        \bConfigure<(?<type>\w+)>\(\s*[\w.]*?\bGet(?:Required)?Section\(\s*"(?<section>[^"]+)"\s*\)\s*\)
        | \bAddOptions<(?<type2>\w+)>\(\s*\)\s*\.\s*BindConfiguration\(\s*"(?<section2>[^"]+)"
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex OptionsBinding();

    [GeneratedRegex(@"\bpublic\s+(?:required\s+)?([\w.<>\[\]?]+)\s+(\w+)\s*\{\s*(?:get|init|set)")]
    private static partial Regex Property();

    /// <summary>Types a file declares (not nested private ones) and its static methods other files can call.</summary>
    [GeneratedRegex(@"(?<!private\s+(?:sealed\s+|static\s+|partial\s+|abstract\s+)*)\b(?:class|record|struct|interface|enum)\s+(\w+)|\b(?:public|internal)\s+static\s+[^=;{}()]*?\b(\w+)\s*(?:<[^<>()]*>)?\s*\(")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?::[0-9]+)+$")]
    private static partial Regex TrailingIndexes();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Identifier();

    /// <summary>Words of a name: OTEL_EXPORTER_OTLP_ENDPOINT, BaseAddress, RedirectUris.</summary>
    [GeneratedRegex("[A-Z]?[a-z]+|[A-Z]+(?![a-z])")]
    private static partial Regex Words();
}
