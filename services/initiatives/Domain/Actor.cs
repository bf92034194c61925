using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>
/// Who acts, as their token says: the user (none for an anonymous caller or a machine client),
/// their roles and the wijken they live in or work for. The API reads it from the token; who may
/// do what is decided here, so it is tested without HTTP.
/// </summary>
public sealed class Actor(Guid? userId, IEnumerable<string> roles, IEnumerable<Guid> wijken) : TokenActor(userId, roles, wijken)
{
    /// <summary>Someone without a token.</summary>
    public static Actor Anonymous { get; } = new(null, [], []);

    public bool IsResidentOf(Guid areaId) => HasRole(BuurtRoles.Resident) && Wijken.Contains(areaId);

    public bool IsDirectorOf(Guid areaId) => HasRole(BuurtRoles.Director) && Wijken.Contains(areaId);

    public bool IsAldermanOf(Guid areaId) => HasRole(BuurtRoles.Alderman) && Wijken.Contains(areaId);

    public bool IsStaff =>
        HasRole(BuurtRoles.Director) || HasRole(BuurtRoles.Alderman) || HasRole(BuurtRoles.BudgetController) || HasRole(BuurtRoles.TenantAdmin);

    public bool IsInitiatorOf(Initiative initiative) => UserId is { } id && id == initiative.InitiatorId;

    /// <summary>For staff lists: a director sees their own wijken only (null: no such limit, e.g. a tenant admin).</summary>
    public IReadOnlyList<Guid>? OwnWijkenOnly => HasRole(BuurtRoles.Director) && !HasRole(BuurtRoles.TenantAdmin) ? Wijken : null;

    /// <summary>For the moderation queue: the wijken whose comments the actor may hide (<see cref="RequireModeratorOf"/>); null for the admin (all).</summary>
    public IReadOnlyList<Guid>? ModeratedWijkenOnly =>
        HasRole(BuurtRoles.TenantAdmin) ? null : HasRole(BuurtRoles.Director) || HasRole(BuurtRoles.Alderman) ? Wijken : [];

    /// <summary>The part the actor plays in this initiative's cycle, or null when they have none.</summary>
    public LifeCycleActor? PartIn(Initiative initiative) =>
        IsInitiatorOf(initiative) ? LifeCycleActor.Initiator
        : IsDirectorOf(initiative.AreaId) ? LifeCycleActor.Director
        : IsAldermanOf(initiative.AreaId) ? LifeCycleActor.Alderman
        : null;

    /// <summary>The actor's part, or a 403 naming who may act.</summary>
    public LifeCycleActor RequirePartIn(Initiative initiative) => PartIn(initiative)
        ?? throw RuleException.Forbidden("Only the initiators and the director or alderman of the initiative's wijk take part in its cycle.");

    /// <summary>The actor is the director of the wijk, or a 403.</summary>
    public void RequireDirectorOf(Guid areaId)
    {
        if (!IsDirectorOf(areaId))
        {
            throw RuleException.Forbidden("Only the director (wijkregisseur) of the initiative's wijk may do this.");
        }
    }

    /// <summary>Comments are moderated by the director or alderman of the initiative's wijk, or the municipality's admin; anyone else gets a 403.</summary>
    public void RequireModeratorOf(Guid areaId)
    {
        if (!IsDirectorOf(areaId) && !IsAldermanOf(areaId) && !HasRole(BuurtRoles.TenantAdmin))
        {
            throw RuleException.Forbidden("Comments are hidden by the director or alderman of the initiative's wijk, or the municipality's admin.");
        }
    }

    /// <summary>The actor lives in the wijk, or a 403.</summary>
    public void RequireResidentOf(Guid areaId)
    {
        if (!IsResidentOf(areaId))
        {
            throw RuleException.Forbidden("Only residents of the initiative's wijk may do this.");
        }
    }

    /// <summary>A wijk's priorities are kept by its director or the municipality's admin; anyone else gets a 403.</summary>
    public void RequireKeeperOfPriorities(Guid areaId)
    {
        if (!IsDirectorOf(areaId) && !HasRole(BuurtRoles.TenantAdmin))
        {
            throw RuleException.Forbidden("A wijk's priorities are kept by its director or the municipality's admin.");
        }
    }

    /// <summary>Progress updates come from the initiators or staff: the role they write in, or a 403.</summary>
    public AuthorRole RequireUpdateAuthorOf(Initiative initiative) =>
        IsInitiatorOf(initiative) ? AuthorRole.Initiator
        : IsStaff ? AuthorRole.Staff
        : throw RuleException.Forbidden("Progress updates are posted by the initiators and staff.");

    /// <summary>Staff may see what the public does not (timelines, the moderation queue); directors and aldermen only for their wijken.</summary>
    public bool MaySeeInternals(Initiative initiative) =>
        IsInitiatorOf(initiative) || IsDirectorOf(initiative.AreaId) || IsAldermanOf(initiative.AreaId)
        || HasRole(BuurtRoles.BudgetController) || HasRole(BuurtRoles.TenantAdmin);
}
