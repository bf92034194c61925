using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Api;

/// <summary>A slot to book: its start as the slots list gives it (or local in the office hour's zone), a topic and a short question.</summary>
public sealed record BookingRequest
{
    [Required]
    public Guid? OfficeHourId { get; init; }

    /// <summary>The slot's start: 2026-12-07T19:00+01:00.</summary>
    [Required, StringLength(30)]
    public string? Start { get; init; }

    [StringLength(Booking.TopicMaxLength)]
    public string? Topic { get; init; }

    /// <summary>So the host can prepare.</summary>
    [StringLength(Booking.QuestionMaxLength)]
    public string? Question { get; init; }
}

/// <summary>Why staff cancel a booking (required for them; the resident is told).</summary>
public sealed record BookingCancellationRequest
{
    [StringLength(Booking.ReasonMaxLength)]
    public string? Reason { get; init; }
}

/// <summary>
/// A booking. <c>cancelToken</c> and <c>cancelPath</c> are in the answer to the booking only: the
/// link the resident can cancel with (a POST; a GET shows what it would cancel).
/// </summary>
public sealed record BookingResponse(
    Guid Id,
    Guid OfficeHourId,
    HostDto Host,
    DateTimeOffset Start,
    DateTimeOffset End,
    string LocalStart,
    string TimeZone,
    string? Topic,
    string? Question,
    string Status,
    string? CancelReason,
    VenueDto? Location,
    string? OnlineUrl,
    string IcsPath,
    string? CancelToken = null,
    string? CancelPath = null,
    string? ResidentName = null)
{
    public static BookingResponse From(Booking b, OfficeHour o, string? token = null)
    {
        var zone = o.Zone;
        return new(b.Id, o.Id, HostDto.Of(new OfficeHost(o.HostFunction, b.HostName is { Length: > 0 } name ? name : null), o.HostByFunction),
            OccurrenceResponse.Offset(b.StartsAt, zone), OccurrenceResponse.Offset(b.EndsAt, zone), b.LocalStart(zone), o.TimeZone,
            b.Topic, b.Question, b.IsCancelled ? "cancelled" : "confirmed", b.CancelReason, VenueDto.From(o.Venue), o.OnlineUrl,
            $"/api/calendar/v1/bookings/{b.Id}/booking.ics", token, token is null ? null : $"/api/calendar/v1/booking-cancellations/{token}");
    }
}

/// <summary>/api/calendar/v1/bookings: book a slot of an office hour, read, cancel; the cancel link; my bookings.</summary>
public static class BookingsApi
{
    public static void MapBookings(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Bookings");
        group.MapPost("/bookings", Book).WithName("Book").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Book a free slot of an office hour: 201, or 409 when the slot is taken.")
            .ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/bookings/{id:guid}", Get).WithName("GetBooking").RequireAuthorization().ProducesProblem(404)
            .WithSummary("A booking, for its resident and the wijk's planners.");
        group.MapPost("/bookings/{id:guid}/cancellation", Cancel).WithName("CancelBooking").RequireAuthorization()
            .WithSummary("Cancel a booking: its resident, or the wijk's planners with a reason the resident is told.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        // The cancel link of the confirmation mail: a GET only shows (mail scanners follow links), a POST cancels.
        group.MapGet("/booking-cancellations/{token}", ShowCancellation).WithName("ShowBookingCancellation").ProducesProblem(404)
            .WithSummary("What the cancel link would cancel; changes nothing.");
        group.MapPost("/booking-cancellations/{token}", CancelByToken).WithName("CancelBookingByLink").ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancel the booking the link names.");
        group.MapGet("/me/bookings", Mine).WithName("MyBookings").RequireAuthorization()
            .WithSummary("The signed-in person's bookings, by start.");
        group.MapGet("/bookings", OfTheWijk).WithName("WijkBookings").RequireAuthorization()
            .WithSummary("The wijk's coming bookings (not cancelled), by start, for its planners: of all its office hours or one.")
            .ProducesValidationProblem().ProducesProblem(403);
    }

    private static async Task<Results<Created<BookingResponse>, ProblemHttpResult>> Book(
        BookingRequest request, ClaimsPrincipal user, OfficeHours officeHours, CancellationToken cancellationToken)
    {
        var (booking, officeHour, token, refusal) = await officeHours.TryBookAsync(request.OfficeHourId!.Value, request.Start, request.Topic, request.Question,
            Caller.Of(user), cancellationToken);
        return refusal is not null
            ? ApiProblems.Refused(refusal)
            : TypedResults.Created($"/api/calendar/v1/bookings/{booking!.Id}", BookingResponse.From(booking, officeHour, token));
    }

    private static async Task<Ok<BookingResponse>> Get(Guid id, ClaimsPrincipal user, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var (booking, officeHour) = await db.ReadBookingAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, officeHour));
    }

    private static async Task<Ok<BookingResponse>> Cancel(
        Guid id, BookingCancellationRequest? request, ClaimsPrincipal user, OfficeHours officeHours, CancellationToken cancellationToken)
    {
        var (booking, officeHour) = await officeHours.CancelAsync(id, request?.Reason, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, officeHour));
    }

    private static async Task<Ok<BookingResponse>> ShowCancellation(string token, OfficeHours officeHours, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var booking = await officeHours.FindByTokenAsync(token, tracked: false, cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, await db.FindOfficeHourAsync(booking.OfficeHourId, cancellationToken)));
    }

    private static async Task<Ok<BookingResponse>> CancelByToken(string token, OfficeHours officeHours, CancellationToken cancellationToken)
    {
        var (booking, officeHour) = await officeHours.CancelByTokenAsync(token, cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, officeHour));
    }

    /// <summary>What the wijk's hosts will hold: the bookings from a date on (default now), so staff see the topics and questions ahead.</summary>
    private static async Task<Ok<PagedList<BookingResponse>>> OfTheWijk(
        Guid? areaId, Guid? officeHourId, string? from, [AsParameters] PageRequest page, ClaimsPrincipal user, CalendarDbContext db, TimeProvider time,
        TimeZones zones, ITenantContext tenant, CancellationToken cancellationToken)
    {
        var area = areaId ?? throw RuleException.Invalid("areaId", "Name the wijk (areaId) whose bookings to list.");
        Caller.Of(user).RequirePlannerOf(area);
        // A date is the municipality's day; without one, from now (what is still to come).
        var since = from is null ? time.GetUtcNow() : LocalTimes.ParseDate(from, "from").AtStartOfDayInZone(zones.Of(tenant.RequiredTenantId)).ToInstant().ToDateTimeOffset();
        var rows = from b in db.Bookings.AsNoTracking()
                   where b.AreaId == area && b.CancelledAt == null && b.EndsAt > since
                   join o in db.OfficeHours.AsNoTracking() on b.OfficeHourId equals o.Id
                   select new { b, o, name = db.ResidentNames.Where(n => n.AccountId == b.AccountId).Select(n => n.DisplayName).FirstOrDefault() };
        if (officeHourId is { } officeHour)
        {
            rows = rows.Where(x => x.b.OfficeHourId == officeHour);
        }
        return TypedResults.Ok(await rows.OrderBy(x => x.b.StartsAt).ThenBy(x => x.b.Id).ToPageAsync(page, x => BookingResponse.From(x.b, x.o) with { ResidentName = x.name }, cancellationToken));
    }

    private static async Task<Ok<PagedList<BookingResponse>>> Mine(
        [AsParameters] PageRequest page, ClaimsPrincipal user, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var me = Caller.Of(user).Id;
        var rows = from b in db.Bookings.AsNoTracking()
                   where b.AccountId == me
                   join o in db.OfficeHours.AsNoTracking() on b.OfficeHourId equals o.Id
                   orderby b.StartsAt, b.Id
                   select new { b, o };
        return TypedResults.Ok(await rows.ToPageAsync(page, x => BookingResponse.From(x.b, x.o), cancellationToken));
    }
}
