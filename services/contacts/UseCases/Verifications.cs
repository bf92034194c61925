using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>A listing as its verification link shows it: what it is called, its contact points, when it was last confirmed.</summary>
public sealed record ListingView(ListingKind Kind, Guid Id, string Name, string? Description, IReadOnlyList<ContactPoint> Points, DateTimeOffset LastVerifiedAt);

/// <summary>A listing staff should look at: unconfirmed for a year and the grace period.</summary>
public sealed record UnverifiedListing(ListingKind Kind, Guid Id, string Name, DateTimeOffset LastVerifiedAt, DateTimeOffset? VerificationRequestedAt);

/// <summary>
/// The yearly "is this still right?": confirming a listing (by its link, or signed in as a partner of
/// the organisation or a keeper), correcting an organisation's listing by its link (what its partners
/// may change: the description and contact points), a keeper sending such a link, and the staff's list
/// of listings nobody confirmed in time.
/// </summary>
public sealed class Verifications(ContactsDbContext db, TimeProvider time)
{
    public async Task<ListingView> ShowAsync(string token, CancellationToken cancellationToken)
    {
        var link = await db.FindLinkAsync(token, LinkPurpose.ListingVerification, time.GetUtcNow(), cancellationToken);
        return await ViewAsync(link, cancellationToken);
    }

    /// <summary>The link's holder says the listing is still right: its "last verified" is now.</summary>
    public async Task<ListingView> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = await db.FindLinkAsync(token, LinkPurpose.ListingVerification, now, cancellationToken);
        if (link.OrganisationId is { } organisationId)
        {
            (await db.FindOrganisationAsync(organisationId, cancellationToken)).ConfirmVerified(now);
        }
        else
        {
            (await db.FindPersonAsync(link.PersonId!.Value, cancellationToken)).ConfirmVerified(now);
        }
        link.MarkUsed(now);
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(link, cancellationToken);
    }

    /// <summary>The link's holder changes the organisation's description (its name and kind are the keepers').</summary>
    public Task<ListingView> ChangeDescriptionAsync(string token, string? description, CancellationToken cancellationToken) =>
        CorrectAsync(token, (organisation, editor, now) =>
        {
            organisation.Change(organisation.Name, organisation.Kind, description, editor, worksHere: true, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The link's holder adds a contact point to the organisation (public unless they say otherwise).</summary>
    public Task<ListingView> AddContactPointAsync(string token, NewContactPoint point, CancellationToken cancellationToken) =>
        CorrectAsync(token, (organisation, editor, now) =>
        {
            db.ContactPoints.Add(organisation.AddContactPoint(point, editor, worksHere: true, now));
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The link's holder changes a point's value and label; its kind and visibility stay.</summary>
    public Task<ListingView> ChangeContactPointAsync(string token, Guid pointId, string value, string? label, CancellationToken cancellationToken) =>
        CorrectAsync(token, async (organisation, editor, now) =>
        {
            var point = await db.FindOrganisationPointAsync(organisation, pointId, cancellationToken);
            organisation.ChangeContactPoint(point, new NewContactPoint(point.Kind, value, point.Visibility, label), editor, worksHere: true, now);
        }, cancellationToken);

    public Task<ListingView> RemoveContactPointAsync(string token, Guid pointId, CancellationToken cancellationToken) =>
        CorrectAsync(token, async (organisation, editor, now) =>
        {
            var point = await db.FindOrganisationPointAsync(organisation, pointId, cancellationToken);
            organisation.RemoveContactPoint(point, editor, worksHere: true, now);
            db.ContactPoints.Remove(point);
        }, cancellationToken);

    /// <summary>
    /// A keeper sends the organisation a link to confirm and correct its listing (to its first e-mail
    /// point; 409 without one). The organisation's earlier links stop working in the same commit.
    /// </summary>
    public async Task<DateTimeOffset> SendOrganisationLinkAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var organisation = await db.FindOrganisationAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        var emails = await db.EmailsOfAsync([id], cancellationToken);
        organisation.SendListingLink(emails.GetValueOrDefault(id), now);
        db.SecretLinks.RemoveRange(await db.SecretLinks
            .Where(l => l.Purpose == LinkPurpose.ListingVerification && l.OrganisationId == id).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return now + Verification.LinkLifetime;
    }

    /// <summary>A partner of the organisation or a keeper confirms its listing, signed in.</summary>
    public async Task<Organisation> ConfirmOrganisationAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var organisation = await db.FindOrganisationAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        Organisation.RequireMaintainer(viewer, await db.WorksForAsync(viewer, id, NetworkCalendar.Today(now), cancellationToken));
        organisation.ConfirmVerified(now);
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    /// <summary>The person themselves or a keeper confirms the person's listing, signed in.</summary>
    public async Task<Person> ConfirmPersonAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var person = await db.FindPersonAsync(id, cancellationToken);
        viewer.RequireKeeperOrSelf(person);
        person.ConfirmVerified(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    /// <summary>The listings unconfirmed for a year and the grace period (staff), oldest confirmation first.</summary>
    public async Task<PagedList<UnverifiedListing>> UnverifiedAsync(PageRequest page, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!viewer.IsStaff)
        {
            throw RuleException.Forbidden("The municipality's staff see the listings to check.");
        }
        var before = Verification.FlaggedBefore(time.GetUtcNow());
        // Two small lists (a municipality has hundreds of listings, not millions), merged here.
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.EndedAt == null && o.LastVerifiedAt <= before)
            .Select(o => new { o.Id, o.Name, o.LastVerifiedAt, o.VerificationRequestedAt }).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.ErasedAt == null && p.LastVerifiedAt <= before)
            .Select(p => new { p.Id, p.Name, p.LastVerifiedAt, p.VerificationRequestedAt }).ToListAsync(cancellationToken);
        var all = organisations.Select(o => new UnverifiedListing(ListingKind.Organisation, o.Id, o.Name, o.LastVerifiedAt, o.VerificationRequestedAt))
            .Concat(people.Select(p => new UnverifiedListing(ListingKind.Person, p.Id, p.Name, p.LastVerifiedAt, p.VerificationRequestedAt)))
            .OrderBy(l => l.LastVerifiedAt).ThenBy(l => l.Id).ToList();
        return new PagedList<UnverifiedListing>([.. all.Skip(page.Skip).Take(page.Size)], page.PageNumber, page.Size, all.Count);
    }

    /// <summary>
    /// A correction by an organisation's link, as one of its partners may make it, recorded as the link's
    /// (<see cref="Viewer.ByListingLink"/>). A person's link only confirms: 404 here.
    /// </summary>
    private async Task<ListingView> CorrectAsync(string token, Func<Organisation, Viewer, DateTimeOffset, Task> correct, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = await db.FindLinkAsync(token, LinkPurpose.ListingVerification, now, cancellationToken);
        if (link.OrganisationId is not { } organisationId)
        {
            throw RuleException.NotFound("This link confirms a person's listing; it changes nothing.");
        }
        var organisation = await db.FindOrganisationAsync(organisationId, cancellationToken);
        if (organisation.IsEnded)
        {
            throw RuleException.NotFound("This organisation left the network.");
        }
        await correct(organisation, Viewer.ByListingLink(link.Id), now);
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(link, cancellationToken);
    }

    private async Task<ListingView> ViewAsync(SecretLink link, CancellationToken cancellationToken)
    {
        if (link.OrganisationId is { } organisationId)
        {
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId && o.EndedAt == null, cancellationToken)
                ?? throw RuleException.NotFound("This organisation left the network.");
            var points = await db.ContactPoints.AsNoTracking().Where(p => p.OrganisationId == organisationId).ToListAsync(cancellationToken);
            return new(ListingKind.Organisation, organisation.Id, organisation.Name, organisation.Description, [.. ContactPoint.InOrder(points)], organisation.LastVerifiedAt);
        }
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == link.PersonId && p.ErasedAt == null, cancellationToken)
            ?? throw RuleException.NotFound("This link is unknown or no longer valid.");
        var own = await db.ContactPoints.AsNoTracking().Where(p => p.PersonId == person.Id).ToListAsync(cancellationToken);
        return new(ListingKind.Person, person.Id, person.Name, null, [.. ContactPoint.InOrder(own)], person.LastVerifiedAt);
    }
}
