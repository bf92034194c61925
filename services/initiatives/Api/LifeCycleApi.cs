using System.Security.Claims;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>The moves of the buurtcyclus, the timeline the initiators see, and the directors' overdue list.</summary>
public static class LifeCycleApi
{
    public static RouteGroupBuilder MapLifeCycle(this RouteGroupBuilder initiatives)
    {
        initiatives.MapPost("/{id:guid}/status-changes", Move).WithName("MoveInitiative").RequireAuthorization()
            .WithSummary("Move the initiative: by its initiators (withdraw) or the director of its wijk; 409 names the current status and the allowed moves.");
        initiatives.MapGet("/{id:guid}/timeline", Timeline).WithName("InitiativeTimeline").RequireAuthorization()
            .WithSummary("Every step: who, when, note. For the initiators and staff.");
        initiatives.MapGet("/overdue", Overdue).WithName("OverdueInitiatives").RequireAuthorization(BuurtPolicies.Staff)
            .WithSummary("Initiatives whose promised answer date has passed: a director sees those of their wijken, oldest promise first.");
        initiatives.MapGet("/answers-due", AnswersDue).WithName("AnswersDue").RequireAuthorization(BuurtPolicies.Staff)
            .WithSummary("Initiatives whose answer is due by a date (until; default the coming Sunday), overdue ones included, most urgent first; "
                + "a director sees those of their wijken, areaId narrows to one wijk.");
        return initiatives;
    }

    private static async Task<Ok<InitiativeResponse>> Move(
        Guid id, StatusChangeRequest request, ClaimsPrincipal user, InitiativeCycle cycle, CancellationToken cancellationToken)
    {
        var to = InitiativeLifeCycle.ParseApiName(request.Status, "status");
        var moved = await cycle.MoveAsync(id, Caller.Of(user), to, request.Note, request.Reason, request.FinalCost, cancellationToken);
        return TypedResults.Ok(InitiativeResponse.From(moved));
    }

    private static async Task<Ok<IReadOnlyList<TimelineEntryResponse>>> Timeline(
        Guid id, ClaimsPrincipal user, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadInitiativeAsync(id, cancellationToken);
        if (!Caller.Of(user).MaySeeInternals(initiative))
        {
            throw RuleException.Forbidden("The timeline is for the initiators and the staff of the wijk.");
        }
        var entries = await db.Timeline.AsNoTracking().Where(e => e.InitiativeId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TimelineEntryResponse>>(entries.ConvertAll(TimelineEntryResponse.Of));
    }

    private static Task<Ok<PagedList<InitiativeSummary>>> Overdue(
        [AsParameters] PageRequest page, ClaimsPrincipal user, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        DueBeforeAsync(WorkingDays.LocalDate(time.GetUtcNow()), null, page, user, db, cancellationToken);

    /// <summary>What a director must answer this week (the staff workspace's "today"), the late ones first.</summary>
    private static Task<Ok<PagedList<InitiativeSummary>>> AnswersDue(
        Guid? areaId, DateOnly? until, [AsParameters] PageRequest page, ClaimsPrincipal user, InitiativesDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var today = WorkingDays.LocalDate(time.GetUtcNow());
        var by = until ?? today.AddDays((7 - (int)today.DayOfWeek) % 7);
        return DueBeforeAsync(by.AddDays(1), areaId, page, user, db, cancellationToken);
    }

    /// <summary>Initiatives awaiting an answer promised before a day, oldest promise first; a director's own wijken only.</summary>
    private static async Task<Ok<PagedList<InitiativeSummary>>> DueBeforeAsync(
        DateOnly before, Guid? areaId, PageRequest page, ClaimsPrincipal user, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var due = db.Initiatives.AsNoTracking().Where(i => i.AnswerDueBy < before);
        if (Caller.Of(user).OwnWijkenOnly is { } wijken)
        {
            due = due.Where(i => wijken.Contains(i.AreaId));
        }
        if (areaId is { } area)
        {
            due = due.Where(i => i.AreaId == area);
        }
        return TypedResults.Ok(await due.OrderBy(i => i.AnswerDueBy).ThenBy(i => i.Id).Select(InitiativeSummary.Of).ToPageAsync(page, cancellationToken));
    }
}
