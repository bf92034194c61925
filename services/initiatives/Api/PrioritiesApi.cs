using System.ComponentModel.DataAnnotations;
using Buurt.AreaCopy;
using Buurt.Contracts;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>/priorities: each wijk's wijkplan priorities, public to read, kept by its director or the tenant admin.</summary>
public static class PrioritiesApi
{
    public static void MapPriorities(this IEndpointRouteBuilder api)
    {
        var priorities = api.MapGroup("/priorities").WithTags("Wijk priorities");
        priorities.MapGet("", List).WithName("ListPriorities").WithSummary("Priorities, of one wijk and/or in force on a date.");
        priorities.MapPost("", Create).WithName("CreatePriority").RequireAuthorization(BuurtPolicies.Staff);
        priorities.MapPut("/{id:guid}", Change).WithName("ChangePriority").RequireAuthorization(BuurtPolicies.Staff);
    }

    private static async Task<Ok<IReadOnlyList<PriorityResponse>>> List(Guid? areaId, DateOnly? on, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var priorities = db.Priorities.AsNoTracking();
        if (areaId is { } area)
        {
            priorities = priorities.Where(p => p.AreaId == area);
        }
        if (on is { } date)
        {
            priorities = priorities.Where(p => p.From <= date && date <= p.Until);
        }
        var items = await priorities.OrderBy(p => p.AreaId).ThenBy(p => p.Rank).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PriorityResponse>>(items.ConvertAll(PriorityResponse.Of));
    }

    private static async Task<Created<PriorityResponse>> Create(
        PriorityRequest request, HttpContext http, ITenantContext tenant, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var areaId = request.AreaId!.Value;
        await EnsureMayKeepAsync(db, new Caller(http.User), areaId, cancellationToken);
        var priority = WijkPriority.Create(tenant.RequiredTenantId, areaId, request.From!.Value, request.Until!.Value, request.Theme!.Value,
            request.Title!, request.Goal!, request.Rank ?? 1, time.GetUtcNow());
        db.Priorities.Add(priority);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/priorities/{priority.Id}", PriorityResponse.Of(priority));
    }

    private static async Task<Ok<PriorityResponse>> Change(
        Guid id, PriorityRequest request, HttpContext http, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var priority = await db.Priorities.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw RuleException.NotFound($"There is no priority {id}.");
        if (request.AreaId != priority.AreaId)
        {
            throw RuleException.Invalid("areaId", "A priority stays in its wijk.");
        }
        await EnsureMayKeepAsync(db, new Caller(http.User), priority.AreaId, cancellationToken);
        priority.Change(request.From!.Value, request.Until!.Value, request.Theme!.Value, request.Title!, request.Goal!, request.Rank ?? priority.Rank);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PriorityResponse.Of(priority));
    }

    private static async Task EnsureMayKeepAsync(InitiativesDbContext db, Caller caller, Guid areaId, CancellationToken cancellationToken)
    {
        if (!await db.Areas.IsWijkAsync(areaId, cancellationToken))
        {
            throw RuleException.Invalid("areaId", $"There is no wijk {areaId} in this municipality.");
        }
        if (!caller.IsDirectorOf(areaId) && !caller.HasRole(BuurtRoles.TenantAdmin))
        {
            throw RuleException.Forbidden("A wijk's priorities are kept by its director or the municipality's admin.");
        }
    }
}

public sealed record PriorityRequest
{
    [Required]
    public Guid? AreaId { get; init; }

    [Required]
    public DateOnly? From { get; init; }

    [Required]
    public DateOnly? Until { get; init; }

    [Required]
    public Theme? Theme { get; init; }

    [Required, StringLength(WijkPriority.TitleMaxLength, MinimumLength = 1)]
    public string? Title { get; init; }

    [Required, StringLength(WijkPriority.GoalMaxLength, MinimumLength = 1)]
    public string? Goal { get; init; }

    [Range(1, 100)]
    public int? Rank { get; init; }
}

public sealed record PriorityResponse(Guid Id, Guid AreaId, DateOnly From, DateOnly Until, Theme Theme, string Title, string Goal, int Rank)
{
    public static PriorityResponse Of(WijkPriority p) => new(p.Id, p.AreaId, p.From, p.Until, p.Theme, p.Title, p.Goal, p.Rank);
}
