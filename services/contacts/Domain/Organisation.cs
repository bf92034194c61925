using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>What kind of organisation takes part in the wijk network.</summary>
public enum OrganisationKind
{
    Municipality,
    Police,
    SocialWork,
    HousingCorporation,
    ResidentGroup,
    School,
    VenueOperator,
    Care,
    Church,
    Business,
    Media,
    Other,
}

/// <summary>
/// An organisation of the wijk network (the municipality itself, the police, Versa Welzijn, a
/// housing corporation, a resident group, ...), with its own contact points. Kept apart from the
/// people who work there: people come and go through assignments, the organisation stays.
/// </summary>
public sealed class Organisation : Aggregate
{
    public const int DescriptionMaxLength = 1000;

    private Organisation()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public OrganisationKind Kind { get; private set; }

    public string? Description { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When it left the network; it is kept so that history still names it.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public uint Version { get; private set; }

    public bool IsEnded => EndedAt is not null;

    public static Organisation Register(string tenantId, string name, OrganisationKind kind, string? description, DateTimeOffset now)
    {
        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Name = Text.Required(name, Text.NameMaxLength, "name"),
            Kind = kind,
            Description = Text.Optional(description, DescriptionMaxLength, "description"),
            RegisteredAt = now,
        };
        organisation.Raise(new OrganisationRegistered(tenantId, Guid.CreateVersion7(now), now, organisation.Id, organisation.Name, KindName(kind)));
        return organisation;
    }

    public void Change(string name, OrganisationKind kind, string? description, DateTimeOffset now)
    {
        RequireActive();
        Name = Text.Required(name, Text.NameMaxLength, "name");
        Kind = kind;
        Description = Text.Optional(description, DescriptionMaxLength, "description");
        Raise(new OrganisationChanged(TenantId, Guid.CreateVersion7(now), now, Id, Name, KindName(kind)));
    }

    /// <summary>Leaves the network; no one may hold a function for it today or later (<paramref name="assignmentsGoingOn"/>).</summary>
    public void End(int assignmentsGoingOn, DateTimeOffset now)
    {
        RequireActive();
        if (assignmentsGoingOn > 0)
        {
            throw RuleException.Conflict($"{assignmentsGoingOn} assignment(s) for this organisation run today or later; end them first.");
        }
        EndedAt = now;
        Raise(new OrganisationEnded(TenantId, Guid.CreateVersion7(now), now, Id));
    }

    /// <summary>A contact point of the organisation (a team mailbox, the main number, the website, the visiting address).</summary>
    public ContactPoint AddContactPoint(ContactPointKind kind, string value, Visibility visibility, string? label, DateTimeOffset now)
    {
        RequireActive();
        return ContactPoint.OfOrganisation(TenantId, Id, kind, value, visibility, label, now);
    }

    public void RequireActive()
    {
        if (IsEnded)
        {
            throw RuleException.Conflict($"{Name} left the network on {EndedAt:O}.");
        }
    }

    /// <summary>The kind as the API and the events spell it (social-work).</summary>
    public static string KindName(OrganisationKind kind) => ApiNames.Of(kind);
}
