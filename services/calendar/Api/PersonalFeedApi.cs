using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.ICalendar;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Api;

/// <summary>The address of a person's private feed, given when it is made (the token is shown only then).</summary>
public sealed record PersonalFeedResponse(string Path, DateTimeOffset CreatedAt);

/// <summary>
/// A person's own iCalendar: a private feed of their registrations and bookings at an address with
/// a secret token (revocable: a new token ends the old address), and one .ics per booking. Every
/// calendar has the VTIMEZONE of its zones with their rules, stable UIDs and a SEQUENCE that rises
/// with every change; the feed answers with an ETag and honours If-None-Match.
/// </summary>
public static class PersonalFeedApi
{
    public static void MapPersonalFeeds(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Feeds");
        group.MapPost("/me/feed", Create).WithName("CreatePersonalFeed").RequireAuthorization()
            .WithSummary("Make (or replace) the address of my private feed; the old address stops working.");
        group.MapDelete("/me/feed", Revoke).WithName("RevokePersonalFeed").RequireAuthorization()
            .WithSummary("Revoke my private feed's address.");
        group.MapGet("/feeds/{token}/agenda.ics", Feed).WithName("PersonalFeed")
            .WithSummary("A private feed: the registrations and bookings of the person whose token it is (iCalendar; ETag, If-None-Match).")
            .Produces<string>(200, "text/calendar").Produces(304).ProducesProblem(404);
        group.MapGet("/bookings/{id:guid}/booking.ics", BookingIcs).WithName("BookingIcs").RequireAuthorization()
            .WithSummary("One booking as iCalendar, for its resident and the wijk's planners.")
            .Produces<string>(200, "text/calendar").ProducesProblem(404);
    }

    private static async Task<Ok<PersonalFeedResponse>> Create(ClaimsPrincipal user, PersonalFeeds feeds, CancellationToken cancellationToken)
    {
        var (feed, token) = await feeds.CreateAsync(Caller.Of(user), cancellationToken);
        return TypedResults.Ok(new PersonalFeedResponse($"/api/calendar/v1/feeds/{token}/agenda.ics", feed.CreatedAt));
    }

    private static async Task<NoContent> Revoke(ClaimsPrincipal user, PersonalFeeds feeds, CancellationToken cancellationToken)
    {
        await feeds.RevokeAsync(Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Feed(string token, HttpContext http, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var hash = Booking.HashOf(token);
        var feed = await db.FeedTokens.AsNoTracking().FirstOrDefaultAsync(f => f.TokenHash == hash, cancellationToken);
        if (feed is null)
        {
            return ApiProblems.NotFound("This feed address is unknown or was revoked.");
        }
        var registrations = await (
            from r in db.Registrations.AsNoTracking()
            where r.AccountId == feed.AccountId && r.Status != RegistrationStatus.Cancelled
            join o in db.Occurrences.AsNoTracking() on r.OccurrenceId equals o.Id
            join a in db.Activities.AsNoTracking() on r.ActivityId equals a.Id
            orderby o.StartsAt
            select new { r, o, a }).ToListAsync(cancellationToken);
        var bookings = await (
            from b in db.Bookings.AsNoTracking()
            where b.AccountId == feed.AccountId
            join o in db.OfficeHours.AsNoTracking() on b.OfficeHourId equals o.Id
            orderby b.StartsAt
            select new { b, o }).ToListAsync(cancellationToken);
        var site = FeedApi.Site(http);
        var events = registrations.Select(x => RegistrationEvent(x.r, x.o, x.a, site)).Concat(bookings.Select(x => BookingEvent(x.b, x.o, site)));
        var body = Appointments.Calendar("Mijn buurtagenda", events, TimeZones.Default);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32]}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Text(body, FeedApi.ContentType, Encoding.UTF8);
    }

    private static async Task<IResult> BookingIcs(Guid id, ClaimsPrincipal user, HttpContext http, CalendarDbContext db, CancellationToken cancellationToken)
    {
        var (booking, officeHour) = await db.ReadBookingAsync(id, Caller.Of(user), cancellationToken);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"afspraak-{booking.LocalStart(officeHour.Zone)[..10]}.ics\"";
        return TypedResults.Text(Appointments.Calendar("Afspraak spreekuur", [BookingEvent(booking, officeHour, FeedApi.Site(http))], TimeZones.Default),
            FeedApi.ContentType, Encoding.UTF8);
    }

    private static Appointment RegistrationEvent(Registration r, Occurrence o, Activity a, string site) =>
        // Stable per registration: one resident's calendar holds each occurrence they registered for once.
        Appointments.Registration(r.Id, a.Sequence, a.ChangedAt, o.Start, o.End, a.TimeZone, a.Title,
            waitlisted: r.Status == RegistrationStatus.Waitlisted, cancelled: o.Cancelled || a.IsCancelled) with
        {
            Description = a.Description,
            Url = new Uri($"{site}/api/calendar/v1/activities/{a.Id}"),
            Location = Venue.Describe(a.Venue, a.OnlineUrl),
        };

    private static Appointment BookingEvent(Booking b, OfficeHour o, string site) =>
        Appointments.Booking(b.Id, b.Sequence, b.CancelledAt ?? b.BookedAt, b.StartsAt, b.EndsAt, o.TimeZone, o.HostFunction, b.HostName, b.IsCancelled) with
        {
            Description = string.Join("\n\n", new[] { b.Topic, b.Question, b.CancelReason }.Where(t => t is not null)),
            Url = new Uri($"{site}/api/calendar/v1/bookings/{b.Id}"),
            Location = Venue.Describe(o.Venue, o.OnlineUrl),
        };
}
