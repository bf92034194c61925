using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Api;

/// <summary>A code read at the door.</summary>
public sealed record CheckInRequest
{
    /// <summary>The registration's six-character check-in code.</summary>
    [Required, StringLength(Registration.CodeLength, MinimumLength = Registration.CodeLength)]
    public string? Code { get; init; }
}

/// <summary>
/// A registration: <c>status</c> registered, waitlisted or cancelled; <c>waitlistPosition</c> is the
/// place on the waiting list (1 is next) while waiting. The check-in code is for its resident and the wijk's planners.
/// </summary>
public sealed record RegistrationResponse(
    Guid Id,
    Guid ActivityId,
    string OccurrenceStart,
    string Status,
    int? WaitlistPosition,
    string CheckInCode,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? PromotedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? AttendedAt,
    string? ResidentName = null)
{
    /// <summary>A registration; <c>residentName</c> only in the planners' list, from the copy of identity's names (null when unknown or erased).</summary>
    public static RegistrationResponse From(Registration r, string occurrenceStart, int? waitlistPosition, string? residentName = null) => new(
        r.Id, r.ActivityId, occurrenceStart, StatusName(r.Status), r.Status == RegistrationStatus.Waitlisted ? waitlistPosition : null,
        r.CheckInCode, r.RegisteredAt, r.PromotedAt, r.CancelledAt, r.AttendedAt, residentName);

    public static string StatusName(RegistrationStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>One of my registrations, with what the list shows of its activity and occurrence.</summary>
public sealed record MyRegistration(
    Guid Id,
    Guid ActivityId,
    string Title,
    string OccurrenceStart,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    string Status,
    int? WaitlistPosition,
    string CheckInCode,
    bool OccurrenceCancelled,
    VenueDto? Location,
    string? OnlineUrl);

/// <summary>An occurrence's registrations for the wijk's planners, with its counts.</summary>
public sealed record OccurrenceRegistrations(int Capacity, int Registered, int Waitlisted, int Attended, PagedList<RegistrationResponse> Registrations);

/// <summary>Registration per occurrence: register, cancel, check in; the occurrence's list for staff; my registrations.</summary>
public static class RegistrationsApi
{
    private const string Path = "/activities/{id:guid}/occurrences/{occurrenceStart}/registrations";

    public static void MapRegistrations(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Registrations");
        group.MapPost(Path, Register).WithName("Register").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Register for one occurrence (named by its original local start): 201 with status registered, or waitlisted when it is full.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapDelete(Path + "/{registrationId:guid}", Cancel).WithName("CancelRegistration").RequireAuthorization()
            .WithSummary("Cancel a registration (the resident's own, or any for the wijk's planners); the first waiting one gets the place.")
            .ProducesProblem(404).ProducesProblem(409);
        group.MapGet(Path, List).WithName("ListRegistrations").RequireAuthorization()
            .WithSummary("The occurrence's registrations in order of arrival, with its counts (the wijk's planners).")
            .ProducesProblem(403).ProducesProblem(404);
        group.MapPost("/activities/{id:guid}/occurrences/{occurrenceStart}/check-ins", CheckIn).WithName("CheckIn").RequireAuthorization()
            .WithSummary("Check a registration in at the door by its code (the wijk's planners); counted for the yearly report.")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/me/registrations", Mine).WithName("MyRegistrations").RequireAuthorization()
            .WithSummary("The signed-in person's registrations, coming first, then by start.");
    }

    private static async Task<Created<RegistrationResponse>> Register(
        Guid id, string occurrenceStart, ClaimsPrincipal user, Registrations registrations, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var start = OccurrenceKeys.Parse(occurrenceStart);
        var registration = await registrations.RegisterAsync(id, start, Caller.Of(user), cancellationToken);
        var waiting = registration.Status == RegistrationStatus.Waitlisted ? await WaitlistPositionAsync(db, registration, cancellationToken) : null;
        return TypedResults.Created($"/api/calendar/v1/activities/{id}/occurrences/{occurrenceStart}/registrations/{registration.Id}",
            RegistrationResponse.From(registration, LocalTimes.Format(start), waiting));
    }

    private static async Task<Ok<RegistrationResponse>> Cancel(
        Guid id, string occurrenceStart, Guid registrationId, ClaimsPrincipal user, Registrations registrations, CancellationToken cancellationToken)
    {
        var start = OccurrenceKeys.Parse(occurrenceStart);
        var (cancelled, _) = await registrations.CancelAsync(id, start, registrationId, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(RegistrationResponse.From(cancelled, LocalTimes.Format(start), null));
    }

    private static async Task<Ok<OccurrenceRegistrations>> List(
        Guid id, string occurrenceStart, [AsParameters] PageRequest page, ClaimsPrincipal user, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var actor = Caller.Of(user);
        var start = OccurrenceKeys.Parse(occurrenceStart);
        var activity = await db.ReadActivityAsync(id, actor, cancellationToken);
        actor.RequirePlannerOf(activity.AreaId);
        var occurrence = await db.Occurrences.AsNoTracking().FirstOrDefaultAsync(o => o.ActivityId == id && o.OriginalStart == start, cancellationToken)
            ?? throw RuleException.NotFound($"Activity {id} has no occurrence starting {occurrenceStart}.");
        var rows = await db.Registrations.AsNoTracking().Where(r => r.OccurrenceId == occurrence.Id).OrderBy(r => r.Position)
            .Select(r => new
            {
                Registration = r,
                Waiting = db.Registrations.Count(w => w.OccurrenceId == r.OccurrenceId && w.Status == RegistrationStatus.Waitlisted && w.Position <= r.Position),
                Name = db.ResidentNames.Where(n => n.AccountId == r.AccountId).Select(n => n.DisplayName).FirstOrDefault(),
            })
            .ToPageAsync(page, r => RegistrationResponse.From(r.Registration, LocalTimes.Format(start), r.Waiting, r.Name), cancellationToken);
        return TypedResults.Ok(new OccurrenceRegistrations(activity.Capacity ?? 0, occurrence.Registered, occurrence.Waitlisted, occurrence.Attended, rows));
    }

    private static async Task<Ok<RegistrationResponse>> CheckIn(
        Guid id, string occurrenceStart, CheckInRequest request, ClaimsPrincipal user, Registrations registrations, CancellationToken cancellationToken)
    {
        var start = OccurrenceKeys.Parse(occurrenceStart);
        var registration = await registrations.CheckInAsync(id, start, request.Code!, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(RegistrationResponse.From(registration, LocalTimes.Format(start), null));
    }

    private static async Task<Ok<PagedList<MyRegistration>>> Mine(
        [AsParameters] PageRequest page, ClaimsPrincipal user, CalendarDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var me = Caller.Of(user).Id;
        var now = time.GetUtcNow();
        var rows = from r in db.Registrations.AsNoTracking()
                   where r.AccountId == me
                   join o in db.Occurrences.AsNoTracking() on r.OccurrenceId equals o.Id
                   join a in db.Activities.AsNoTracking() on r.ActivityId equals a.Id
                   // Coming ones first, then past ones; each by start.
                   orderby o.EndsAt < now, o.StartsAt, r.Id
                   select new
                   {
                       Registration = r,
                       o.OriginalStart,
                       o.StartsAt,
                       o.EndsAt,
                       a.Title,
                       a.TimeZone,
                       Cancelled = o.Cancelled || a.CancelledAt != null,
                       a.Venue,
                       a.OnlineUrl,
                       Waiting = db.Registrations.Count(w => w.OccurrenceId == r.OccurrenceId && w.Status == RegistrationStatus.Waitlisted && w.Position <= r.Position),
                   };
        return TypedResults.Ok(await rows.ToPageAsync(page, x =>
        {
            var zone = LocalTimes.Zone(x.TimeZone);
            var r = x.Registration;
            return new MyRegistration(r.Id, r.ActivityId, x.Title, LocalTimes.Format(x.OriginalStart), OccurrenceResponse.Offset(x.StartsAt, zone),
                OccurrenceResponse.Offset(x.EndsAt, zone), x.TimeZone, RegistrationResponse.StatusName(r.Status),
                r.Status == RegistrationStatus.Waitlisted ? x.Waiting : null, r.CheckInCode, x.Cancelled, VenueDto.From(x.Venue), x.OnlineUrl);
        }, cancellationToken));
    }

    private static async Task<int?> WaitlistPositionAsync(CalendarDbContext db, Registration registration, CancellationToken cancellationToken) =>
        await db.Registrations.CountAsync(w => w.OccurrenceId == registration.OccurrenceId && w.Status == RegistrationStatus.Waitlisted
            && w.Position <= registration.Position, cancellationToken);
}
