using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Initiatives;
using Buurt.ServiceDefaults.Domain;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// Office hours: slots from the sessions, bookings that never overlap for a host (the exclusion
/// constraint), minimum notice, horizon, holidays and blocked dates, the cancel link and staff cancellations.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class OfficeHourTests(CalendarService service)
{
    /// <summary>A weekly Tuesday office hour 19:00–20:00 of its own host, slots of 15 minutes with 5 between them.</summary>
    internal static Dictionary<string, object?> Body(string host, string start = "2027-01-05T19:00", string end = "2027-01-05T20:00",
        Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["areaId"] = Zuid,
            ["host"] = new { function = "wijkwethouder", name = host },
            ["start"] = start,
            ["end"] = end,
            ["recurrence"] = new { frequency = "weekly", count = 8 },
            ["slotMinutes"] = 15,
            ["bufferMinutes"] = 5,
            ["location"] = new { name = "Wijkcentrum De Geus", address = "Hilversum Zuid" },
            ["minimumNoticeHours"] = 24,
            ["horizonDays"] = 366,
        };
        change?.Invoke(body);
        return body;
    }

    private async Task<Guid> ScheduleAsync(Dictionary<string, object?> body) =>
        (await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours", body).OkAsync()).GetProperty("id").GetGuid();

    private Task<int> CountBookingsAsync() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().Bookings.IgnoreQueryFilters().CountAsync());

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, Guid officeHour, string start, string? topic = "Parkeren") =>
        client.PostAsJsonAsync($"{Root}/bookings", new { officeHourId = officeHour, start, topic, question = "Kan er een blauwe zone komen?" });

    [Fact]
    public async Task A_resident_lists_the_free_slots_books_one_and_it_is_taken_for_everyone_else()
    {
        var id = await ScheduleAsync(Body("Anna de Vries"));
        var resident = await service.AsAsync(Demo.Resident);

        var slots = await service.Client().GetAsync($"{Root}/office-hours/{id}/slots?from=2027-01-05&to=2027-01-12").OkAsync();

        Assert.Equal(["2027-01-05T19:00:00+01:00", "2027-01-05T19:20:00+01:00", "2027-01-05T19:40:00+01:00",
            "2027-01-12T19:00:00+01:00", "2027-01-12T19:20:00+01:00", "2027-01-12T19:40:00+01:00"],
            slots.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("start").GetString()));
        Assert.All(slots.GetProperty("items").EnumerateArray(), s => Assert.True(s.GetProperty("available").GetBoolean()));
        var booked = await BookAsync(resident, id, "2027-01-05T19:20:00+01:00");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = await booked.OkAsync();
        Assert.Equal(("confirmed", "2027-01-05T19:35:00+01:00", "2027-01-05T19:20"), (booking.GetProperty("status").GetString(),
            booking.GetProperty("end").GetString(), booking.GetProperty("localStart").GetString()));

        var after = (await service.Client().GetAsync($"{Root}/office-hours/{id}/slots?from=2027-01-05&to=2027-01-05").OkAsync()).GetProperty("items");
        Assert.Equal([true, false, true], after.EnumerateArray().Select(s => s.GetProperty("available").GetBoolean()));
        Assert.Equal("taken", after[1].GetProperty("state").GetString());
        var before = await CountBookingsAsync();
        var taken = await BookAsync(await service.AsAsync(Demo.ResidentOost), id, "2027-01-05T19:20:00+01:00").ProblemAsync(HttpStatusCode.Conflict);
        // Returned, not thrown (a rush's 199), it reads like every thrown rule's problem: the rule, the title, where, the trace.
        Assert.Equal(("Conflict", "This slot is taken: choose another from the free slots.", $"{Root}/bookings"),
            (taken.GetProperty("title").GetString(), taken.GetProperty("detail").GetString(), taken.GetProperty("instance").GetString()));
        Assert.False(string.IsNullOrEmpty(taken.GetProperty("traceId").GetString()));
        // The same slot written as local time is the same slot.
        await BookAsync(await service.AsAsync(Demo.ResidentOost), id, "2027-01-05T19:20").ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await CountBookingsAsync());
        var mine = await resident.GetAsync($"{Root}/me/bookings").OkAsync();
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == booking.GetProperty("id").GetGuid());
        var confirmed = await service.Published.WaitForAsync<BookingConfirmed>(e => e.BookingId == booking.GetProperty("id").GetGuid());
        Assert.Equal(("Anna de Vries", "2027-01-05T19:20", "Europe/Amsterdam"), (confirmed.HostName, confirmed.LocalStart, confirmed.TimeZone));
        Assert.Equal(booking.GetProperty("cancelToken").GetString(), confirmed.CancelToken);
    }

    [Fact]
    public async Task Twenty_at_once_for_one_slot_give_one_booking_and_nineteen_conflicts()
    {
        var id = await ScheduleAsync(Body("Bram Jansen"));

        var tries = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => service.InScopeAsync(Demo.Hilversum, async s =>
        {
            var outcome = await s.GetRequiredService<OfficeHours>().TryBookAsync(id, "2027-01-19T19:00+01:00", null, null, new Actor(Guid.NewGuid(), ["resident"], []), CancellationToken.None);
            return outcome.Refusal is { Kind: RuleKind.Conflict } ? "taken" : outcome.Booking is not null ? "booked" : "other";
        })));

        Assert.Equal(1, tries.Count(t => t == "booked"));
        Assert.Equal(19, tries.Count(t => t == "taken"));
    }

    [Fact]
    public async Task PostgreSQL_refuses_an_overlapping_booking_of_the_host_even_past_the_code_and_across_office_hours()
    {
        var first = await ScheduleAsync(Body("Carla Smit"));
        // The same host at 19:10 in another office hour: its 19:10 slot overlaps 19:00–19:15 plus the buffer.
        var second = await ScheduleAsync(Body("Carla Smit", "2027-01-05T19:10", "2027-01-05T20:10", b => b["areaId"] = Zuid));
        var resident = await service.AsAsync(Demo.Resident);
        await BookAsync(resident, first, "2027-01-26T19:00+01:00").OkAsync();

        await BookAsync(await service.AsAsync(Demo.ResidentOost), second, "2027-01-26T19:10+01:00").ProblemAsync(HttpStatusCode.Conflict);
        var slots = (await service.Client().GetAsync($"{Root}/office-hours/{second}/slots?from=2027-01-26&to=2027-01-26").OkAsync()).GetProperty("items");
        Assert.Equal("taken", slots[0].GetProperty("state").GetString());

        // Straight into the table, past every check: the exclusion constraint still says no.
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => service.InScopeAsync(Demo.Hilversum, async s =>
        {
            var db = s.GetRequiredService<CalendarDbContext>();
            var officeHour = await db.OfficeHours.SingleAsync(o => o.Id == second);
            var start = NodaTime.Instant.FromUtc(2027, 1, 26, 18, 10);
            db.Bookings.Add(Booking.Book(officeHour, new Slot(start, start + NodaTime.Duration.FromMinutes(15), start + NodaTime.Duration.FromMinutes(20)), HostRoster.Empty,
                Guid.NewGuid(), null, null, DateTimeOffset.UtcNow).Booking);
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(CalendarDbContext.HostFreeConstraint, Assert.IsType<PostgresException>(error.InnerException).ConstraintName);
    }

    [Fact]
    public async Task The_cancel_link_shows_on_GET_cancels_on_POST_and_frees_the_slot()
    {
        var id = await ScheduleAsync(Body("Dirk Bakker"));
        var booking = await BookAsync(await service.AsAsync(Demo.Resident), id, "2027-02-02T19:40+01:00").OkAsync();
        var link = booking.GetProperty("cancelPath").GetString()!;

        var shown = await service.Client().GetAsync(link).OkAsync();
        Assert.Equal("confirmed", shown.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("cancelToken").ValueKind);
        Assert.Equal("confirmed", (await service.Client().GetAsync(link).OkAsync()).GetProperty("status").GetString());

        var cancelled = await service.Client().PostAsync(link, null).OkAsync();

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await service.Client().PostAsync(link, null).ProblemAsync(HttpStatusCode.Conflict);
        await service.Client().PostAsync($"{Root}/booking-cancellations/not-a-token", null).ProblemAsync(HttpStatusCode.NotFound);
        var told = await service.Published.WaitForAsync<BookingCancelled>(e => e.BookingId == booking.GetProperty("id").GetGuid());
        Assert.True(told.ByResident);
        await BookAsync(await service.AsAsync(Demo.ResidentOost), id, "2027-02-02T19:40+01:00").OkAsync();
    }

    [Fact]
    public async Task Staff_cancel_with_a_reason_and_another_resident_cannot_cancel()
    {
        var id = await ScheduleAsync(Body("Eva Visser"));
        var booking = (await BookAsync(await service.AsAsync(Demo.Resident), id, "2027-02-09T19:00+01:00").OkAsync()).GetProperty("id").GetGuid();
        var director = await service.AsAsync(Demo.Director);

        await (await service.AsAsync(Demo.ResidentOost)).PostAsJsonAsync($"{Root}/bookings/{booking}/cancellation", new { }).ProblemAsync(HttpStatusCode.NotFound);
        await (await service.AsAsync(Demo.ResidentOost)).GetAsync($"{Root}/bookings/{booking}").ProblemAsync(HttpStatusCode.NotFound);
        await director.PostAsJsonAsync($"{Root}/bookings/{booking}/cancellation", new { }).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        var cancelled = await director.PostAsJsonAsync($"{Root}/bookings/{booking}/cancellation", new { reason = "De wethouder is ziek." }).OkAsync();

        Assert.Equal(("cancelled", "De wethouder is ziek."), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelReason").GetString()));
        var told = (await service.EventsAsync(booking)).Single(e => e.Type == "BookingCancelled").Payload;
        Assert.Equal((false, "De wethouder is ziek."), (told.GetProperty("byResident").GetBoolean(), told.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task The_wijks_planners_list_its_coming_bookings_with_topic_and_question_and_nobody_else_does()
    {
        var id = await ScheduleAsync(Body("Iris Smit"));
        var booking = (await BookAsync(await service.AsAsync(Demo.Resident), id, "2027-02-02T19:20+01:00", topic: "Groen").OkAsync()).GetProperty("id").GetGuid();
        var gone = (await BookAsync(await service.AsAsync(Demo.ResidentOost), id, "2027-02-02T19:40+01:00").OkAsync()).GetProperty("id").GetGuid();
        var director = await service.AsAsync(Demo.Director);
        await director.PostAsJsonAsync($"{Root}/bookings/{gone}/cancellation", new { reason = "Dubbel" }).OkAsync();

        var listed = (await (await service.AsAsync(Demo.Alderman)).GetAsync($"{Root}/bookings?areaId={Zuid}&officeHourId={id}&from=2027-02-02").OkAsync())
            .GetProperty("items").EnumerateArray().ToList();

        // The cancelled one is not coming; the other says what it is about.
        var only = Assert.Single(listed);
        Assert.Equal((booking, "Groen", "Kan er een blauwe zone komen?", "2027-02-02T19:20"), (only.GetProperty("id").GetGuid(),
            only.GetProperty("topic").GetString(), only.GetProperty("question").GetString(), only.GetProperty("localStart").GetString()));
        // From a later date it is gone; without a date, from now on (2027 is still to come).
        Assert.Empty((await director.GetAsync($"{Root}/bookings?areaId={Zuid}&officeHourId={id}&from=2027-02-03").OkAsync()).GetProperty("items").EnumerateArray());
        Assert.Single((await director.GetAsync($"{Root}/bookings?areaId={Zuid}&officeHourId={id}").OkAsync()).GetProperty("items").EnumerateArray());
        await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/bookings?areaId={Zuid}").ProblemAsync(HttpStatusCode.Forbidden);
        await director.GetAsync($"{Root}/bookings?areaId={Demo.Oost1221}").ProblemAsync(HttpStatusCode.Forbidden);
        await director.GetAsync($"{Root}/bookings").ProblemAsync(HttpStatusCode.BadRequest, "areaId");
        await director.GetAsync($"{Root}/bookings?areaId={Zuid}&from=morgen").ProblemAsync(HttpStatusCode.BadRequest, "from");
    }

    public static TheoryData<string, string, string, string> BadBookings => new()
    {
        { "in the past", "{past}", "2025-01-07T19:00+01:00", "start" },
        { "within the minimum notice", "{soon}", "{tomorrow}", "start" },
        { "outside the horizon", "{short}", "2027-06-01T19:00+02:00", "start" },
        { "on a holiday", "{main}", "2027-02-16T19:00+01:00", "start" },
        { "on a blocked date", "{main}", "2027-02-23T19:00+01:00", "start" },
        { "not on a slot boundary", "{main}", "2027-02-09T19:10+01:00", "start" },
        { "not in a session", "{main}", "2027-02-10T19:00+01:00", "start" },
        { "not a time", "{main}", "dinsdagavond", "start" },
        { "an office hour that does not exist", "{unknown}", "2027-02-09T19:00+01:00", "officeHourId" },
    };

    [Theory]
    [MemberData(nameof(BadBookings))]
    public async Task A_bad_booking_is_a_problem_naming_the_field_and_changes_nothing(string why, string officeHour, string start, string field)
    {
        var scene = await service.OnceAsync("bad-bookings", async () =>
        {
            var main = await ScheduleAsync(Body("Fleur Mulder", change: b => b["blockedDates"] = new[] { "2027-02-23" }));
            await service.PublishAsync(new HolidaysChanged(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, [new DateOnly(2027, 2, 16), new DateOnly(2026, 12, 25)]));
            await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().Holidays.AnyAsync()),
                what: "the holidays to be copied");
            var tomorrow = DateTime.UtcNow.AddDays(1).Date;
            var soon = await ScheduleAsync(Body("Gijs de Boer", $"{tomorrow:yyyy-MM-dd}T19:00", $"{tomorrow:yyyy-MM-dd}T20:00",
                b => { b["recurrence"] = null; b["minimumNoticeHours"] = 72; }));
            return new Dictionary<string, string>
            {
                ["{main}"] = main.ToString(),
                ["{past}"] = (await ScheduleAsync(Body("Hanna Bos", "2025-01-07T19:00", "2025-01-07T20:00"))).ToString(),
                ["{soon}"] = soon.ToString(),
                ["{tomorrow}"] = $"{tomorrow:yyyy-MM-dd}T19:00",
                ["{short}"] = (await ScheduleAsync(Body("Ivo Peters", change: b => { b["horizonDays"] = 30; b["recurrence"] = new { frequency = "weekly", count = 40 }; }))).ToString(),
                ["{unknown}"] = Guid.NewGuid().ToString(),
            };
        });
        var before = (await service.CountEverythingAsync(), await CountBookingsAsync());

        var problem = await BookAsync(await service.AsAsync(Demo.Resident), Guid.Parse(scene[officeHour]), scene.GetValueOrDefault(start, start))
            .ProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.False(string.IsNullOrEmpty(problem.GetProperty("errors").GetProperty(field)[0].GetString()), why);
        Assert.Equal(before, (await service.CountEverythingAsync(), await CountBookingsAsync()));
    }

    [Fact]
    public async Task Holidays_and_blocked_dates_have_no_slots()
    {
        var id = await service.OnceAsync("bad-bookings-main", () => ScheduleAsync(Body("Joost Dekker", change: b => b["blockedDates"] = new[] { "2027-02-23" })));
        await service.PublishAsync(new HolidaysChanged(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, [new DateOnly(2027, 2, 16), new DateOnly(2026, 12, 25)]));
        await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().Holidays.AnyAsync()),
            what: "the holidays to be copied");

        var slots = await service.Client().GetAsync($"{Root}/office-hours/{id}/slots?from=2027-02-09&to=2027-02-23").OkAsync();

        Assert.Equal(["2027-02-09"], slots.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("start").GetString()![..10]).Distinct());
    }

    [Fact]
    public async Task A_date_blocked_after_a_booking_is_refused_at_once_though_the_service_kept_the_office_hour()
    {
        var id = await ScheduleAsync(Body("Kees Visser", "2027-03-02T19:00", "2027-03-02T20:00"));
        var resident = await service.AsAsync(Demo.Resident);
        // The first booking leaves the office hour in the service's copy (OfficeHourCache).
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(resident, id, "2027-03-02T19:00+01:00")).StatusCode);

        await (await service.AsAsync(Demo.Director)).PutAsync($"{Root}/office-hours/{id}/blocked-dates/2027-03-09", null).OkAsync();

        await BookAsync(resident, id, "2027-03-09T19:00+01:00").ProblemAsync(HttpStatusCode.BadRequest, "start");
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(resident, id, "2027-03-16T19:00+01:00")).StatusCode);
    }

    public static TheoryData<string, Dictionary<string, object?>, string> BadOfficeHours => new()
    {
        { "end before start", Body("X", "2027-01-05T19:00", "2027-01-05T18:00"), "end" },
        { "a session over midnight", Body("X", "2027-01-05T23:00", "2027-01-06T01:00"), "end" },
        { "an unknown zone", Body("X", change: b => b["timeZone"] = "Europe/Hilversum"), "timeZone" },
        { "no slot fits", Body("X", change: b => b["slotMinutes"] = 90), "slotMinutes" },
        { "slots of zero minutes", Body("X", change: b => b["slotMinutes"] = 0), "slotMinutes" },
        { "a negative buffer", Body("X", change: b => b["bufferMinutes"] = -5), "bufferMinutes" },
        { "no host", Body("X", change: b => b["host"] = null), "host" },
        { "a host without a function", Body("X", change: b => b["host"] = new { name = "X" }), "host.function" },
        { "a count past the horizon", Body("X", change: b => b["recurrence"] = new { frequency = "weekly", count = 150 }), "recurrence.count" },
        { "a blocked date that is none", Body("X", change: b => b["blockedDates"] = new[] { "morgen" }), "blockedDates" },
        { "a horizon of zero days", Body("X", change: b => b["horizonDays"] = 0), "horizonDays" },
        { "another municipality's wijk", Body("X", change: b => b["areaId"] = Demo.VoorbeeldstadNoord), "areaId" },
    };

    [Theory]
    [MemberData(nameof(BadOfficeHours))]
    public async Task A_bad_office_hour_is_a_problem_naming_the_field_and_changes_nothing(string why, Dictionary<string, object?> body, string field)
    {
        var before = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().OfficeHours.IgnoreQueryFilters().CountAsync());

        var response = await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours", body);

        Assert.False(response.IsSuccessStatusCode, why);
        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().OfficeHours.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Only_the_wijks_planners_schedule_office_hours()
    {
        await (await service.AsAsync(Demo.Resident)).PostAsJsonAsync($"{Root}/office-hours", Body("Karin")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().PostAsJsonAsync($"{Root}/office-hours", Body("Karin"))).StatusCode);
    }

    [Fact]
    public async Task A_session_with_a_walk_in_hour_has_slots_only_after_it_and_the_agenda_says_until_when_it_is_walk_in()
    {
        var id = await ScheduleAsync(Body("Fatima El Amrani", "2027-06-15T19:00", "2027-06-15T21:00", b =>
        {
            b["walkInMinutes"] = 60;
            b["slotMinutes"] = 20;
            b["bufferMinutes"] = 10;
        }));
        var resident = await service.AsAsync(Demo.Resident);

        var officeHour = await service.Client().GetAsync($"{Root}/office-hours/{id}").OkAsync();
        var slots = await service.Client().GetAsync($"{Root}/office-hours/{id}/slots?from=2027-06-15&to=2027-06-15").OkAsync();

        Assert.Equal(("both", 60, 20), (officeHour.GetProperty("mode").GetString(), officeHour.GetProperty("walkInMinutes").GetInt32(),
            officeHour.GetProperty("slotMinutes").GetInt32()));
        Assert.Equal(["2027-06-15T20:00:00+02:00", "2027-06-15T20:30:00+02:00"],
            slots.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("start").GetString()));
        await BookAsync(resident, id, "2027-06-15T19:00").ProblemAsync(HttpStatusCode.BadRequest, "start");
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(resident, id, "2027-06-15T20:30")).StatusCode);
        var session = (await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&kind=office-hour&from=2027-06-15&to=2027-06-15").OkAsync())
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("officeHourId").GetGuid() == id);
        Assert.Equal(("both", "2027-06-15T19:00:00+02:00", "2027-06-15T20:00:00+02:00", "2027-06-15T21:00:00+02:00"),
            (session.GetProperty("mode").GetString(), session.GetProperty("start").GetString(), session.GetProperty("walkInUntil").GetString(),
                session.GetProperty("end").GetString()));
    }

    [Fact]
    public async Task A_walk_in_office_hour_has_no_slots_and_takes_no_bookings()
    {
        var id = await ScheduleAsync(Body("Mehmet Yilmaz", "2027-06-15T14:00", "2027-06-15T16:00", b =>
        {
            b.Remove("slotMinutes");
            b.Remove("bufferMinutes");
        }));

        var officeHour = await service.Client().GetAsync($"{Root}/office-hours/{id}").OkAsync();
        var slots = await service.Client().GetAsync($"{Root}/office-hours/{id}/slots?from=2027-06-15&to=2027-06-22").OkAsync();

        Assert.Equal(("walk-in", 120, JsonValueKind.Null), (officeHour.GetProperty("mode").GetString(), officeHour.GetProperty("walkInMinutes").GetInt32(),
            officeHour.GetProperty("slotMinutes").ValueKind));
        Assert.Empty(slots.GetProperty("items").EnumerateArray());
        var before = await CountBookingsAsync();
        var problem = await BookAsync(await service.AsAsync(Demo.Resident), id, "2027-06-15T14:00").ProblemAsync(HttpStatusCode.BadRequest, "start");
        Assert.Contains("walk-in", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await CountBookingsAsync());
        var session = (await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&kind=office-hour&from=2027-06-22&to=2027-06-22").OkAsync())
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("officeHourId").GetGuid() == id);
        Assert.Equal(("walk-in", "2027-06-22T16:00:00+02:00"), (session.GetProperty("mode").GetString(), session.GetProperty("walkInUntil").GetString()));
    }

    [Theory]
    [InlineData(120, 15, 5, "walkInMinutes")] // all of the two hours walk-in, yet slots
    [InlineData(110, 15, 5, "walkInMinutes")] // no slot fits after the walk-in part
    [InlineData(-5, 15, 5, "walkInMinutes")]
    [InlineData(30, null, null, "slotMinutes")] // a walk-in part with nothing after it: leave slotMinutes out for walk-in only
    [InlineData(null, null, 5, "slotMinutes")] // a buffer without slots
    public async Task A_walk_in_part_that_does_not_fit_is_refused_naming_the_field(int? walkIn, int? slot, int? buffer, string field)
    {
        var before = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().OfficeHours.IgnoreQueryFilters().CountAsync());

        await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours", Body("Wim de Bruin", "2027-06-15T19:00", "2027-06-15T21:00", b =>
        {
            b["walkInMinutes"] = walkIn;
            b["slotMinutes"] = slot;
            b["bufferMinutes"] = buffer;
        })).ProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().OfficeHours.IgnoreQueryFilters().CountAsync()));
    }
}
