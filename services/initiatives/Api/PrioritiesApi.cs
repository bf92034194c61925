using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Buurt.Contracts;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Auth;
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
        PriorityRequest request, ClaimsPrincipal user, Priorities priorities, CancellationToken cancellationToken)
    {
        var priority = await priorities.CreateAsync(Caller.Of(user), request.AreaId!.Value, request.Details(), cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/priorities/{priority.Id}", PriorityResponse.Of(priority));
    }

    private static async Task<Ok<PriorityResponse>> Change(
        Guid id, PriorityRequest request, ClaimsPrincipal user, Priorities priorities, CancellationToken cancellationToken) =>
        TypedResults.Ok(PriorityResponse.Of(await priorities.ChangeAsync(id, Caller.Of(user), request.AreaId!.Value, request.Details(), cancellationToken)));
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

    public PriorityDetails Details() => new(From!.Value, Until!.Value, Theme!.Value, Title!, Goal!, Rank);
}

public sealed record PriorityResponse(Guid Id, Guid AreaId, DateOnly From, DateOnly Until, Theme Theme, string Title, string Goal, int Rank)
{
    public static PriorityResponse Of(WijkPriority p) => new(p.Id, p.AreaId, p.From, p.Until, p.Theme, p.Title, p.Goal, p.Rank);
}
