using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Buurt.AreaCopy;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.ICalendar;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Tenancy;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;

namespace Buurt.Calendar.Api;

/// <summary>
/// The public iCalendar feed of a wijk (RFC 5545): its public activities, a series as one VEVENT
/// with its RRULE, and each occurrence cancelled or moved on its own as an override VEVENT with the
/// same UID and its RECURRENCE-ID (cancelled: STATUS:CANCELLED). Every feed carries the VTIMEZONE of
/// its zones with their daylight and standard rules. It answers with an ETag and honours If-None-Match.
/// </summary>
public static class FeedApi
{
    /// <summary>Activities that ended longer ago than this are left out of the feed.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    /// <summary>What the gateway may share between callers, and calendar apps keep, before asking again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    public const string ContentType = Appointments.ContentType;

    private const string Confirmed = "CONFIRMED";
    private const string Cancelled = "CANCELLED";

    /// <summary>The built feeds, by what they show (see <see cref="FeedCache"/>).</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services) => services.AddSingleton<FeedCache>();

    public static void MapFeeds(this IEndpointRouteBuilder api)
    {
        api.MapGet("/areas/{areaId:guid}/agenda.ics", WijkFeed).WithTags("Feeds").WithName("WijkFeed").CachePublicly(MaxAge)
            .WithSummary("The wijk's public agenda as iCalendar (subscribe to it in a calendar app); ETag and If-None-Match (304).")
            .Produces<string>(200, "text/calendar").Produces(304).ProducesProblem(404);
    }

    private static async Task<IResult> WijkFeed(
        Guid areaId, HttpContext http, CalendarDbContext db, FeedCache feeds, ITenantContext tenant, TimeProvider time, CancellationToken cancellationToken)
    {
        var wijk = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == areaId && a.Kind == CopiedArea.Wijk, cancellationToken);
        if (wijk is null)
        {
            return ApiProblems.NotFound($"There is no wijk {areaId} in this municipality.");
        }
        var since = time.GetUtcNow() - History;
        var inFeed = db.Activities.AsNoTracking()
            .Where(a => a.AreaId == areaId && a.Visibility == Visibility.Public && !a.Hidden && a.LastEndsAt >= since);

        // The ETag from a cheap read: a change moves ChangedAt forward; an activity leaving the window lowers the count.
        var stamp = (await inFeed.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Changed = g.Max(a => a.ChangedAt), Sequences = g.Sum(a => a.Sequence) })
            .ToListAsync(cancellationToken)).FirstOrDefault();
        var etag = ETag($"v1|{wijk.Name}|{since.UtcDateTime:yyyyMMdd}|{stamp?.Count}|{stamp?.Changed.UtcTicks}|{stamp?.Sequences}");
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "*")))
        {
            http.Response.Headers.CacheControl = "public, max-age=" + ((int)MaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var site = Site(http);
        var body = await feeds.GetOrBuildAsync($"{tenant.RequiredTenantId}|{areaId}|{etag}|{site}", async () =>
        {
            // Tracked, so that the wijk's cancelled and moved occurrences, read by their own index, join their activities.
            var activities = await inFeed.AsTracking().OrderBy(a => a.Start).ThenBy(a => a.Id).ToListAsync(cancellationToken);
            await db.Occurrences.Where(o => o.AreaId == areaId && (o.Cancelled || o.Moved)).LoadAsync(cancellationToken);
            // Each activity's VEVENTs are serialized once per version of it: after a change only the changed one is written anew.
            return Feed($"Agenda {wijk.Name}", activities, activity => feeds.GetOrBuild(
                $"{tenant.RequiredTenantId}|{activity.Id}|{activity.Sequence}|{activity.ChangedAt.UtcTicks}|{site}",
                () => Serialize(Events(activity, id => new Uri($"{site}/api/calendar/v1/activities/{id}")))));
        });
        http.Response.Headers.ContentDisposition = $"inline; filename=\"agenda-{wijk.Code.ToLowerInvariant()}.ics\"";
        return TypedResults.Text(body, ContentType, Encoding.UTF8);
    }

    /// <summary>A strong ETag of what the feed shows.</summary>
    private static string ETag(string state) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..32]}\"";

    /// <summary>
    /// The address the caller used (the gateway forwards its host) for the links back to the items,
    /// so that they name the municipality as the feed's address did.
    /// </summary>
    internal static string Site(HttpContext http)
    {
        var request = http.Request;
        var host = request.Headers["X-Forwarded-Host"].FirstOrDefault()?.Split(',')[0].Trim() ?? request.Host.Value;
        var scheme = request.Headers["X-Forwarded-Proto"].FirstOrDefault()?.Split(',')[0].Trim() ?? request.Scheme;
        return $"{scheme}://{host}";
    }

    /// <summary>
    /// The VCALENDAR text of <paramref name="activities"/>: the calendar's properties and time zones
    /// as Ical.Net writes them, with each activity's VEVENTs (<paramref name="events"/>) inside.
    /// </summary>
    public static string Feed(string name, IReadOnlyList<Activity> activities, Func<Activity, string> events)
    {
        var calendar = new IcalCalendar { ProductId = Appointments.ProductId };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var zone in activities.GroupBy(a => a.TimeZone))
        {
            // The string overload writes the zone's STANDARD and DAYLIGHT rules from the tz database
            // (a VTimeZone made with only its id would name the zone and leave clients guessing).
            var earliest = zone.Min(a => a.Start).ToDateTimeUnspecified();
            calendar.AddTimeZone(zone.Key, earliest, includeHistoricalData: false);
        }
        var text = Serialize(calendar);
        var end = text.LastIndexOf("END:VCALENDAR", StringComparison.Ordinal);
        var feed = new StringBuilder(text, 0, end, text.Length + activities.Count * 1024);
        foreach (var activity in activities)
        {
            feed.Append(events(activity));
        }
        return feed.Append(text, end, text.Length - end).ToString();
    }

    /// <summary>
    /// An activity's VEVENTs (with its cancelled and moved occurrences loaded): a series with its
    /// RRULE and an override per occurrence cancelled or moved on its own; a one-off as one event.
    /// </summary>
    public static IEnumerable<CalendarEvent> Events(Activity activity, Func<Guid, Uri> link)
    {
        var master = Event(activity, activity.Start, activity.End, link);
        var single = activity.Recurrence is null ? activity.Occurrences.FirstOrDefault() : null;
        if (activity.Recurrence is not null)
        {
            master.RecurrenceRule = new RecurrencePattern(activity.Rrule!);
        }
        else if (single is not null)
        {
            // A one-off has no overrides: its one occurrence's state is the event's.
            master.DtStart = At(single.Start, activity.TimeZone);
            master.DtEnd = At(single.End, activity.TimeZone);
            master.Status = single.Cancelled || activity.IsCancelled ? Cancelled : Confirmed;
            master.Description = WithReason(activity.Description, single.Reason ?? activity.CancelReason);
        }
        yield return master;
        if (activity.Recurrence is null)
        {
            yield break;
        }
        foreach (var occurrence in activity.Occurrences.OrderBy(o => o.OriginalStart))
        {
            var instance = Event(activity, occurrence.Start, occurrence.End, link);
            instance.RecurrenceIdentifier = new RecurrenceIdentifier(At(occurrence.OriginalStart, activity.TimeZone), null);
            if (occurrence.Cancelled)
            {
                instance.Status = Cancelled;
            }
            instance.Description = WithReason(activity.Description, occurrence.Reason);
            yield return instance;
        }
    }

    /// <summary>Ical.Net's text of a calendar or of events (each a BEGIN:VEVENT ... END:VEVENT block).</summary>
    private static string Serialize(IcalCalendar calendar) => new CalendarSerializer().SerializeToString(calendar)!;

    private static string Serialize(IEnumerable<CalendarEvent> events)
    {
        var serializer = new CalendarSerializer();
        return string.Concat(events.Select(e => serializer.SerializeToString(e)));
    }

    private static CalendarEvent Event(Activity activity, LocalDateTime start, LocalDateTime end, Func<Guid, Uri> link)
    {
        var changed = Appointments.Utc(activity.ChangedAt);
        var e = new CalendarEvent
        {
            // Stable: the same activity keeps its UID in every feed and every version.
            Uid = $"{activity.Id}@buurt",
            Sequence = activity.Sequence,
            DtStamp = changed,
            LastModified = changed,
            Created = Appointments.Utc(activity.CreatedAt),
            DtStart = At(start, activity.TimeZone),
            DtEnd = At(end, activity.TimeZone),
            Summary = activity.Title,
            Description = WithReason(activity.Description, activity.CancelReason),
            Status = activity.IsCancelled ? Cancelled : Confirmed,
            Url = link(activity.Id),
            Location = Venue.Describe(activity.Venue, activity.OnlineUrl),
        };
        if (activity.Venue is { Lat: { } lat, Lon: { } lon })
        {
            e.GeographicLocation = new GeographicLocation(lat, lon);
        }
        e.Categories.Add(Activity.KindName(activity.Kind));
        return e;
    }

    private static CalDateTime At(LocalDateTime local, string zone) => Appointments.At(local, zone);

    private static string WithReason(string description, string? reason) =>
        reason is null ? description : description.Length == 0 ? reason : $"{reason}\n\n{description}";
}
