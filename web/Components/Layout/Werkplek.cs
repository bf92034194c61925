using Buurt.Contracts.Identity;

namespace Buurt.Web.Components.Layout;

/// <summary>The workspace's wijk (from the URL's wijk, else the first of the user's) and the user's other wijken, for its pages.</summary>
public sealed record Werkplek(WijkResponse Wijk, IReadOnlyList<WijkResponse> Wijken, bool IsDirector)
{
    /// <summary>The query parameter that names the wijk: switching wijk is a link.</summary>
    public const string WijkParameter = "wijk";

    /// <summary>A workspace path in this wijk.</summary>
    public string Href(string path) => For(path, Wijk.Id);

    public static string For(string path, Guid wijk) => $"{path}?{WijkParameter}={wijk}";
}
