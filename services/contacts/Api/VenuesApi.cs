using System.Security.Claims;
using Buurt.Contacts.Data;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Api;

/// <summary>/venues: community centres and other places for activities and office hours; public (shared by the gateway for half a minute).</summary>
public static class VenuesApi
{
    public static void MapVenues(this IEndpointRouteBuilder api)
    {
        var venues = api.MapGroup("/venues").WithTags("Venues");
        venues.MapGet("", List).WithName("ListVenues").WithSummary("The venues in use, of one wijk or all, by name.").CachePublicly(WhoApi.SharedFor);
        venues.MapGet("/{id:guid}", Get).WithName("GetVenue").ProducesProblem(404).CachePublicly(WhoApi.SharedFor);
        venues.MapPost("", Register).WithName("RegisterVenue").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403);
        venues.MapPut("/{id:guid}", Change).WithName("ChangeVenue").RequireAuthorization().ProducesValidationProblem().ProducesProblem(404);
        venues.MapDelete("/{id:guid}", End).WithName("EndVenue").RequireAuthorization().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("The venue is no longer available (kept for history, no longer listed).");
    }

    private static async Task<Ok<PagedList<VenueResponse>>> List(Guid? areaId, [AsParameters] PageRequest page, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var venues = db.Venues.AsNoTracking().Where(v => v.EndedAt == null);
        if (areaId is { } wijk)
        {
            venues = venues.Where(v => v.AreaId == wijk);
        }
        return TypedResults.Ok(await venues.OrderBy(v => v.Name).ThenBy(v => v.Id).ToPageAsync(page, VenueResponse.Of, cancellationToken));
    }

    private static async Task<Ok<VenueResponse>> Get(Guid id, ContactsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(VenueResponse.Of(await db.FindVenueAsync(id, cancellationToken)));

    private static async Task<Created<VenueResponse>> Register(VenueRequest request, ClaimsPrincipal user, Venues venues, CancellationToken cancellationToken)
    {
        var venue = await venues.RegisterAsync(request.ToDetails(), Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/venues/{venue.Id}", VenueResponse.Of(venue));
    }

    private static async Task<Ok<VenueResponse>> Change(Guid id, VenueRequest request, ClaimsPrincipal user, Venues venues, CancellationToken cancellationToken) =>
        TypedResults.Ok(VenueResponse.Of(await venues.ChangeAsync(id, request.ToDetails(), Caller.Of(user), cancellationToken)));

    private static async Task<NoContent> End(Guid id, ClaimsPrincipal user, Venues venues, CancellationToken cancellationToken)
    {
        await venues.EndAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
