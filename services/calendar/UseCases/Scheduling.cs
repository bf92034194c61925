using Buurt.AreaCopy;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Buurt.Calendar.UseCases;

/// <summary>Planning the agenda: scheduling, changing and cancelling activities, and single occurrences.</summary>
public sealed class Scheduling(CalendarDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>
    /// Staff or a partner of the wijk puts an activity in its agenda (a milestone for an open
    /// initiative of that wijk); an initiator puts a milestone of their own initiative in it.
    /// </summary>
    public async Task<Activity> ScheduleAsync(ActivityPlan plan, Actor actor, CancellationToken cancellationToken)
    {
        await CheckAsync(plan, actor, cancellationToken);
        plan = await WithVenueAsync(plan, cancellationToken);
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var activity = Activity.Schedule(tenant.RequiredTenantId, Guid.CreateVersion7(), plan, actor.Id, time.GetUtcNow());
        db.Activities.Add(activity);
        await write.CommitAsync(cancellationToken);
        return activity;
    }

    /// <summary>A planner of its wijk (and of the new one, when it moves wijk) changes an activity.</summary>
    public async Task<Activity> ChangeAsync(Guid id, ActivityPlan plan, Actor actor, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        // Registrations wait while the plan (and the capacity on each occurrence) changes, and the counts read next are current.
        await db.LockOccurrencesAsync(id, cancellationToken);
        var activity = await db.FindActivityAsync(id, actor, cancellationToken);
        actor.RequirePlannerOf(activity.AreaId);
        await CheckAsync(plan, actor, cancellationToken);
        plan = await WithVenueAsync(plan, cancellationToken);
        var now = time.GetUtcNow();
        activity.Change(plan, now);
        await PromoteWaitingAsync(activity, now, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return activity;
    }

    /// <summary>A raised capacity gives its new places to the first waiting of each occurrence, in this transaction.</summary>
    private async Task PromoteWaitingAsync(Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = activity.Occurrences.Where(o => o.FreePlaces(activity, now) > 0).ToList();
        if (open.Count == 0)
        {
            return;
        }
        var ids = open.Select(o => o.Id).ToList();
        var waiting = await db.Registrations.Where(r => ids.Contains(r.OccurrenceId) && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Position).ToListAsync(cancellationToken);
        foreach (var occurrence in open)
        {
            occurrence.PromoteWaiting(activity, waiting, now);
        }
    }

    /// <summary>A planner of its wijk cancels the whole activity; the residents registered for its coming occurrences are named in the event.</summary>
    public async Task<Activity> CancelAsync(Guid id, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        // Registrations wait (and then find it cancelled), so the event names everyone who has to be told.
        await db.LockOccurrencesAsync(id, cancellationToken);
        var activity = await db.FindActivityAsync(id, actor, cancellationToken);
        actor.RequirePlannerOf(activity.AreaId);
        var now = time.GetUtcNow();
        var coming = activity.Occurrences.Where(o => !o.Cancelled && o.StartsAt > now).Select(o => o.Id).ToList();
        activity.Cancel(reason, now, await ActiveRegistrationsAsync(coming, cancellationToken));
        await write.CommitAsync(cancellationToken);
        return activity;
    }

    /// <summary>A planner of its wijk cancels one occurrence; its registered and waiting residents are named in the event.</summary>
    public async Task<(Activity Activity, Occurrence Occurrence)> CancelOccurrenceAsync(
        Guid id, LocalDateTime originalStart, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        await db.LockOccurrencesAsync(id, cancellationToken);
        var activity = await db.FindActivityAsync(id, actor, cancellationToken);
        actor.RequirePlannerOf(activity.AreaId);
        var ids = activity.Occurrences.Where(o => o.OriginalStart == originalStart).Select(o => o.Id).ToList();
        var occurrence = activity.CancelOccurrence(originalStart, reason, time.GetUtcNow(), await ActiveRegistrationsAsync(ids, cancellationToken));
        await write.CommitAsync(cancellationToken);
        return (activity, occurrence);
    }

    private async Task<List<Registration>> ActiveRegistrationsAsync(List<Guid> occurrenceIds, CancellationToken cancellationToken) =>
        occurrenceIds.Count == 0
            ? []
            : await db.Registrations.AsNoTracking()
                .Where(r => occurrenceIds.Contains(r.OccurrenceId) && r.Status != RegistrationStatus.Cancelled)
                .ToListAsync(cancellationToken);

    /// <summary>A planner of its wijk moves one occurrence.</summary>
    public async Task<(Activity Activity, Occurrence Occurrence)> MoveOccurrenceAsync(
        Guid id, LocalDateTime originalStart, LocalDateTime start, LocalDateTime end, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        Occurrence? occurrence = null;
        var activity = await ChangeOneAsync(id, actor, a => occurrence = a.MoveOccurrence(originalStart, start, end, reason, time.GetUtcNow()), cancellationToken);
        return (activity, occurrence!);
    }

    private async Task<Activity> ChangeOneAsync(Guid id, Actor actor, Action<Activity> change, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var activity = await db.FindActivityAsync(id, actor, cancellationToken);
        actor.RequirePlannerOf(activity.AreaId);
        change(activity);
        await write.CommitAsync(cancellationToken);
        return activity;
    }

    /// <summary>A venue of the network (<c>venueId</c>) gives the location its name, address and point; an unknown one is a 400 naming <c>venueId</c>.</summary>
    private async Task<ActivityPlan> WithVenueAsync(ActivityPlan plan, CancellationToken cancellationToken) =>
        plan.VenueId is { } venueId ? plan with { Venue = (await db.RequireVenueAsync(venueId, cancellationToken)).ToVenue() } : plan;

    /// <summary>
    /// The wijk is one of this municipality's, the actor plans it — or it is a milestone of the
    /// actor's own initiative — and a milestone's initiative is open and of that wijk.
    /// </summary>
    private async Task CheckAsync(ActivityPlan plan, Actor actor, CancellationToken cancellationToken)
    {
        if (!await db.Areas.IsWijkAsync(plan.AreaId, cancellationToken))
        {
            throw RuleException.Invalid("areaId", $"There is no wijk {plan.AreaId} in this municipality.");
        }
        var initiative = plan.InitiativeId is { } initiativeId
            ? await db.Initiatives.FirstOrDefaultAsync(i => i.Id == initiativeId, cancellationToken)
            : null;
        var planner = actor.IsInNetworkOf(plan.AreaId);
        if (!planner)
        {
            // An initiator may add a milestone to their own initiative (the opening of the playground).
            if (plan.Kind != ActivityKind.Milestone || plan.InitiativeId is null)
            {
                actor.RequirePlannerOf(plan.AreaId);
            }
            if (initiative is not null && !initiative.IsInitiator(actor.UserId))
            {
                throw RuleException.Forbidden("Only its initiator, and the wijk's director, alderman and partners, add milestones to an initiative.");
            }
        }
        if (plan.InitiativeId is { } id)
        {
            if (initiative is null || initiative.AreaId != plan.AreaId)
            {
                throw RuleException.Invalid("initiativeId", $"Wijk {plan.AreaId} has no initiative {id}.");
            }
            if (initiative.IsClosed)
            {
                throw RuleException.Conflict($"Initiative {id} was {initiative.State.ToString().ToLowerInvariant()}: it has no milestones any more.");
            }
        }
        if (plan.HostFunction is { } function)
        {
            await db.RequireFunctionInWijkAsync(function, plan.AreaId, cancellationToken);
        }
        if (!planner && plan.Visibility != Visibility.Public)
        {
            throw RuleException.Invalid("visibility", "An initiator's milestone is public: network-only items are planned by the wijk's network.");
        }
    }
}
