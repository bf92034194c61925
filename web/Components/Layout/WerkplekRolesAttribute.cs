using Buurt.ServiceDefaults.Auth;

namespace Buurt.Web.Components.Layout;

/// <summary>
/// Which roles may open a workspace page; <see cref="WerkplekLayout"/> checks it before the page
/// calls any API. A page without it is the wijk's: the wijkregisseur and the wijkwethouder.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WerkplekRolesAttribute(params string[] roles) : Attribute
{
    public static readonly IReadOnlyList<string> WijkRoles = [BuurtRoles.Director, BuurtRoles.Alderman];

    public IReadOnlyList<string> Roles { get; } = roles;

    /// <summary>False for a page of the whole municipality (the budget, the figures): no wijk switch, as the wijk changes nothing there.</summary>
    public bool PerWijk { get; set; } = true;

    /// <summary>The roles the page admits.</summary>
    public static IReadOnlyList<string> Of(Type? page) => Find(page)?.Roles ?? WijkRoles;

    /// <summary>Whether the page shows one wijk (the default).</summary>
    public static bool IsPerWijk(Type? page) => Find(page)?.PerWijk ?? true;

    private static WerkplekRolesAttribute? Find(Type? page) =>
        page?.GetCustomAttributes(typeof(WerkplekRolesAttribute), inherit: false).FirstOrDefault() as WerkplekRolesAttribute;
}
