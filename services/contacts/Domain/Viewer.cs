using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>
/// Who reads or writes, as their token says: the user (none for an anonymous caller or a machine
/// client), their roles and the wijken they live in or work for. How far they see and what they may
/// keep is decided here, so it is tested without HTTP.
/// </summary>
public sealed class Viewer
{
    private readonly HashSet<string> _roles;

    /// <param name="userId">The token's subject; none for an anonymous caller or a machine client.</param>
    /// <param name="roles">The token's roles.</param>
    /// <param name="wijken">The wijken the user lives in or works for.</param>
    /// <param name="name">Who records, when it is no account (demo data); by default the account's id or "client".</param>
    public Viewer(Guid? userId, IEnumerable<string> roles, IEnumerable<Guid> wijken, string? name = null)
    {
        UserId = userId;
        _roles = [.. roles];
        Wijken = [.. wijken];
        Name = name ?? userId?.ToString() ?? "client";
    }

    public static Viewer Anonymous { get; } = new(null, [], []);

    /// <summary>
    /// The holder of a link to keep an organisation's listing (mailed to its own address): may change
    /// what the organisation's partners may, and is recorded as the link, not as an account.
    /// </summary>
    public static Viewer ByListingLink(Guid linkId) => new(null, [BuurtRoles.Partner], [], $"link {linkId}") { IsListingLink = true };

    /// <summary>A link's holder (<see cref="ByListingLink"/>), not a signed-in partner.</summary>
    public bool IsListingLink { get; private init; }

    public Guid? UserId { get; }

    public IReadOnlyList<Guid> Wijken { get; }

    /// <summary>Who recorded a change: the token's subject, or "client" for a machine client.</summary>
    public string Name { get; }

    public bool IsAnonymous => UserId is null && _roles.Count == 0;

    public bool HasRole(string role) => _roles.Contains(role);

    /// <summary>The municipality's own people: directors, aldermen, budget controllers, the tenant admin.</summary>
    public bool IsStaff =>
        HasRole(BuurtRoles.Director) || HasRole(BuurtRoles.Alderman) || HasRole(BuurtRoles.BudgetController) || HasRole(BuurtRoles.TenantAdmin);

    /// <summary>A partner (netwerkpartner) of at least one of these wijken; null wijken mean every wijk.</summary>
    public bool IsPartnerOf(IReadOnlyCollection<Guid>? wijken) =>
        HasRole(BuurtRoles.Partner) && Wijken.Count > 0 && (wijken is null || wijken.Any(Wijken.Contains));

    /// <summary>
    /// The narrowest circle this viewer belongs to for something of these wijken (null: of every
    /// wijk): staff see everything, partners the network of their own wijken, a signed-in person
    /// what residents see, anyone else what is public.
    /// </summary>
    public Visibility ReachIn(IReadOnlyCollection<Guid>? wijken) =>
        IsStaff ? Visibility.Staff
        : IsPartnerOf(wijken) ? Visibility.Network
        : UserId is not null ? Visibility.Residents
        : Visibility.Public;

    /// <summary>Directors keep the network of their wijken, the tenant admin all of it.</summary>
    public bool IsKeeper => HasRole(BuurtRoles.TenantAdmin) || HasRole(BuurtRoles.Director);

    public bool IsKeeperOf(Guid wijk) => HasRole(BuurtRoles.TenantAdmin) || (HasRole(BuurtRoles.Director) && Wijken.Contains(wijk));

    /// <summary>The viewer keeps the network (a director or the tenant admin), or a 403.</summary>
    public void RequireKeeper()
    {
        if (!IsKeeper)
        {
            throw RuleException.Forbidden("The wijk network is kept by the wijkregisseurs and the municipality's admin.");
        }
    }

    /// <summary>The viewer keeps every one of these wijken (the admin, or their director), or a 403.</summary>
    public void RequireKeeperOf(IEnumerable<Guid> wijken)
    {
        foreach (var wijk in wijken.Where(w => !IsKeeperOf(w)))
        {
            throw RuleException.Forbidden($"Wijk {wijk} is kept by its own wijkregisseur or the municipality's admin.");
        }
    }

    /// <summary>The municipality's admin, or a 403.</summary>
    public void RequireTenantAdmin()
    {
        if (!HasRole(BuurtRoles.TenantAdmin))
        {
            throw RuleException.Forbidden("Only the municipality's admin changes this.");
        }
    }

    /// <summary>The person themselves: their account is the viewer.</summary>
    public bool Is(Person person) => UserId is { } id && person.UserId == id;

    /// <summary>A keeper, or the person themselves, or a 403.</summary>
    public void RequireKeeperOrSelf(Person person)
    {
        if (!IsKeeper && !Is(person))
        {
            throw RuleException.Forbidden("Only the person themselves, a wijkregisseur or the municipality's admin may do this.");
        }
    }
}
