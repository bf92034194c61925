using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
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
        return initiatives;
    }

    private static async Task<Ok<InitiativeResponse>> Move(
        Guid id, StatusChangeRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var to = InitiativeLifeCycle.ParseApiName(request.Status, "status");
        var initiative = await db.FindAsync(id, cancellationToken);
        var caller = new Caller(http.User);
        var part = caller.RequirePartIn(initiative);
        var settings = await db.SettingsAsync(cancellationToken);
        var deal = await db.CurrentDealAsync(initiative, tracked: true, cancellationToken);
        var evaluation = to == InitiativeStatus.Evaluated ? await db.Evaluations.FirstOrDefaultAsync(e => e.InitiativeId == id, cancellationToken) : null;
        var changes = initiative.Move(to, part, caller.Id, request.Note, request.Reason, request.FinalCost,
            deal is { State: DealState.Accepted } ? deal : null,
            evaluation is not null && deal is not null && evaluation.IsCompleteFor(deal),
            settings, time.GetUtcNow());
        db.Store(changes);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(InitiativeResponse.From(initiative, deal, initiative.AllowedMoves(part, settings)));
    }

    private static async Task<Ok<IReadOnlyList<TimelineEntryResponse>>> Timeline(
        Guid id, HttpContext http, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadAsync(id, cancellationToken);
        if (!new Caller(http.User).MaySeeInternals(initiative))
        {
            throw RuleException.Forbidden("The timeline is for the initiators and the staff of the wijk.");
        }
        var entries = await db.Timeline.AsNoTracking().Where(e => e.InitiativeId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TimelineEntryResponse>>(entries.ConvertAll(TimelineEntryResponse.Of));
    }

    private static async Task<Ok<PagedList<InitiativeSummary>>> Overdue(
        [AsParameters] PageRequest page, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = WorkingDays.LocalDate(time.GetUtcNow());
        var overdue = db.Initiatives.AsNoTracking().Where(i => i.AnswerDueBy < today);
        if (new Caller(http.User).OwnWijkenOnly is { } wijken)
        {
            overdue = overdue.Where(i => wijken.Contains(i.AreaId));
        }
        return TypedResults.Ok(await overdue.OrderBy(i => i.AnswerDueBy).ThenBy(i => i.Id).Select(InitiativeSummary.Of).ToPageAsync(page, cancellationToken));
    }
}
