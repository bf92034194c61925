using System.Security.Claims;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Api;

/// <summary>/organisations: the network's organisations and their contact points; public to read, kept by the wijkregisseurs and the admin.</summary>
public static class OrganisationsApi
{
    public static void MapOrganisations(this IEndpointRouteBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Organisations");
        organisations.MapGet("", List).WithName("ListOrganisations").WithSummary("The organisations in the network (not those that left), by name; q: part of the name, kind: one kind.");
        organisations.MapGet("/{id:guid}", Get).WithName("GetOrganisation").ProducesProblem(404);
        organisations.MapPost("", Register).WithName("RegisterOrganisation").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403);
        organisations.MapPut("/{id:guid}", Change).WithName("ChangeOrganisation").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Changes the listing: keepers all of it; the organisation's own partners its description (name and kind: 403). Recorded with who and when.");
        organisations.MapDelete("/{id:guid}", End).WithName("EndOrganisation").RequireAuthorization().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("The organisation leaves the network (kept for history); 409 while someone holds a function for it today or later.");
        organisations.MapPost("/{id:guid}/contact-points", AddContactPoint).WithName("AddOrganisationContactPoint").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Adds a contact point (keepers, and the organisation's own partners); recorded.");
        organisations.MapPut("/{id:guid}/contact-points/{pointId:guid}", ChangeContactPoint).WithName("ChangeOrganisationContactPoint").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Changes a contact point (keepers, and the organisation's own partners); recorded.");
        organisations.MapDelete("/{id:guid}/contact-points/{pointId:guid}", RemoveContactPoint).WithName("RemoveOrganisationContactPoint").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Removes a contact point (keepers, and the organisation's own partners); recorded.");
        organisations.MapGet("/{id:guid}/changes", Changes).WithName("ListOrganisationChanges").RequireAuthorization().NotStored().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Who changed what in the listing and when, newest first (keepers, and the organisation's own partners).");
        organisations.MapPost("/{id:guid}/verification", Confirm).WithName("ConfirmOrganisation").RequireAuthorization().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Confirms the listing is still right (keepers, and the organisation's own partners): its last-verified date becomes now.");
        organisations.MapPost("/{id:guid}/listing-link", SendLink).WithName("SendOrganisationListingLink").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Mails the organisation (its first e-mail point) a link to confirm and correct its listing, e.g. without a partner account (keepers); " +
                "earlier links stop working. 202 with when the link expires; 409 without an e-mail address.");
    }

    /// <summary>The kind as the API spells it (social-work): the framework's own binding knows only the enum's names (SocialWork).</summary>
    private static async Task<Results<Ok<PagedList<OrganisationSummary>>, ValidationProblem>> List(
        string? kind, string? q, [AsParameters] PageRequest page, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking().Where(o => o.EndedAt == null);
        if (kind is not null)
        {
            if (ApiNames.Parse<OrganisationKind>(kind) is not { } k)
            {
                return ApiProblems.Field("kind", $"The kind is one of {string.Join(", ", Enum.GetValues<OrganisationKind>().Select(ApiNames.Of))}.");
            }
            organisations = organisations.Where(o => o.Kind == k);
        }
        if (NameSearch.Pattern(q) is { } pattern)
        {
            organisations = organisations.Where(o => EF.Functions.ILike(o.Name, pattern));
        }
        return TypedResults.Ok(await organisations.OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Select(o => new OrganisationSummary(o.Id, o.Name, o.Kind, o.EndedAt)).ToPageAsync(page, cancellationToken));
    }

    /// <summary>The organisation with the contact points the caller may see (network points: partners of its wijken and staff).</summary>
    private static async Task<Ok<OrganisationResponse>> Get(Guid id, ClaimsPrincipal user, NetworkDirectory directory, CancellationToken cancellationToken)
    {
        var view = await directory.OrganisationAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(OrganisationResponse.Of(view.Organisation, view.Points.Select(ContactPointResponse.Of)));
    }

    private static async Task<Results<Created<OrganisationResponse>, ValidationProblem>> Register(
        OrganisationRequest request, ClaimsPrincipal user, Organisations organisations, CancellationToken cancellationToken)
    {
        var forAWijk = request.ContactPoints?.ToList().FindIndex(p => p.AreaId is not null) ?? -1;
        if (forAWijk >= 0)
        {
            return ContactPointRequest.NotForAWijk($"contactPoints[{forAWijk}].areaId");
        }
        var organisation = await organisations.RegisterAsync(request.Name!, request.Kind!.Value, request.Description,
            [.. (request.ContactPoints ?? []).Select(p => p.ToNew(Visibility.Public))], Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/organisations/{organisation.Id}", OrganisationResponse.Of(organisation, []));
    }

    private static async Task<Ok<OrganisationResponse>> Change(
        Guid id, OrganisationRequest request, ClaimsPrincipal user, Organisations organisations, CancellationToken cancellationToken)
    {
        var organisation = await organisations.ChangeAsync(id, request.Name!, request.Kind!.Value, request.Description, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(OrganisationResponse.Of(organisation, []));
    }

    private static async Task<NoContent> End(Guid id, ClaimsPrincipal user, Organisations organisations, CancellationToken cancellationToken)
    {
        await organisations.EndAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<ContactPointResponse>, ValidationProblem>> AddContactPoint(
        Guid id, ContactPointRequest request, ClaimsPrincipal user, Organisations organisations, CancellationToken cancellationToken)
    {
        if (request.AreaId is not null)
        {
            return ContactPointRequest.NotForAWijk("areaId");
        }
        var point = await organisations.AddContactPointAsync(id, request.ToNew(Visibility.Public), Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/organisations/{id}", ContactPointResponse.Of(point));
    }

    private static async Task<Results<Ok<ContactPointResponse>, ValidationProblem>> ChangeContactPoint(
        Guid id, Guid pointId, ContactPointRequest request, ClaimsPrincipal user, Organisations organisations, CancellationToken cancellationToken)
    {
        if (request.AreaId is not null)
        {
            return ContactPointRequest.NotForAWijk("areaId");
        }
        var point = await organisations.ChangeContactPointAsync(id, pointId, request.ToNew(Visibility.Public), Caller.Of(user), cancellationToken);
        return TypedResults.Ok(ContactPointResponse.Of(point));
    }

    private static async Task<NoContent> RemoveContactPoint(Guid id, Guid pointId, ClaimsPrincipal user, Organisations organisations, CancellationToken cancellationToken)
    {
        await organisations.RemoveContactPointAsync(id, pointId, Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<ListingChangeResponse>>> Changes(Guid id, ClaimsPrincipal user, Organisations organisations, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ListingChangeResponse>>([.. (await organisations.ChangesAsync(id, Caller.Of(user), cancellationToken)).Select(ListingChangeResponse.Of)]);

    private static async Task<Accepted<ListingLinkSentResponse>> SendLink(Guid id, ClaimsPrincipal user, Verifications verifications, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, new ListingLinkSentResponse(await verifications.SendOrganisationLinkAsync(id, Caller.Of(user), cancellationToken)));

    private static async Task<Ok<VerifiedResponse>> Confirm(Guid id, ClaimsPrincipal user, Verifications verifications, CancellationToken cancellationToken)
    {
        var organisation = await verifications.ConfirmOrganisationAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(new VerifiedResponse(ListingKind.Organisation, organisation.Id, organisation.LastVerifiedAt));
    }
}
