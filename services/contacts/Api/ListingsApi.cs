using System.Security.Claims;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Contacts.Api;

/// <summary>
/// Keeping the listings current: <c>/listings/unverified</c> (staff: nobody confirmed them for a year
/// and four weeks) and <c>/listing-reports</c> (residents report an outdated listing; keepers resolve).
/// </summary>
public static class ListingsApi
{
    public static void MapListings(this IEndpointRouteBuilder api)
    {
        api.MapGet("/listings/unverified", Unverified).WithTags("Listings").WithName("ListUnverifiedListings").RequireAuthorization().NotStored()
            .ProducesProblem(403)
            .WithSummary("Listings (organisations, people) not confirmed for a year and four weeks, oldest first (staff).");
        var reports = api.MapGroup("/listing-reports").WithTags("Listings");
        reports.MapPost("", File).WithName("ReportListing").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403)
            .WithSummary("Reports a listing as outdated (signed in). 201 new; 200 with the same report while the caller's earlier one is open.");
        reports.MapGet("", List).WithName("ListListingReports").RequireAuthorization().NotStored().ProducesValidationProblem().ProducesProblem(403)
            .WithSummary("The reports (keepers): open ones oldest first (status=open, the default), or resolved ones newest first.");
        reports.MapPost("/{id:guid}/resolution", Resolve).WithName("ResolveListingReport").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Resolves a report with a note (keepers); 409 when it was resolved already.");
    }

    private static async Task<Ok<PagedList<UnverifiedListingResponse>>> Unverified(
        [AsParameters] PageRequest page, ClaimsPrincipal user, Verifications verifications, CancellationToken cancellationToken)
    {
        var listings = await verifications.UnverifiedAsync(page, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(new PagedList<UnverifiedListingResponse>([.. listings.Items.Select(UnverifiedListingResponse.Of)], listings.Page, listings.PageSize, listings.Total));
    }

    private static async Task<Results<Created<ListingReportResponse>, Ok<ListingReportResponse>, ValidationProblem>> File(
        ListingReportRequest request, ClaimsPrincipal user, ListingReports reports, CancellationToken cancellationToken)
    {
        if ((request.OrganisationId is null) == (request.PersonId is null))
        {
            return ApiProblems.Field("organisationId", "Name the organisation (organisationId) or the person (personId) whose listing is outdated, one of them.");
        }
        var (report, isNew) = await reports.FileAsync(
            request.OrganisationId is null ? ListingKind.Person : ListingKind.Organisation, (request.OrganisationId ?? request.PersonId)!.Value,
            request.Note!, Caller.Of(user), cancellationToken);
        var response = ListingReportResponse.Of(report, forStaff: false);
        return isNew ? TypedResults.Created($"/api/contacts/v1/listing-reports/{report.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<PagedList<ListingReportResponse>>, ValidationProblem>> List(
        string? status, [AsParameters] PageRequest page, ClaimsPrincipal user, ListingReports reports, CancellationToken cancellationToken)
    {
        // Anything but the two states is a mistake, not a request for the open ones.
        if (status is not (null or "open" or "resolved"))
        {
            return ApiProblems.Field("status", "The status is open or resolved.");
        }
        var list = await reports.ListAsync(status != "resolved", page, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(new PagedList<ListingReportResponse>([.. list.Items.Select(r => ListingReportResponse.Of(r, forStaff: true))], list.Page, list.PageSize, list.Total));
    }

    private static async Task<Ok<ListingReportResponse>> Resolve(
        Guid id, ResolutionRequest request, ClaimsPrincipal user, ListingReports reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(ListingReportResponse.Of(await reports.ResolveAsync(id, request.Note!, Caller.Of(user), cancellationToken), forStaff: true));
}
