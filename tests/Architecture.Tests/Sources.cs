using System.Text.RegularExpressions;

namespace Buurt.Architecture.Tests;

/// <summary>The repository's C# sources as text, found from the test's own location.</summary>
internal static partial class Sources
{
    public static readonly string Root = FindRoot();

    /// <summary>Every service project folder (services/&lt;name&gt;), found, not listed: a new service is checked at once.</summary>
    public static IEnumerable<string> Services =>
        Directory.GetDirectories(Path.Combine(Root, "services")).Where(d => Directory.GetFiles(d, "*.csproj").Length > 0).Order();

    /// <summary>The hand-written C# files below a folder (no build output, no generated migrations).</summary>
    public static IEnumerable<string> CodeFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            : [];

    /// <summary>The namespaces a file imports (<c>using X;</c>, also global and static ones).</summary>
    public static IEnumerable<string> Usings(string file) =>
        UsingPattern().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value);

    /// <summary>The namespaces below <paramref name="root"/> a file imports or names in full in its code.</summary>
    public static IEnumerable<string> NamespacesUsed(string file, string root) =>
        Usings(file).Concat(Regex.Matches(File.ReadAllText(file), Regex.Escape(root) + @"\.\w+(?=\.)").Select(m => m.Value))
            .Where(u => u.StartsWith(root + ".", StringComparison.Ordinal))
            .Distinct();

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Buurt.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Buurt.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingPattern();
}
