using System.Security.Claims;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Api;

/// <summary>/assignments: who holds which function where and when; public to read, kept by the wijk's director and the admin.</summary>
public static class AssignmentsApi
{
    public static void MapAssignments(this IEndpointRouteBuilder api)
    {
        var assignments = api.MapGroup("/assignments").WithTags("Assignments");
        assignments.MapGet("", List).WithName("ListAssignments")
            .WithSummary("Assignments, of a wijk, a function, a person or an organisation, and/or held on a day (on=2026-03-01).");
        assignments.MapGet("/{id:guid}", Get).WithName("GetAssignment").ProducesProblem(404);
        assignments.MapPost("", Register).WithName("RegisterAssignment").RequireAuthorization().ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("A person takes a function in wijken. One holder per function, wijk and day: an overlap is a 409 naming 'from', unless handOver.");
        assignments.MapPut("/{id:guid}", ChangeAreas).WithName("ChangeAssignment").RequireAuthorization().ProducesValidationProblem().ProducesProblem(409);
        assignments.MapPost("/{id:guid}/end", End).WithName("EndAssignment").RequireAuthorization().ProducesValidationProblem().ProducesProblem(409);
    }

    private static async Task<Ok<PagedList<AssignmentResponse>>> List(
        Guid? areaId, string? function, Guid? personId, Guid? organisationId, DateOnly? on, [AsParameters] PageRequest page,
        ContactsDbContext db, CancellationToken cancellationToken)
    {
        var assignments = db.Assignments.AsNoTracking().Include(a => a.Areas).AsQueryable();
        if (areaId is { } wijk)
        {
            assignments = assignments.Where(a => a.Areas.Any(w => w.AreaId == wijk));
        }
        if (function is not null)
        {
            assignments = assignments.Where(a => a.FunctionKey == function);
        }
        if (personId is { } person)
        {
            assignments = assignments.Where(a => a.PersonId == person);
        }
        if (organisationId is { } organisation)
        {
            assignments = assignments.Where(a => a.OrganisationId == organisation);
        }
        if (on is { } day)
        {
            assignments = assignments.Where(a => a.From <= day && (a.Until == null || day <= a.Until));
        }
        var rows = await assignments.OrderBy(a => a.FunctionKey).ThenBy(a => a.From).ThenBy(a => a.Id)
            .Select(a => new { Assignment = a, Name = db.People.Where(p => p.Id == a.PersonId).Select(p => p.Name).FirstOrDefault() })
            .ToPageAsync(page, cancellationToken);
        return TypedResults.Ok(new PagedList<AssignmentResponse>([.. rows.Items.Select(r => AssignmentResponse.Of(r.Assignment, r.Name))], rows.Page, rows.PageSize, rows.Total));
    }

    private static async Task<Ok<AssignmentResponse>> Get(Guid id, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var assignment = await db.FindAssignmentAsync(id, cancellationToken);
        return TypedResults.Ok(AssignmentResponse.Of(assignment, await NameOfAsync(db, assignment, cancellationToken)));
    }

    private static async Task<Created<AssignmentResponse>> Register(
        AssignmentRequest request, ClaimsPrincipal user, Assignments assignments, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var assignment = await assignments.RegisterAsync(new NewAssignment(
            request.PersonId!.Value, request.OrganisationId!.Value, request.Function!, request.AreaIds!, request.From!.Value, request.Until, request.HandOver ?? false),
            Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/assignments/{assignment.Id}", AssignmentResponse.Of(assignment, await NameOfAsync(db, assignment, cancellationToken)));
    }

    private static async Task<Ok<AssignmentResponse>> ChangeAreas(
        Guid id, ChangeAssignmentRequest request, ClaimsPrincipal user, Assignments assignments, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var assignment = await assignments.ChangeAreasAsync(id, request.AreaIds!, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(AssignmentResponse.Of(assignment, await NameOfAsync(db, assignment, cancellationToken)));
    }

    private static async Task<Ok<AssignmentResponse>> End(
        Guid id, EndAssignmentRequest request, ClaimsPrincipal user, Assignments assignments, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var assignment = await assignments.EndAsync(id, request.Until!.Value, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(AssignmentResponse.Of(assignment, await NameOfAsync(db, assignment, cancellationToken)));
    }

    private static Task<string?> NameOfAsync(ContactsDbContext db, Assignment assignment, CancellationToken cancellationToken) =>
        db.People.Where(p => p.Id == assignment.PersonId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
}
