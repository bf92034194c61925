using System.Security.Claims;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Api;

/// <summary>/organisations: the network's organisations and their contact points; public to read, kept by the wijkregisseurs and the admin.</summary>
public static class OrganisationsApi
{
    public static void MapOrganisations(this IEndpointRouteBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Organisations");
        organisations.MapGet("", List).WithName("ListOrganisations").WithSummary("The organisations in the network (not those that left), by name.");
        organisations.MapGet("/{id:guid}", Get).WithName("GetOrganisation").ProducesProblem(404);
        organisations.MapPost("", Register).WithName("RegisterOrganisation").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403);
        organisations.MapPut("/{id:guid}", Change).WithName("ChangeOrganisation").RequireAuthorization().ProducesValidationProblem().ProducesProblem(404);
        organisations.MapDelete("/{id:guid}", End).WithName("EndOrganisation").RequireAuthorization().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("The organisation leaves the network (kept for history); 409 while someone holds a function for it today or later.");
        organisations.MapPost("/{id:guid}/contact-points", AddContactPoint).WithName("AddOrganisationContactPoint").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(404);
    }

    private static async Task<Ok<PagedList<OrganisationSummary>>> List(
        OrganisationKind? kind, [AsParameters] PageRequest page, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking().Where(o => o.EndedAt == null);
        if (kind is { } k)
        {
            organisations = organisations.Where(o => o.Kind == k);
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
}
