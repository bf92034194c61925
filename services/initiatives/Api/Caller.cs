using System.Security.Claims;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Api;

/// <summary>Who is asking, read from the token: their id, roles and the wijken they live in or work for.</summary>
public sealed class Caller(ClaimsPrincipal user)
{
    public bool IsSignedIn => user.Identity?.IsAuthenticated == true;

    /// <summary>The user's id (<c>sub</c>); the endpoints that use it require a signed-in user.</summary>
    public Guid Id => Guid.TryParse(user.FindFirst(BuurtClaims.Subject)?.Value, out var id)
        ? id
        : throw RuleException.Forbidden("This needs a signed-in person, not a machine client.");

    public bool HasRole(string role) => user.IsInRole(role);

    /// <summary>The wijken the user lives in or works for (the token's <c>wijk</c> claims).</summary>
    public IReadOnlyList<Guid> Wijken => [.. user.FindAll(BuurtClaims.Wijk).Select(c => Guid.TryParse(c.Value, out var w) ? w : Guid.Empty).Where(w => w != Guid.Empty)];

    public bool HasWijk(Guid areaId) => Wijken.Contains(areaId);

    /// <summary>For staff lists: a director sees their own wijken only (null: no such limit, e.g. a tenant admin).</summary>
    public IReadOnlyList<Guid>? OwnWijkenOnly => HasRole(BuurtRoles.Director) && !HasRole(BuurtRoles.TenantAdmin) ? Wijken : null;

    public bool IsResidentOf(Guid areaId) => HasRole(BuurtRoles.Resident) && HasWijk(areaId);

    public bool IsDirectorOf(Guid areaId) => HasRole(BuurtRoles.Director) && HasWijk(areaId);

    public bool IsAldermanOf(Guid areaId) => HasRole(BuurtRoles.Alderman) && HasWijk(areaId);

    public bool IsStaff => HasRole(BuurtRoles.Director) || HasRole(BuurtRoles.Alderman) || HasRole(BuurtRoles.BudgetController) || HasRole(BuurtRoles.TenantAdmin);

    public bool IsInitiatorOf(Initiative initiative) => IsSignedIn && user.FindFirst(BuurtClaims.Subject)?.Value == initiative.InitiatorId.ToString();

    /// <summary>The part the caller plays in this initiative's cycle, or null when they have none.</summary>
    public LifeCycleActor? PartIn(Initiative initiative) =>
        IsInitiatorOf(initiative) ? LifeCycleActor.Initiator
        : IsDirectorOf(initiative.AreaId) ? LifeCycleActor.Director
        : IsAldermanOf(initiative.AreaId) ? LifeCycleActor.Alderman
        : null;

    /// <summary>The caller's part, or a 403 naming who may act.</summary>
    public LifeCycleActor RequirePartIn(Initiative initiative) => PartIn(initiative)
        ?? throw RuleException.Forbidden("Only the initiators and the director or alderman of the initiative's wijk take part in its cycle.");

    /// <summary>The caller is the director of the initiative's wijk, or a 403.</summary>
    public void RequireDirectorOf(Guid areaId)
    {
        if (!IsDirectorOf(areaId))
        {
            throw RuleException.Forbidden("Only the director (wijkregisseur) of the initiative's wijk may do this.");
        }
    }

    /// <summary>The caller lives in the wijk, or a 403.</summary>
    public void RequireResidentOf(Guid areaId)
    {
        if (!IsResidentOf(areaId))
        {
            throw RuleException.Forbidden("Only residents of the initiative's wijk may do this.");
        }
    }

    /// <summary>Staff may see what the public does not (timelines, the moderation queue); directors and aldermen only for their wijken.</summary>
    public bool MaySeeInternals(Initiative initiative) =>
        IsInitiatorOf(initiative) || IsDirectorOf(initiative.AreaId) || IsAldermanOf(initiative.AreaId)
        || HasRole(BuurtRoles.BudgetController) || HasRole(BuurtRoles.TenantAdmin);
}
