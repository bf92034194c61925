using System.Net;
using Buurt.Testing;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using static Buurt.Calendar.Tests.CalendarService;
using IcalCalendar = Ical.Net.Calendar;

namespace Buurt.Calendar.Tests;

/// <summary>
/// The wijk's public iCalendar feed, parsed back with Ical.Net: the zone's rules, the series with its
/// overrides, times across the clock changes equal to the agenda's, stable UIDs and SEQUENCE,
/// cancelled occurrences as cancelled, and ETag with If-None-Match.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class FeedTests(CalendarService service)
{
    // Each test has a wijk of its own: the feed is the whole wijk's.
    private static readonly Guid s_noordoost = Guid.Parse("e25e019c-96f9-5d9d-9785-204bed043e83");
    private static readonly Guid s_meent = Guid.Parse("eaf16b02-b197-51a9-8afe-000f743e10e5");
    private static readonly Guid s_zuidoost = Guid.Parse("302e390b-262c-5753-bf32-1fbee5356dc4");

    private static string Feed(Guid wijk) => $"{Root}/areas/{wijk}/agenda.ics";

    private async Task<(HttpResponseMessage Response, IcalCalendar Calendar)> ReadAsync(Guid wijk)
    {
        var response = await service.Client().GetAsync(Feed(wijk));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, IcalCalendar.Load(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Every occurrence in the year, as a calendar app expands it (bounded: GetOccurrences has no end).</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End, CalendarEvent Event)> Expand(IcalCalendar calendar, string from = "2027-01-01", string to = "2028-01-01")
    {
        var start = new CalDateTime(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), null, "UTC");
        var end = DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture);
        return [.. calendar.GetOccurrences(start).TakeWhile(o => o.Period.StartTime.AsUtc < end)
            .Select(o => (new DateTimeOffset(o.Period.StartTime.AsUtc), new DateTimeOffset(o.Period.EffectiveEndTime!.AsUtc), (CalendarEvent)o.Source))];
    }

    [Fact]
    public async Task The_feed_has_the_full_time_zone_the_series_and_its_overrides_with_times_across_both_changes()
    {
        var director = await service.AsAsync(Demo.Admin);
        var id = (await service.ScheduleAsync(Body("2027-03-15T19:00", "2027-03-15T21:00", s_noordoost,
            recurrence: new { frequency = "weekly", until = "2027-11-15" }, change: b => b["onlineUrl"] = "https://meet.example.nl/x"), Demo.Admin))
            .GetProperty("id").GetGuid();
        await director.PostAsync($"{Root}/activities/{id}/occurrences/2027-03-29T19:00/cancellation", null).OkAsync();
        await director.PutAsync($"{Root}/activities/{id}/occurrences/2027-11-01T19:00",
            System.Net.Http.Json.JsonContent.Create(new { start = "2027-11-02T20:00", end = "2027-11-02T22:00" })).OkAsync();
        await service.ScheduleAsync(Body("2027-04-01T10:00", "2027-04-01T11:00", s_noordoost, visibility: "network"), Demo.Admin);

        var (response, calendar) = await ReadAsync(s_noordoost);

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/Amsterdam", zone.TzId);
        Assert.Contains(zone.TimeZoneInfos, i => i.Name == "DAYLIGHT" && i.OffsetTo!.ToString() == "+0200");
        Assert.Contains(zone.TimeZoneInfos, i => i.Name == "STANDARD" && i.OffsetTo!.ToString() == "+0100");
        // The network meeting is not in the public feed: one series, two overrides.
        Assert.Equal(3, calendar.Events.Count);
        Assert.All(calendar.Events, e => Assert.Equal($"{id}@buurt", e.Uid));
        Assert.All(calendar.Events, e => Assert.Equal(2, e.Sequence));
        var master = calendar.Events.Single(e => e.RecurrenceIdentifier is null);
        Assert.Equal(new Uri($"http://localhost/api/calendar/v1/activities/{id}").AbsolutePath, master.Url!.AbsolutePath);
        Assert.Equal("Europe/Amsterdam", master.DtStart!.TzId);

        var occurrences = Expand(calendar);
        var agenda = (await (await service.AsAsync(Demo.Admin)).GetAsync($"{Root}/agenda?areaId={s_noordoost}&from=2027-01-01&to=2027-12-31&pageSize=100&kind=activity")
            .OkAsync()).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("visibility").GetString() == "public")
            .Select(i => (i.GetProperty("start").GetDateTimeOffset(), i.GetProperty("end").GetDateTimeOffset(), i.GetProperty("status").GetString()!)).ToList();
        Assert.Equal(agenda, occurrences.Select(o => (o.Start, o.End, o.Event.Status == "CANCELLED" ? "cancelled" : "scheduled")).ToList());
        // Across both changes: 19:00 local, so 18:00 UTC in winter and 17:00 UTC in summer.
        Assert.Contains(occurrences, o => o.Start == new DateTimeOffset(2027, 3, 22, 18, 0, 0, TimeSpan.Zero));
        Assert.Contains(occurrences, o => o.Start == new DateTimeOffset(2027, 4, 5, 17, 0, 0, TimeSpan.Zero));
        Assert.Contains(occurrences, o => o.Start == new DateTimeOffset(2027, 10, 25, 17, 0, 0, TimeSpan.Zero));
        Assert.Contains(occurrences, o => o.Start == new DateTimeOffset(2027, 11, 8, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal("CANCELLED", occurrences.Single(o => o.Start == new DateTimeOffset(2027, 3, 29, 17, 0, 0, TimeSpan.Zero)).Event.Status);
        Assert.Contains(occurrences, o => o.Start == new DateTimeOffset(2027, 11, 2, 19, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain(occurrences, o => o.Start == new DateTimeOffset(2027, 11, 1, 18, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task An_unchanged_feed_answers_304_and_a_change_gives_a_new_etag_and_a_higher_sequence()
    {
        var id = (await service.ScheduleAsync(Body("2027-05-10T19:00", "2027-05-10T20:00", s_meent,
            recurrence: new { frequency = "monthly", byDay = new[] { "2MO" }, count = 6 }), Demo.Admin)).GetProperty("id").GetGuid();
        var (first, _) = await ReadAsync(s_meent);
        var etag = first.Headers.ETag!;

        var again = new HttpRequestMessage(HttpMethod.Get, Feed(s_meent)) { Headers = { IfNoneMatch = { etag } } };
        var notModified = await service.Client().SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        await (await service.AsAsync(Demo.Admin)).PostAsync($"{Root}/activities/{id}/cancellation", null).OkAsync();
        var changed = await service.Client().SendAsync(new HttpRequestMessage(HttpMethod.Get, Feed(s_meent)) { Headers = { IfNoneMatch = { etag } } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var cancelled = Assert.Single(IcalCalendar.Load(await changed.Content.ReadAsStringAsync())!.Events);
        Assert.Equal(("CANCELLED", 1), (cancelled.Status, cancelled.Sequence));
        Assert.Equal("FREQ=MONTHLY;COUNT=6;BYDAY=2MO", cancelled.RecurrenceRule!.ToString());
    }

    [Fact]
    public async Task A_one_off_at_a_nonexistent_time_reads_back_as_the_agendas_instant()
    {
        await service.ScheduleAsync(Body("2027-03-28T02:30", "2027-03-28T04:00", s_zuidoost), Demo.Admin);
        await service.ScheduleAsync(Body("2027-10-31T02:30", "2027-10-31T04:00", s_zuidoost), Demo.Admin);

        var (_, calendar) = await ReadAsync(s_zuidoost);

        Assert.Equal(
            [(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 28, 2, 0, 0, TimeSpan.Zero)),
             (new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 10, 31, 3, 0, 0, TimeSpan.Zero))],
            Expand(calendar).Select(o => (o.Start, o.End)));
    }

    [Fact]
    public async Task A_feed_of_no_wijk_is_404_and_a_caller_with_a_token_gets_the_public_feed_too()
    {
        await service.Client().GetAsync($"{Root}/areas/{Guid.NewGuid()}/agenda.ics").ProblemAsync(HttpStatusCode.NotFound);
        await service.Client().GetAsync($"{Root}/areas/{Demo.ZuidNoord}/agenda.ics").ProblemAsync(HttpStatusCode.NotFound);

        var partner = await service.AsAsync(Demo.Partner);
        var feed = IcalCalendar.Load(await partner.GetStringAsync(Feed(Zuid)))!;
        Assert.DoesNotContain(feed.Events, e => e.Categories.Contains("network-meeting"));
        Assert.Contains(feed.Events, e => e.Summary == "Koffieochtend in De Geus");
    }
}
