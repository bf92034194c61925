using System.Globalization;
using System.Security.Claims;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Buurt.Calendar.Api;

/// <summary>Filters of the agenda.</summary>
public sealed record AgendaQuery
{
    /// <summary>Only this wijk's agenda (default: the whole municipality's).</summary>
    public Guid? AreaId { get; init; }

    /// <summary>From a date (2026-12-01, the start of that day in the municipality's zone) or an instant with offset; default today.</summary>
    public string? From { get; init; }

    /// <summary>To a date (inclusive, the whole day) or an instant with offset (exclusive); default a month after from, at most a year.</summary>
    public string? To { get; init; }

    /// <summary>Kinds, comma-separated: activity, network-meeting, milestone, office-hour.</summary>
    public string? Kind { get; init; }

    /// <summary>sociaal, fysiek or veilig.</summary>
    public string? Theme { get; init; }
}

/// <summary>/api/calendar/v1/agenda: occurrences of a period, in order of time, paged; each caller sees what they may.</summary>
public static class AgendaApi
{
    /// <summary>The longest period one agenda request covers.</summary>
    public static readonly Period MaxPeriod = Period.FromDays(366);

    public static void MapAgenda(this IEndpointRouteBuilder api)
    {
        // The public's agenda may be shared by the gateway briefly; a signed-in caller's may hold network activities.
        api.MapGet("/agenda", List).WithTags("Agenda").WithName("Agenda").CachePubliclyWhenAnonymous(TimeSpan.FromSeconds(30))
            .WithSummary("The agenda: occurrences overlapping the period, by wijk, kind and theme, in order of start; start and end with their UTC offset. " +
                "Public activities for everyone; network activities only for the wijk's network.")
            .ProducesValidationProblem();
    }

    private static async Task<Ok<PagedList<AgendaItem>>> List(
        [AsParameters] AgendaQuery query, [AsParameters] PageRequest page, ClaimsPrincipal user, CalendarDbContext db, TimeZones zones,
        ITenantContext tenant, TimeProvider time, CancellationToken cancellationToken)
    {
        var (from, to) = PeriodOf(query, zones.Of(tenant.RequiredTenantId), time.GetUtcNow());
        var kinds = Kinds(query.Kind);
        var activities = db.Activities.AsNoTracking().VisibleTo(Caller.Of(user));
        if (kinds is not null)
        {
            activities = activities.Where(a => kinds.Contains(a.Kind));
        }
        if (query.Theme is { } themeName)
        {
            var theme = Enum.GetValues<Theme>().FirstOrDefault(t => string.Equals(t.ToString(), themeName, StringComparison.OrdinalIgnoreCase)) is var t
                && string.Equals(t.ToString(), themeName, StringComparison.OrdinalIgnoreCase)
                ? t
                : throw RuleException.Invalid("theme", "The theme is sociaal, fysiek or veilig.");
            activities = activities.Where(a => a.Theme == theme);
        }
        // An occurrence lasts at most MaxLength, so one overlapping the period starts after from - MaxLength:
        // with that bound the index on (tenant, wijk, start) reads the period only, not everything before it.
        var earliest = from - Activity.MaxLength.ToTimeSpan();
        var occurrences = db.Occurrences.AsNoTracking().Where(o => o.StartsAt < to && o.StartsAt > earliest && o.EndsAt > from);
        if (query.AreaId is { } areaId)
        {
            occurrences = occurrences.Where(o => o.AreaId == areaId);
        }
        var rows = from o in occurrences
                   join a in activities on o.ActivityId equals a.Id
                   orderby o.StartsAt, o.ActivityId
                   select new AgendaRow(a.Id, o.OriginalStart, o.StartsAt, o.EndsAt, a.Title, a.Kind, a.Visibility, a.AreaId, a.Theme, a.TimeZone,
                       a.CancelledAt != null || o.Cancelled, o.Moved, o.Cancelled || o.Moved ? o.Reason : a.CancelReason, a.Recurrence != null,
                       a.Venue, a.OnlineUrl, a.Capacity, o.Registered, a.InitiativeId, a.Sequence, o.Start, a.HostFunction);
        // Office hours have no theme; their sessions are few a month and computed, merged into the page in order of start.
        var sessions = query.Theme is null && (query.Kind is null || IncludesOfficeHours(query.Kind))
            ? await OfficeHourSessionsAsync(db, query.AreaId, from, to, cancellationToken)
            : [];
        if (sessions.Count == 0)
        {
            var paged = await rows.ToPageAsync(page, cancellationToken);
            var pageRoster = await db.RosterForAsync(paged.Items.Select(r => r.HostFunction), cancellationToken);
            return TypedResults.Ok(new PagedList<AgendaItem>([.. paged.Items.Select(r => r.Item(pageRoster))], paged.Page, paged.PageSize, paged.Total));
        }
        var upTo = await rows.Take(page.Skip + page.Size).ToListAsync(cancellationToken);
        var total = await rows.LongCountAsync(cancellationToken) + sessions.Count;
        var roster = await db.RosterForAsync(upTo.Select(r => r.HostFunction), cancellationToken);
        var merged = upTo.Select(r => r.Item(roster)).Concat(sessions).OrderBy(i => i.Start).ThenBy(i => i.ActivityId ?? i.OfficeHourId)
            .Skip(page.Skip).Take(page.Size).ToList();
        return TypedResults.Ok(new PagedList<AgendaItem>(merged, page.PageNumber, page.Size, total));
    }

    /// <summary>The sessions of the office hours (of a wijk) overlapping the period, as agenda lines.</summary>
    private static async Task<List<AgendaItem>> OfficeHourSessionsAsync(CalendarDbContext db, Guid? areaId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var officeHours = db.OfficeHours.AsNoTracking();
        if (areaId is { } area)
        {
            officeHours = officeHours.Where(o => o.AreaId == area);
        }
        var items = new List<AgendaItem>();
        var all = await officeHours.ToListAsync(cancellationToken);
        var roster = await db.RosterForAsync(all, cancellationToken);
        foreach (var o in all)
        {
            var zone = o.Zone;
            var length = LocalTimes.InstantOf(o.End, zone) - LocalTimes.InstantOf(o.Start, zone);
            var first = Instant.FromDateTimeOffset(from).InZone(zone).Date.PlusDays(-1);
            var last = Instant.FromDateTimeOffset(to).InZone(zone).Date;
            foreach (var start in o.SessionStarts().SkipWhile(s => s.Date < first).TakeWhile(s => s.Date <= last))
            {
                var startsAt = LocalTimes.InstantOf(start, zone);
                var endsAt = startsAt + length;
                if (startsAt.ToDateTimeOffset() >= to || endsAt.ToDateTimeOffset() <= from)
                {
                    continue;
                }
                // By function the host is whoever holds it on the session's date (a hand-over changes it from its first day).
                var host = o.HostOn(start.Date, roster);
                items.Add(new AgendaItem(null, LocalTimes.Format(start), LocalTimes.WithOffset(startsAt, zone), LocalTimes.WithOffset(endsAt, zone),
                    $"Spreekuur {host.Text}", OfficeHourKind, Activity.VisibilityName(Visibility.Public), o.AreaId, null, o.TimeZone,
                    o.BlockedDates.Contains(start.Date) ? "cancelled" : "scheduled", false, null, o.Recurrence is not null, VenueDto.From(o.Venue),
                    o.OnlineUrl, null, 0, null, o.Sequence)
                {
                    OfficeHourId = o.Id,
                    Host = HostDto.Of(host, o.HostByFunction),
                    Mode = OfficeHourResponse.ModeName(o.Mode),
                    WalkInUntil = o.WalkInMinutes > 0 ? LocalTimes.WithOffset(startsAt + Duration.FromMinutes(o.WalkInMinutes), zone) : null,
                });
            }
        }
        return items;
    }

    /// <summary>The agenda's kind for an office hour's session.</summary>
    public const string OfficeHourKind = "office-hour";

    private static bool IncludesOfficeHours(string kinds) =>
        kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(OfficeHourKind);

    private sealed record AgendaRow(
        Guid ActivityId, LocalDateTime OriginalStart, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Title, ActivityKind Kind,
        Visibility Visibility, Guid AreaId, Theme? Theme, string TimeZone, bool Cancelled, bool Moved, string? Reason, bool Recurring,
        Venue? Venue, string? OnlineUrl, int? Capacity, int Registered, Guid? InitiativeId, int Sequence, LocalDateTime Start, string? HostFunction)
    {
        /// <summary>The line, with the holder of its host function on the occurrence's date (the same resolution as an office hour's).</summary>
        public AgendaItem Item(HostRoster roster)
        {
            var zone = LocalTimes.Zone(TimeZone);
            return new AgendaItem(ActivityId, LocalTimes.Format(OriginalStart), OccurrenceResponse.Offset(StartsAt, zone),
                OccurrenceResponse.Offset(EndsAt, zone), Title, Activity.KindName(Kind), Activity.VisibilityName(Visibility), AreaId, Theme, TimeZone, Cancelled ? "cancelled" : "scheduled",
                Moved, Reason, Recurring, VenueDto.From(Venue), OnlineUrl, Capacity, Registered, InitiativeId, Sequence)
            {
                Host = HostFunction is { } function ? HostDto.Of(roster.HostOn(function, AreaId, Start.Date)) : null,
            };
        }
    }

    /// <summary>The period asked for as instants: dates are whole days in the municipality's zone; at most a year.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) PeriodOf(AgendaQuery query, DateTimeZone zone, DateTimeOffset now)
    {
        var from = query.From is null
            ? LocalTimes.InstantOf(LocalTimes.Today(now, zone).AtMidnight(), zone)
            : Moment(query.From, "from", zone, endOfDay: false);
        var to = query.To is null
            ? LocalTimes.InstantOf(from.InZone(zone).Date.PlusMonths(1).AtMidnight(), zone)
            : Moment(query.To, "to", zone, endOfDay: true);
        if (to <= from)
        {
            throw RuleException.Invalid("to", "The period ends after it starts.");
        }
        if (to > LocalTimes.InstantOf(from.InZone(zone).LocalDateTime.Plus(MaxPeriod), zone))
        {
            throw RuleException.Invalid("to", "The agenda shows at most a year at a time.");
        }
        return (from.ToDateTimeOffset(), to.ToDateTimeOffset());
    }

    private static Instant Moment(string text, string field, DateTimeZone zone, bool endOfDay)
    {
        if (text.Length == 10)
        {
            var date = LocalTimes.ParseDate(text, field);
            return LocalTimes.InstantOf((endOfDay ? date.PlusDays(1) : date).AtMidnight(), zone);
        }
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? Instant.FromDateTimeOffset(instant)
            : throw RuleException.Invalid(field, $"'{text}' is not a date (2026-12-01) or an instant with offset (2026-12-01T00:00+01:00).");
    }

    private static List<ActivityKind>? Kinds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => name switch
        {
            "activity" => ActivityKind.Activity,
            "network-meeting" => ActivityKind.NetworkMeeting,
            "milestone" => ActivityKind.Milestone,
            OfficeHourKind => (ActivityKind?)null,
            _ => throw RuleException.Invalid("kind", $"'{name}' is not a kind: activity, network-meeting, milestone or office-hour."),
        }).OfType<ActivityKind>()];
    }
}
