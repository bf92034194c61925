using System.Net;
using System.Net.Http.Json;
using Buurt.Testing;
using static Buurt.Calendar.Tests.CalendarService;
using IcalCalendar = Ical.Net.Calendar;

namespace Buurt.Calendar.Tests;

/// <summary>
/// A person's own calendar: the private feed of their registrations and bookings (revocable, ETag),
/// one .ics per booking with the zone's rules, and office hours in the wijk agenda.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class PersonalFeedTests(CalendarService service)
{
    private async Task<(Guid OfficeHour, Guid Booking)> BookAsync(string host, string start)
    {
        var officeHour = (await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours", new
        {
            areaId = Zuid, host = new { function = "wijkagent", name = host }, start = "2027-04-06T09:00", end = "2027-04-06T10:00",
            recurrence = new { frequency = "weekly", count = 4 }, slotMinutes = 20, bufferMinutes = 10, horizonDays = 366,
            location = new { name = "Politiebureau Hilversum" },
        }).OkAsync()).GetProperty("id").GetGuid();
        var booking = await (await service.AsAsync(Demo.ResidentOost)).PostAsJsonAsync($"{Root}/bookings", new { officeHourId = officeHour, start, topic = "Fietsendiefstal" }).OkAsync();
        return (officeHour, booking.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_booking_has_its_own_ics_with_the_zones_rules_a_stable_uid_and_a_sequence_that_rises_when_cancelled()
    {
        var (_, booking) = await BookAsync("Kees Wijkagent", "2027-04-13T09:30+02:00");
        var resident = await service.AsAsync(Demo.ResidentOost);

        var response = await resident.GetAsync($"{Root}/bookings/{booking}/booking.ics");

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:DAYLIGHT", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:STANDARD", text, StringComparison.Ordinal);
        var e = Assert.Single(IcalCalendar.Load(text)!.Events);
        Assert.Equal(($"{booking}@buurt", 0, "Europe/Amsterdam"), (e.Uid, e.Sequence, e.DtStart!.TzId));
        Assert.Equal(new DateTimeOffset(2027, 4, 13, 7, 30, 0, TimeSpan.Zero), e.DtStart.AsUtc);
        await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/bookings/{booking}/booking.ics").ProblemAsync(HttpStatusCode.NotFound);

        await resident.PostAsJsonAsync($"{Root}/bookings/{booking}/cancellation", new { }).OkAsync();

        var cancelled = Assert.Single(IcalCalendar.Load(await resident.GetStringAsync($"{Root}/bookings/{booking}/booking.ics"))!.Events);
        Assert.Equal(($"{booking}@buurt", 1, "CANCELLED"), (cancelled.Uid, cancelled.Sequence, cancelled.Status));
    }

    [Fact]
    public async Task The_private_feed_holds_my_registrations_and_bookings_answers_304_when_unchanged_and_can_be_revoked()
    {
        var (_, booking) = await BookAsync("Lotte Wijkagent", "2027-04-20T09:00+02:00");
        var activity = (await service.ScheduleAsync(CalendarService.Body("2027-04-21T19:00", "2027-04-21T21:00", change: b => b["registration"] = new { capacity = 5 })))
            .GetProperty("id").GetGuid();
        var resident = await service.AsAsync(Demo.ResidentOost);
        var registration = (await resident.PostAsync($"{Root}/activities/{activity}/occurrences/2027-04-21T19:00/registrations", null).OkAsync()).GetProperty("id").GetGuid();
        var path = (await resident.PostAsync($"{Root}/me/feed", null).OkAsync()).GetProperty("path").GetString()!;

        var feed = await service.Client().GetAsync(path);

        var calendar = IcalCalendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Contains(calendar.Events, e => e.Uid == $"{booking}@buurt" && e.Summary!.Contains("Lotte Wijkagent", StringComparison.Ordinal));
        Assert.Contains(calendar.Events, e => e.Uid == $"{registration}@buurt" && e.Summary == "Koffieochtend"
            && e.DtStart!.AsUtc == new DateTimeOffset(2027, 4, 21, 17, 0, 0, TimeSpan.Zero));
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Amsterdam");
        var again = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "If-None-Match", feed.Headers.ETag!.Tag } } };
        Assert.Equal(HttpStatusCode.NotModified, (await service.Client().SendAsync(again)).StatusCode);

        // A new address ends the old one; revoking ends the new one.
        var replaced = (await resident.PostAsync($"{Root}/me/feed", null).OkAsync()).GetProperty("path").GetString()!;
        await service.Client().GetAsync(path).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await service.Client().GetAsync(replaced)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await resident.DeleteAsync($"{Root}/me/feed")).StatusCode);
        await service.Client().GetAsync(replaced).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_agenda_merges_office_hour_sessions_with_activities_in_order_of_start()
    {
        var (officeHour, _) = await BookAsync("Mila Wijkagent", "2027-04-27T09:00+02:00");
        await service.ScheduleAsync(CalendarService.Body("2027-04-27T08:00", "2027-04-27T08:30"));

        var agenda = await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&from=2027-04-27&to=2027-04-27").OkAsync();
        var onlyOfficeHours = await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&from=2027-04-27&to=2027-04-27&kind=office-hour").OkAsync();

        var items = agenda.GetProperty("items").EnumerateArray().ToList();
        var session = Assert.Single(items, i => i.GetProperty("kind").GetString() == "office-hour"
            && i.GetProperty("officeHourId").GetGuid() == officeHour);
        Assert.Equal(("2027-04-27T09:00:00+02:00", "Mila Wijkagent"), (session.GetProperty("start").GetString(),
            session.GetProperty("host").GetProperty("name").GetString()));
        Assert.Equal(items.Select(i => i.GetProperty("start").GetDateTimeOffset()).Order(), items.Select(i => i.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(items.Count, agenda.GetProperty("total").GetInt32());
        Assert.All(onlyOfficeHours.GetProperty("items").EnumerateArray(), i => Assert.Equal("office-hour", i.GetProperty("kind").GetString()));
    }
}
