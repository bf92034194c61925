using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Calendar.Domain;

/// <summary>
/// Who acts, as their token says: the user, their roles and their wijken. Who may plan activities
/// and who sees the network's is decided here, so it is tested without HTTP. The wijk's network is
/// its director, alderman and partners; the municipality's admin belongs to every wijk's.
/// </summary>
public sealed class Actor(Guid? userId, IEnumerable<string> roles, IEnumerable<Guid> wijken) : TokenActor(userId, roles, wijken)
{
    private static readonly string[] s_wijkNetwork = [BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.Partner];

    /// <summary>Someone without a token.</summary>
    public static Actor Anonymous { get; } = new(null, [], []);

    public bool IsTenantAdmin => HasRole(BuurtRoles.TenantAdmin);

    /// <summary>In the network of the wijk: its director, alderman or a partner of it, or the municipality's admin.</summary>
    public bool IsInNetworkOf(Guid areaId) => IsTenantAdmin || (s_wijkNetwork.Any(HasRole) && Wijken.Contains(areaId));

    /// <summary>
    /// The wijken whose network activities the actor sees: null for every wijk (the admin), else the
    /// wijken of their network roles (none for residents and anonymous callers).
    /// </summary>
    public IReadOnlyList<Guid>? NetworkWijken => IsTenantAdmin ? null : s_wijkNetwork.Any(HasRole) ? Wijken : [];

    /// <summary>Whether the actor may see an activity of this wijk with this visibility.</summary>
    public bool Sees(Visibility visibility, Guid areaId) => visibility == Visibility.Public || IsInNetworkOf(areaId);

    /// <summary>Staff and partners plan the agenda of their own wijken (the admin of every wijk); anyone else gets a 403.</summary>
    public void RequirePlannerOf(Guid areaId)
    {
        if (!IsInNetworkOf(areaId))
        {
            throw RuleException.Forbidden("The agenda of a wijk is planned by its director, alderman and partners, and the municipality's admin.");
        }
    }
}
