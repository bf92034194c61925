using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Web.Components.Layout;

/// <summary>The workspace's wijk (from the URL's wijk, else the first of the user's; all wijken for a municipality-wide role) and the user's other wijken, for its pages.</summary>
public sealed record Werkplek(WijkResponse Wijk, IReadOnlyList<WijkResponse> Wijken, bool IsDirector)
{
    /// <summary>The query parameter that names the wijk: switching wijk is a link.</summary>
    public const string WijkParameter = "wijk";

    /// <summary>The user's roles (the token's), for the links and forms a role may use.</summary>
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();

    public bool Has(string role) => Roles.Contains(role);

    /// <summary>The wijkregisseur or wijkwethouder (the wijk's pages), not only a municipality-wide role.</summary>
    public bool WorksForWijken => Has(BuurtRoles.Director) || Has(BuurtRoles.Alderman);

    /// <summary>Who keeps the wijk's network and wijkplan: its director or the functional administrator.</summary>
    public bool Keeps => IsDirector || Has(BuurtRoles.TenantAdmin);

    /// <summary>A workspace path in this wijk.</summary>
    public string Href(string path) => For(path, Wijk.Id);

    public static string For(string path, Guid wijk) => $"{path}?{WijkParameter}={wijk}";
}
