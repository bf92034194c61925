namespace Buurt.Deploy;

/// <summary>Where the repository and its charts are: found above the running assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Helm => Path.Combine(Root, "deploy", "helm");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Buurt.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Buurt.slnx not found above " + AppContext.BaseDirectory);
    }
}
