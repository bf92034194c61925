using System.Security.Claims;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Buurt.Calendar.Api;

/// <summary>/api/calendar/v1/activities: schedule, read, change and cancel activities, and their single occurrences.</summary>
public static class ActivitiesApi
{
    public static RouteGroupBuilder MapActivities(this IEndpointRouteBuilder api)
    {
        var activities = api.MapGroup("/activities").WithTags("Activities");
        activities.MapPost("", Schedule).WithName("ScheduleActivity").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Put an activity in a wijk's agenda (staff and partners of the wijk); times are local, 2026-12-07T19:00.")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        activities.MapGet("/{id:guid}", Get).WithName("GetActivity").ProducesProblem(404)
            .WithSummary("One activity; a network activity is there only for the wijk's network (404 for anyone else).");
        activities.MapPut("/{id:guid}", Change).WithName("ChangeActivity").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Change an activity (its new state, as scheduled); SEQUENCE rises. Occurrences cancelled or moved on a date the new plan keeps stay so.")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        activities.MapPost("/{id:guid}/cancellation", Cancel).WithName("CancelActivity").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Cancel the whole activity; it stays in the agenda and feeds as cancelled.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        activities.MapGet("/{id:guid}/occurrences", Occurrences).WithName("ListOccurrences").ProducesProblem(404)
            .WithSummary("The activity's occurrences in order, paged; from/to (dates) limit them.");
        activities.MapPut("/{id:guid}/occurrences/{occurrenceStart}", MoveOccurrence).WithName("MoveOccurrence").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Move one occurrence (named by its original local start, 2026-12-07T19:00) to other local times; the series stays.")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        activities.MapPost("/{id:guid}/occurrences/{occurrenceStart}/cancellation", CancelOccurrence).WithName("CancelOccurrence")
            .RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Cancel one occurrence; the series stays.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return activities;
    }

    private static async Task<Created<ActivityResponse>> Schedule(
        ActivityRequest request, ClaimsPrincipal user, Scheduling scheduling, TimeZones zones, ITenantContext tenant, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var activity = await scheduling.ScheduleAsync(PlanOf(request, zones.Of(tenant.RequiredTenantId)), Caller.Of(user), cancellationToken);
        // A path, not a URL: behind the gateway the service does not know the public host.
        return TypedResults.Created(links.GetPathByName("GetActivity", new { id = activity.Id }), ActivityResponse.From(activity));
    }

    private static async Task<Ok<ActivityResponse>> Get(Guid id, ClaimsPrincipal user, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var activity = await db.ReadActivityAsync(id, Caller.Of(user), cancellationToken);
        var occurrences = await db.Occurrences.CountAsync(o => o.ActivityId == id, cancellationToken);
        return TypedResults.Ok(ActivityResponse.From(activity) with { Occurrences = occurrences });
    }

    private static async Task<Ok<ActivityResponse>> Change(
        Guid id, ActivityRequest request, ClaimsPrincipal user, Scheduling scheduling, TimeZones zones, ITenantContext tenant,
        CancellationToken cancellationToken)
    {
        var activity = await scheduling.ChangeAsync(id, PlanOf(request, zones.Of(tenant.RequiredTenantId)), Caller.Of(user), cancellationToken);
        return TypedResults.Ok(ActivityResponse.From(activity));
    }

    private static async Task<Ok<ActivityResponse>> Cancel(
        Guid id, CancellationRequest? request, ClaimsPrincipal user, Scheduling scheduling, CancellationToken cancellationToken) =>
        TypedResults.Ok(ActivityResponse.From(await scheduling.CancelAsync(id, request?.Reason, Caller.Of(user), cancellationToken)));

    private static async Task<Ok<PagedList<OccurrenceResponse>>> Occurrences(
        Guid id, string? from, string? to, [AsParameters] PageRequest page, ClaimsPrincipal user, CalendarDbContext db,
        CancellationToken cancellationToken)
    {
        var activity = await db.ReadActivityAsync(id, Caller.Of(user), cancellationToken);
        var occurrences = db.Occurrences.AsNoTracking().Where(o => o.ActivityId == id);
        if (from is not null)
        {
            var first = LocalTimes.ParseDate(from, "from").AtMidnight();
            occurrences = occurrences.Where(o => o.Start >= first);
        }
        if (to is not null)
        {
            var last = LocalTimes.ParseDate(to, "to").PlusDays(1).AtMidnight();
            occurrences = occurrences.Where(o => o.Start < last);
        }
        var roster = await db.RosterForAsync([activity], cancellationToken);
        return TypedResults.Ok(await occurrences.OrderBy(o => o.OriginalStart).ToPageAsync(page, o => OccurrenceResponse.From(activity, o, roster), cancellationToken));
    }

    private static async Task<Ok<OccurrenceResponse>> MoveOccurrence(
        Guid id, string occurrenceStart, OccurrenceMoveRequest request, ClaimsPrincipal user, Scheduling scheduling, CalendarDbContext db,
        CancellationToken cancellationToken)
    {
        var (activity, occurrence) = await scheduling.MoveOccurrenceAsync(id, OccurrenceKeys.Parse(occurrenceStart),
            LocalTimes.Parse(request.Start, "start"), LocalTimes.Parse(request.End, "end"), request.Reason, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(OccurrenceResponse.From(activity, occurrence, await db.RosterForAsync([activity], cancellationToken)));
    }

    private static async Task<Ok<OccurrenceResponse>> CancelOccurrence(
        Guid id, string occurrenceStart, CancellationRequest? request, ClaimsPrincipal user, Scheduling scheduling, CalendarDbContext db,
        CancellationToken cancellationToken)
    {
        var (activity, occurrence) = await scheduling.CancelOccurrenceAsync(id, OccurrenceKeys.Parse(occurrenceStart), request?.Reason, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(OccurrenceResponse.From(activity, occurrence, await db.RosterForAsync([activity], cancellationToken)));
    }

    /// <summary>The request as the domain's plan: its times read in its zone (the municipality's unless it names one).</summary>
    internal static ActivityPlan PlanOf(ActivityRequest request, DateTimeZone municipalityZone)
    {
        var zone = request.TimeZone is { Length: > 0 } id ? LocalTimes.Zone(id) : municipalityZone;
        return new ActivityPlan(
            request.Title!, request.Description ?? "", request.AreaId!.Value, request.Kind!.Value, request.Visibility!.Value, request.Theme, zone,
            LocalTimes.Parse(request.Start, "start"), LocalTimes.Parse(request.End, "end"),
            RecurrenceOf(request.Recurrence), VenueOf(request.Location), OnlineUrlOf(request.OnlineUrl), request.Registration?.Capacity, request.InitiativeId,
            VenueIdOf(request.VenueId, request.Location), HostFunctionOf(request.Host));
    }

    /// <summary>An activity's host is a function of the wijk (whoever holds it on the date), never a name.</summary>
    private static string? HostFunctionOf(HostDto? host) =>
        host is null ? null
        : host.Name is not null ? throw RuleException.Invalid("host.name", "An activity's host is a function of the wijk, whoever holds it on the date: give only host.function.")
        : host.Function;

    /// <summary>A rule as asked for (an activity's or an office hour's).</summary>
    internal static RecurrenceRequest? RecurrenceOf(RecurrenceDto? r) =>
        r is null
            ? null
            : new RecurrenceRequest(r.Frequency!.Value, r.Interval ?? 1, r.ByDay ?? [], r.Count, r.Until is null ? null : LocalTimes.ParseDate(r.Until, "recurrence.until"));

    internal static Venue? VenueOf(VenueDto? l) => l is null ? null : new Venue(l.Name!, l.Address, l.Lat, l.Lon);

    /// <summary>A venue of the network instead of a location as text: one or the other.</summary>
    internal static Guid? VenueIdOf(Guid? venueId, VenueDto? location) =>
        venueId is not null && location is not null
            ? throw RuleException.Invalid("venueId", "Give a venue of the network (venueId) or a location, not both.")
            : venueId;

    internal static Uri? OnlineUrlOf(string? url) =>
        url is not { Length: > 0 } ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var onlineUrl) ? onlineUrl
        : throw RuleException.Invalid("onlineUrl", $"'{url}' is not an absolute http(s) address.");
}

/// <summary>An occurrence in a path is named by its original local start; one that cannot be read names none (404).</summary>
internal static class OccurrenceKeys
{
    public static LocalDateTime Parse(string text)
    {
        try
        {
            return LocalTimes.Parse(text, "occurrenceStart");
        }
        catch (RuleException)
        {
            throw RuleException.NotFound($"There is no occurrence '{text}': occurrences are named by their original local start, such as 2026-12-07T19:00.");
        }
    }
}
