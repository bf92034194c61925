using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Auth;
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

    /// <summary>When the listing was last confirmed (registered, or "still right" from its contact, a partner or a keeper).</summary>
    public DateTimeOffset LastVerifiedAt { get; private set; }

    /// <summary>When its contact was last asked "is this still right?".</summary>
    public DateTimeOffset? VerificationRequestedAt { get; private set; }

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
            LastVerifiedAt = now,
        };
        organisation.Raise(new OrganisationRegistered(tenantId, Guid.CreateVersion7(now), now, organisation.Id, organisation.Name, KindName(kind)));
        return organisation;
    }

    /// <summary>
    /// Changes the listing, each changed field recorded with who and when. Partners of the organisation
    /// (<paramref name="worksHere"/>) change its description; its name and kind are the keepers' (403).
    /// </summary>
    public void Change(string name, OrganisationKind kind, string? description, Viewer editor, bool worksHere, DateTimeOffset now)
    {
        RequireMaintainer(editor, worksHere);
        RequireActive();
        name = Text.Required(name, Text.NameMaxLength, "name");
        description = Text.Optional(description, DescriptionMaxLength, "description");
        if (!editor.IsKeeper && (name != Name || kind != Kind))
        {
            throw RuleException.Forbidden($"A partner changes the description and contact points of their organisation; its {(name != Name ? "name" : "kind")} is changed by the wijkregisseur or the admin.");
        }
        Recorded("name", Name, name, editor, now);
        Recorded("kind", KindName(Kind), KindName(kind), editor, now);
        Recorded("description", Description, description, editor, now);
        var renamed = name != Name || kind != Kind;
        (Name, Kind, Description) = (name, kind, description);
        if (renamed)
        {
            Raise(new OrganisationChanged(TenantId, Guid.CreateVersion7(now), now, Id, Name, KindName(kind)));
        }
    }

    private void Recorded(string field, string? before, string? after, Viewer editor, DateTimeOffset now)
    {
        if (before != after)
        {
            Record(ListingChange.Of(this, field, before, after, editor, now));
        }
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

    /// <summary>A contact point added by a maintainer of the listing (a partner of the organisation, a keeper), recorded.</summary>
    public ContactPoint AddContactPoint(NewContactPoint point, Viewer editor, bool worksHere, DateTimeOffset now)
    {
        RequireMaintainer(editor, worksHere);
        var added = AddContactPoint(point.Kind, point.Value, point.Visibility, point.Label, now);
        Recorded("contactPoints", null, ListingChange.Describe(added), editor, now);
        return added;
    }

    /// <summary>Changes one of its contact points, recorded.</summary>
    public void ChangeContactPoint(ContactPoint point, NewContactPoint changed, Viewer editor, bool worksHere, DateTimeOffset now)
    {
        RequireMaintainer(editor, worksHere);
        RequireActive();
        RequireOwn(point);
        var before = ListingChange.Describe(point);
        point.Change(changed.Kind, changed.Value, changed.Visibility, changed.Label);
        Recorded("contactPoints", before, ListingChange.Describe(point), editor, now);
    }

    /// <summary>Removes one of its contact points (the caller deletes the row), recorded.</summary>
    public void RemoveContactPoint(ContactPoint point, Viewer editor, bool worksHere, DateTimeOffset now)
    {
        RequireMaintainer(editor, worksHere);
        RequireActive();
        RequireOwn(point);
        Recorded("contactPoints", ListingChange.Describe(point), null, editor, now);
    }

    private void RequireOwn(ContactPoint point)
    {
        if (point.OrganisationId != Id)
        {
            throw RuleException.NotFound($"{Name} has no contact point {point.Id}.");
        }
    }

    /// <summary>The listing is still right, as of now.</summary>
    public void ConfirmVerified(DateTimeOffset now)
    {
        RequireActive();
        LastVerifiedAt = now;
    }

    /// <summary>Asks the organisation (at <paramref name="email"/>, its own address) whether its listing is still right; records the link and the event.</summary>
    public void RequestVerification(string? email, DateTimeOffset now)
    {
        VerificationRequestedAt = now;
        if (Verification.Request(TenantId, ListingKind.Organisation, Id, Name, email, LastVerifiedAt, now) is { } request)
        {
            Record(request.Link);
            Raise(request.Due);
        }
    }

    /// <summary>
    /// A keeper sends the organisation (at <paramref name="email"/>, its own address) a link to confirm and
    /// correct its listing, e.g. for an organisation without a partner account; a 409 without an address.
    /// </summary>
    public void SendListingLink(string? email, DateTimeOffset now)
    {
        RequireActive();
        if (email is null)
        {
            throw RuleException.Conflict($"{Name} has no e-mail address to send the link to; add one first.");
        }
        RequestVerification(email, now);
    }

    /// <summary>
    /// Who may change this listing: the keepers (directors, the admin), and partners who hold a
    /// function for the organisation today (<paramref name="worksHere"/>), for what a partner may change.
    /// </summary>
    public static void RequireMaintainer(Viewer viewer, bool worksHere)
    {
        if (!viewer.IsKeeper && !(worksHere && viewer.HasRole(BuurtRoles.Partner)))
        {
            throw RuleException.Forbidden("An organisation's listing is kept by its own partners, the wijkregisseurs and the municipality's admin.");
        }
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
