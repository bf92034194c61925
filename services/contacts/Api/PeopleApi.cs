using System.Security.Claims;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Api;

/// <summary>
/// /people: the people of the network, their own contact points and consents. What a caller sees
/// of a person follows their consents as they stand at that moment; no answer here is cached.
/// </summary>
public static class PeopleApi
{
    public static void MapPeople(this IEndpointRouteBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("", List).WithName("ListPeople").NotStored()
            .RequireAuthorization(p => p.RequireRole(BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.TenantAdmin, BuurtRoles.Partner))
            .WithSummary("The people in the network by name (staff and partners); their contact points are on each person.");
        people.MapGet("/me", Me).WithName("GetMyPerson").RequireAuthorization().NotStored().ProducesProblem(404)
            .WithSummary("The caller's own person record (whose userId is their account), as GET /people/{id} shows it to them; 404 when the network has none.");
        people.MapGet("/{id:guid}", Get).WithName("GetPerson").NotStored().ProducesProblem(404)
            .WithSummary("A person with what the caller may see: contact points by their circle and the person's consents, today's functions.");
        people.MapPost("", Register).WithName("RegisterPerson").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403);
        people.MapPost("/{id:guid}/contact-points", AddContactPoint).WithName("AddPersonContactPoint").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(404);
        people.MapGet("/{id:guid}/consents", Consents).WithName("ListConsents").RequireAuthorization().NotStored().ProducesProblem(404)
            .WithSummary("The person's consent history (given and withdrawn), for keepers and the person themselves.");
        people.MapPost("/{id:guid}/consents", GiveConsent).WithName("GiveConsent").RequireAuthorization().ProducesValidationProblem().ProducesProblem(404);
        people.MapGet("/{id:guid}/export", Export).WithName("ExportPerson").RequireAuthorization().NotStored().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Everything held about the person, as JSON, for a GDPR request (tenant admin).");
        people.MapDelete("/{id:guid}", Erase).WithName("ErasePerson").RequireAuthorization().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Erases the person on a GDPR request (tenant admin): contact points and consent records deleted, the name gone; 409 while they hold a function today or later.");
        people.MapPost("/{id:guid}/verification", Confirm).WithName("ConfirmPerson").RequireAuthorization().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Confirms the person's listing is still right (the person themselves, keepers): its last-verified date becomes now.");
        people.MapPost("/{id:guid}/consents/{consentId:guid}/withdrawals", Withdraw).WithName("WithdrawConsent").RequireAuthorization()
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Withdraws a consent: from this answer on, nothing it covered is shown beyond staff.");
        people.MapPost("/{id:guid}/consents/{consentId:guid}/withdrawal-link", ReissueLink).WithName("ReissueWithdrawalLink").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Mails the consent's withdrawal link again, as a new link (keepers, the person): the earlier link stops working. 409 when withdrawn or without an e-mail address.");
    }

    private static async Task<Ok<PagedList<PersonSummary>>> List(string? q, [AsParameters] PageRequest page, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking().Where(p => p.ErasedAt == null);
        if (NameSearch.Pattern(q) is { } pattern)
        {
            people = people.Where(p => EF.Functions.ILike(p.Name, pattern));
        }
        return TypedResults.Ok(await people.OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => new PersonSummary(p.Id, p.Name)).ToPageAsync(page, cancellationToken));
    }

    private static async Task<Ok<PersonResponse>> Get(Guid id, ClaimsPrincipal user, NetworkDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(PersonResponse.Of(await directory.PersonAsync(id, Caller.Of(user), cancellationToken)));

    private static async Task<Ok<PersonResponse>> Me(ClaimsPrincipal user, NetworkDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(PersonResponse.Of(await directory.MeAsync(Caller.Of(user), cancellationToken)));

    private static async Task<Created<CreatedResponse>> Register(PersonRequest request, ClaimsPrincipal user, People people, CancellationToken cancellationToken)
    {
        var person = await people.RegisterAsync(request.Name!, request.UserId, Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/people/{person.Id}", new CreatedResponse(person.Id));
    }

    private static async Task<Results<Created<ContactPointResponse>, ValidationProblem>> AddContactPoint(
        Guid id, ContactPointRequest request, ClaimsPrincipal user, People people, CancellationToken cancellationToken)
    {
        if (request.AreaId is not null)
        {
            return ContactPointRequest.NotForAWijk("areaId");
        }
        var point = await people.AddContactPointAsync(id, request.ToNew(Visibility.Staff), Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/people/{id}", ContactPointResponse.Of(point));
    }

    private static async Task<Ok<IReadOnlyList<ConsentResponse>>> Consents(Guid id, ClaimsPrincipal user, People people, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ConsentResponse>>([.. (await people.ConsentsAsync(id, Caller.Of(user), cancellationToken)).Select(ConsentResponse.Of)]);

    private static async Task<Created<ConsentResponse>> GiveConsent(
        Guid id, ConsentRequest request, ClaimsPrincipal user, People people, CancellationToken cancellationToken)
    {
        var consent = await people.GiveConsentAsync(
            id, request.ContactPointIds!, request.Visibility!.Value, request.Basis!.Value, request.TextVersion!, Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/people/{id}/consents", ConsentResponse.Of(consent));
    }

    private static async Task<Created<ConsentResponse>> Withdraw(
        Guid id, Guid consentId, WithdrawalRequest? request, ClaimsPrincipal user, People people, CancellationToken cancellationToken)
    {
        var withdrawal = await people.WithdrawConsentAsync(id, consentId, request?.Basis ?? ConsentBasis.InPerson, Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/people/{id}/consents", ConsentResponse.Of(withdrawal));
    }

    private static async Task<NoContent> ReissueLink(Guid id, Guid consentId, ClaimsPrincipal user, People people, CancellationToken cancellationToken)
    {
        await people.ReissueWithdrawalLinkAsync(id, consentId, Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<VerifiedResponse>> Confirm(Guid id, ClaimsPrincipal user, Verifications verifications, CancellationToken cancellationToken)
    {
        var person = await verifications.ConfirmPersonAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(new VerifiedResponse(ListingKind.Person, person.Id, person.LastVerifiedAt));
    }

    private static async Task<Ok<PersonExportResponse>> Export(Guid id, ClaimsPrincipal user, People people, HttpResponse response, CancellationToken cancellationToken)
    {
        var export = await people.ExportAsync(id, Caller.Of(user), cancellationToken);
        response.Headers.ContentDisposition = $"attachment; filename=\"persoon-{id}.json\"";
        return TypedResults.Ok(PersonExportResponse.Of(export));
    }

    private static async Task<NoContent> Erase(Guid id, ClaimsPrincipal user, People people, CancellationToken cancellationToken)
    {
        await people.EraseAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
