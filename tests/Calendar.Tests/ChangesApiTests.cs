using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// Bad input and the wrong caller change nothing; single occurrences are cancelled and moved without
/// touching the series; changes and cancellations raise SEQUENCE and tell the other services.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class ChangesApiTests(CalendarService service)
{
    private static readonly Guid s_oost1223 = Demo.Oost1223;

    private static Dictionary<string, object?> With(string field, object? value, Dictionary<string, object?>? body = null)
    {
        body ??= Body("2027-02-01T19:00", "2027-02-01T21:00");
        body[field] = value;
        return body;
    }

    public static TheoryData<string, Dictionary<string, object?>, HttpStatusCode, string?> BadActivities => new()
    {
        { "end before start", With("end", "2027-02-01T18:00"), HttpStatusCode.BadRequest, "end" },
        { "end equal to start", With("end", "2027-02-01T19:00"), HttpStatusCode.BadRequest, "end" },
        { "eight days long", With("end", "2027-02-09T19:00"), HttpStatusCode.BadRequest, "end" },
        { "start with an offset", With("start", "2027-02-01T19:00+01:00"), HttpStatusCode.BadRequest, "start" },
        { "start not a time", With("start", "maandagavond"), HttpStatusCode.BadRequest, "start" },
        { "start missing", With("start", null), HttpStatusCode.BadRequest, "start" },
        { "start beyond two years", With("end", "2029-02-01T21:00", With("start", "2029-02-01T19:00")), HttpStatusCode.BadRequest, "start" },
        { "unknown zone", With("timeZone", "Europe/Hilversum"), HttpStatusCode.BadRequest, "timeZone" },
        { "title empty", With("title", ""), HttpStatusCode.BadRequest, "title" },
        { "title blank", With("title", "   "), HttpStatusCode.BadRequest, "title" },
        { "unknown kind", With("kind", "party"), HttpStatusCode.BadRequest, "kind" },
        { "unknown visibility", With("visibility", "secret"), HttpStatusCode.BadRequest, "visibility" },
        { "a buurt, not a wijk", With("areaId", Demo.ZuidNoord), HttpStatusCode.BadRequest, "areaId" },
        { "another municipality's wijk", With("areaId", Demo.VoorbeeldstadNoord), HttpStatusCode.BadRequest, "areaId" },
        { "no wijk at all", With("areaId", Guid.NewGuid()), HttpStatusCode.BadRequest, "areaId" },
        { "capacity zero", With("registration", new { capacity = 0 }), HttpStatusCode.BadRequest, "registration.capacity" },
        { "capacity negative", With("registration", new { capacity = -5 }), HttpStatusCode.BadRequest, "registration.capacity" },
        { "online link not a URL", With("onlineUrl", "teams vergadering"), HttpStatusCode.BadRequest, "onlineUrl" },
        { "online link not http", With("onlineUrl", "ftp://example.nl/x"), HttpStatusCode.BadRequest, "onlineUrl" },
        { "venue without name", With("location", new { address = "Hilversum" }), HttpStatusCode.BadRequest, "location.name" },
        { "venue lat out of range", With("location", new { name = "De Geus", lat = 95.0, lon = 5.1 }), HttpStatusCode.BadRequest, "location.lat" },
        { "weekday that does not exist", With("recurrence", new { frequency = "weekly", byDay = new[] { "MO", "XY" } }), HttpStatusCode.BadRequest, "recurrence.byDay" },
        { "weekday with a place in a weekly series", With("recurrence", new { frequency = "weekly", byDay = new[] { "1MO" } }), HttpStatusCode.BadRequest, "recurrence.byDay" },
        { "start not on the weekdays", With("recurrence", new { frequency = "weekly", byDay = new[] { "TU" } }), HttpStatusCode.BadRequest, "recurrence.byDay" },
        { "count and until together", With("recurrence", new { frequency = "weekly", count = 5, until = "2027-03-01" }), HttpStatusCode.BadRequest, "recurrence.count" },
        { "count zero", With("recurrence", new { frequency = "weekly", count = 0 }), HttpStatusCode.BadRequest, "recurrence.count" },
        { "count past the horizon", With("recurrence", new { frequency = "weekly", count = 150 }), HttpStatusCode.BadRequest, "recurrence.count" },
        { "until past the horizon", With("recurrence", new { frequency = "monthly", until = "2030-01-01" }), HttpStatusCode.BadRequest, "recurrence.until" },
        { "until before the start", With("recurrence", new { frequency = "weekly", until = "2027-01-01" }), HttpStatusCode.BadRequest, "recurrence.until" },
        { "until not a date", With("recurrence", new { frequency = "weekly", until = "volgend jaar" }), HttpStatusCode.BadRequest, "recurrence.until" },
        { "interval zero", With("recurrence", new { frequency = "weekly", interval = 0 }), HttpStatusCode.BadRequest, "recurrence.interval" },
        { "unknown frequency", With("recurrence", new { frequency = "daily" }), HttpStatusCode.BadRequest, "recurrence.frequency" },
        { "a milestone without initiative", With("kind", "milestone"), HttpStatusCode.BadRequest, "initiativeId" },
        { "a milestone of an unknown initiative", With("initiativeId", Guid.NewGuid(), With("kind", "milestone")), HttpStatusCode.BadRequest, "initiativeId" },
        { "an activity with an initiative", With("initiativeId", Guid.NewGuid()), HttpStatusCode.BadRequest, "initiativeId" },
    };

    [Theory]
    [MemberData(nameof(BadActivities))]
    public async Task A_bad_activity_is_a_problem_naming_the_field_and_changes_nothing(
        string why, Dictionary<string, object?> body, HttpStatusCode status, string? field)
    {
        var before = await service.CountEverythingAsync();

        var response = await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/activities", body);

        Assert.False(response.IsSuccessStatusCode, why);
        await response.ProblemAsync(status, field);
        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Demo.Resident, HttpStatusCode.Forbidden)]
    [InlineData(Demo.BudgetController, HttpStatusCode.Forbidden)]
    [InlineData(Demo.ResidentOost, HttpStatusCode.Forbidden)]
    public async Task Only_the_wijks_staff_and_partners_schedule(string? account, HttpStatusCode status)
    {
        var client = account is null ? service.Client() : await service.AsAsync(account);
        var before = await service.CountEverythingAsync();

        var response = await client.PostAsJsonAsync($"{Root}/activities", Body("2027-02-01T19:00", "2027-02-01T21:00"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Fact]
    public async Task The_director_of_Zuid_plans_Zuid_only_and_partners_and_the_alderman_plan_it_too()
    {
        var director = await service.AsAsync(Demo.Director);

        await director.PostAsJsonAsync($"{Root}/activities", Body("2027-02-02T19:00", "2027-02-02T20:00", s_oost1223)).ProblemAsync(HttpStatusCode.Forbidden);
        await service.ScheduleAsync(Body("2027-02-03T19:00", "2027-02-03T20:00"), Demo.Partner);
        await service.ScheduleAsync(Body("2027-02-03T19:00", "2027-02-03T20:00"), Demo.Alderman);
        await service.ScheduleAsync(Body("2027-02-03T19:00", "2027-02-03T20:00", s_oost1223), Demo.Admin);
    }

    private async Task<Guid> WeeklyAsync(string start, string end, int count = 6) =>
        (await service.ScheduleAsync(Body(start, end, recurrence: new { frequency = "weekly", count }))).GetProperty("id").GetGuid();

    private Task<JsonElement> OccurrencesAsync(Guid id) => service.Client().GetAsync($"{Root}/activities/{id}/occurrences?pageSize=100").OkAsync();

    [Fact]
    public async Task One_occurrence_is_cancelled_and_another_moved_without_touching_the_series()
    {
        var director = await service.AsAsync(Demo.Director);
        var id = await WeeklyAsync("2027-09-06T19:00", "2027-09-06T21:00");

        var cancelled = await director.PostAsJsonAsync($"{Root}/activities/{id}/occurrences/2027-09-13T19:00/cancellation", new { reason = "De zaal is bezet." }).OkAsync();
        var moved = await director.PutAsJsonAsync($"{Root}/activities/{id}/occurrences/2027-09-20T19:00",
            new { start = "2027-09-21T19:30", end = "2027-09-21T21:30", reason = "Een dag later." }).OkAsync();

        Assert.Equal(("cancelled", "De zaal is bezet."), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("reason").GetString()));
        Assert.Equal(("2027-09-20T19:00", "2027-09-21T19:30:00+02:00", true), (moved.GetProperty("occurrenceStart").GetString(),
            moved.GetProperty("start").GetString(), moved.GetProperty("moved").GetBoolean()));
        var occurrences = (await OccurrencesAsync(id)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, occurrences.Count);
        Assert.Equal(["scheduled", "cancelled", "scheduled", "scheduled", "scheduled", "scheduled"], occurrences.Select(o => o.GetProperty("status").GetString()));
        Assert.Equal(["2027-09-06T19:00", "2027-09-13T19:00", "2027-09-21T19:30", "2027-09-27T19:00", "2027-10-04T19:00", "2027-10-11T19:00"],
            occurrences.Select(o => o.GetProperty("localStart").GetString()));
        var activity = await service.Client().GetAsync($"{Root}/activities/{id}").OkAsync();
        Assert.Equal((2, "scheduled", "2027-09-06T19:00"), (activity.GetProperty("sequence").GetInt32(), activity.GetProperty("status").GetString(),
            activity.GetProperty("start").GetString()));
        Assert.Equal(["ActivityScheduled", "OccurrenceCancelled", "OccurrenceMoved"], (await service.EventsAsync(id)).Select(e => e.Type));
        var agenda = await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&from=2027-09-13&to=2027-09-21").OkAsync();
        var lines = agenda.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() != "office-hour" && i.GetProperty("activityId").GetGuid() == id).ToList();
        Assert.Equal([("cancelled", false), ("scheduled", true)], lines.Select(i => (i.GetProperty("status").GetString(), i.GetProperty("moved").GetBoolean())));
    }

    public static TheoryData<string, string, string, object?, HttpStatusCode, string?> BadOccurrenceChanges => new()
    {
        { "PUT", "2027-08-09T19:00", "", new { start = "2027-08-09T19:00", end = "2027-08-09T18:00" }, HttpStatusCode.BadRequest, "end" },
        { "PUT", "2027-08-09T19:00", "", new { start = "2027-08-09", end = "2027-08-09T21:00" }, HttpStatusCode.BadRequest, "start" },
        { "PUT", "2027-08-09T19:00", "", new { start = "2029-08-09T19:00", end = "2029-08-09T21:00" }, HttpStatusCode.BadRequest, "start" },
        { "PUT", "2027-08-10T19:00", "", new { start = "2027-08-10T19:00", end = "2027-08-10T21:00" }, HttpStatusCode.NotFound, null },
        { "PUT", "morgen", "", new { start = "2027-08-10T19:00", end = "2027-08-10T21:00" }, HttpStatusCode.NotFound, null },
        { "PUT", "{cancelled}", "", new { start = "2027-08-17T20:00", end = "2027-08-17T21:00" }, HttpStatusCode.Conflict, null },
        { "POST", "{cancelled}", "/cancellation", new { }, HttpStatusCode.Conflict, null },
        { "POST", "2027-08-11T19:00", "/cancellation", new { }, HttpStatusCode.NotFound, null },
    };

    [Theory]
    [MemberData(nameof(BadOccurrenceChanges))]
    public async Task A_bad_occurrence_change_is_a_problem_and_changes_nothing(
        string method, string occurrence, string suffix, object? body, HttpStatusCode status, string? field)
    {
        var id = await service.OnceAsync("bad-occurrences", async () =>
        {
            var weekly = await WeeklyAsync("2027-08-09T19:00", "2027-08-09T21:00");
            await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/activities/{weekly}/occurrences/2027-08-16T19:00/cancellation", new { }).OkAsync();
            return weekly;
        });
        var before = await service.CountEverythingAsync();
        var path = $"{Root}/activities/{id}/occurrences/{occurrence.Replace("{cancelled}", "2027-08-16T19:00", StringComparison.Ordinal)}{suffix}";

        var response = await (await service.AsAsync(Demo.Director)).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) });

        await response.ProblemAsync(status, field);
        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Fact]
    public async Task Changing_the_series_keeps_the_exceptions_on_dates_it_still_has_and_raises_the_sequence()
    {
        var director = await service.AsAsync(Demo.Director);
        var id = await WeeklyAsync("2027-10-04T19:00", "2027-10-04T21:00", count: 4);
        await director.PostAsJsonAsync($"{Root}/activities/{id}/occurrences/2027-10-11T19:00/cancellation", new { reason = "Herfstvakantie" }).OkAsync();

        // Half an hour later, five weeks: the 11th stays cancelled, now at 19:30.
        var changed = await director.PutAsJsonAsync($"{Root}/activities/{id}",
            Body("2027-10-04T19:30", "2027-10-04T21:30", recurrence: new { frequency = "weekly", count = 5 }, change: b => b["title"] = "Koffieavond")).OkAsync();

        Assert.Equal(("Koffieavond", 2, 5), (changed.GetProperty("title").GetString(), changed.GetProperty("sequence").GetInt32(), changed.GetProperty("occurrences").GetInt32()));
        var occurrences = (await OccurrencesAsync(id)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["2027-10-04T19:30", "2027-10-11T19:30", "2027-10-18T19:30", "2027-10-25T19:30", "2027-11-01T19:30"],
            occurrences.Select(o => o.GetProperty("occurrenceStart").GetString()));
        Assert.Equal("cancelled", occurrences[1].GetProperty("status").GetString());
        Assert.Equal("2027-11-01T19:30:00+01:00", occurrences[4].GetProperty("start").GetString());

        var cancelled = await director.PostAsJsonAsync($"{Root}/activities/{id}/cancellation", new { reason = "Geen vrijwilligers meer." }).OkAsync();
        Assert.Equal(("cancelled", 3), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("sequence").GetInt32()));
        await director.PostAsJsonAsync($"{Root}/activities/{id}/cancellation", new { }).ProblemAsync(HttpStatusCode.Conflict);
        await director.PutAsJsonAsync($"{Root}/activities/{id}", Body("2027-10-04T19:30", "2027-10-04T21:30")).ProblemAsync(HttpStatusCode.Conflict);
        var events = await service.EventsAsync(id);
        Assert.Equal(["ActivityScheduled", "OccurrenceCancelled", "ActivityChanged", "ActivityCancelled"], events.Select(e => e.Type));
        Assert.Equal([0, 1, 2, 3], events.Select(e => e.Payload.GetProperty("sequence").GetInt32()));
        Assert.All((await OccurrencesAsync(id)).GetProperty("items").EnumerateArray(), o => Assert.Equal("cancelled", o.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Another_wijks_staff_cannot_change_an_activity_and_a_resident_cannot_see_a_network_one()
    {
        var network = (await service.ScheduleAsync(Body("2027-02-10T14:00", "2027-02-10T15:00", visibility: "network"))).GetProperty("id").GetGuid();
        var oost = (await service.ScheduleAsync(Body("2027-02-10T14:00", "2027-02-10T15:00", s_oost1223), Demo.Admin)).GetProperty("id").GetGuid();
        var resident = await service.AsAsync(Demo.Resident);
        var director = await service.AsAsync(Demo.Director);
        var before = await service.CountEverythingAsync();

        await resident.PostAsJsonAsync($"{Root}/activities/{network}/cancellation", new { }).ProblemAsync(HttpStatusCode.NotFound);
        await director.PostAsJsonAsync($"{Root}/activities/{oost}/cancellation", new { }).ProblemAsync(HttpStatusCode.Forbidden);
        await director.PutAsJsonAsync($"{Root}/activities/{oost}/occurrences/2027-02-10T14:00", new { start = "2027-02-10T15:00", end = "2027-02-10T16:00" })
            .ProblemAsync(HttpStatusCode.Forbidden);
        await director.PutAsJsonAsync($"{Root}/activities/{network}", Body("2027-02-10T14:00", "2027-02-10T15:00", s_oost1223)).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(before, await service.CountEverythingAsync());
    }
}
