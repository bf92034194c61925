using System.Net;
using System.Net.Http.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.UseCases;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// Changing an office hour once scheduled (PUT): the new state with the same rules as scheduling, and
/// never a booking lost in silence — bookings whose slot and host stay are kept, the others are
/// cancelled (the resident told) only when the planner confirms with <c>cancelBookings</c>.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class OfficeHourChangeTests(CalendarService service)
{
    /// <summary>OfficeHourTests' weekly Tuesday office hour 19:00–20:00 (slots of 15 minutes with 5 between), from March.</summary>
    private static Dictionary<string, object?> Body(string host, Action<Dictionary<string, object?>>? change = null) =>
        OfficeHourTests.Body(host, "2027-03-02T19:00", "2027-03-02T20:00", change);

    private async Task<Guid> ScheduleAsync(Dictionary<string, object?> body) =>
        (await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours", body).OkAsync()).GetProperty("id").GetGuid();

    private async Task<Guid> BookAsync(string account, Guid officeHour, string start) =>
        (await (await service.AsAsync(account)).PostAsJsonAsync($"{Root}/bookings", new { officeHourId = officeHour, start, topic = "Parkeren" }).OkAsync())
            .GetProperty("id").GetGuid();

    private Task<(int Sequence, int Cancelled, string Location)> StateAsync(Guid officeHour) => service.InScopeAsync(Demo.Hilversum, async s =>
    {
        var db = s.GetRequiredService<CalendarDbContext>();
        var o = await db.OfficeHours.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == officeHour);
        return (o.Sequence, await db.Bookings.IgnoreQueryFilters().CountAsync(b => b.OfficeHourId == officeHour && b.CancelledAt != null), o.Venue!.Name);
    });

    [Fact]
    public async Task A_change_that_keeps_every_slot_keeps_the_bookings_and_the_resident_sees_the_new_place()
    {
        var id = await ScheduleAsync(Body("Lotte Wijnands"));
        var booking = await BookAsync(Demo.Resident, id, "2027-03-09T19:20");
        var director = await service.AsAsync(Demo.Director);

        var changed = await director.PutAsJsonAsync($"{Root}/office-hours/{id}", Body("Lotte Wijnands", b =>
        {
            b["location"] = new { name = "Buurthuis Lopes Dias", address = "Hilversum Zuid" };
            // Two more sessions and a longer horizon: every booked slot is still there.
            b["recurrence"] = new { frequency = "weekly", count = 10 };
        })).OkAsync();

        Assert.Equal(("Buurthuis Lopes Dias", 1, 0), (changed.GetProperty("location").GetProperty("name").GetString(), changed.GetProperty("sequence").GetInt32(),
            changed.GetProperty("cancelledBookings").GetArrayLength()));
        var mine = await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/bookings/{booking}").OkAsync();
        Assert.Equal("confirmed", mine.GetProperty("status").GetString());
        Assert.DoesNotContain(await service.EventsAsync(booking), e => e.Type == "BookingCancelled");
        // The sessions are told again with the new place.
        var planned = await service.Published.WaitForAsync<Contracts.Calendar.OfficeHourSessionsPlanned>(e => e.OfficeHourId == id && e.Location!.Contains("Lopes Dias"));
        Assert.Equal(10, planned.Sessions.Count);
    }

    [Fact]
    public async Task A_change_that_drops_booked_slots_is_refused_without_the_confirmation_and_cancels_them_with_it()
    {
        var id = await ScheduleAsync(Body("Joost Hendriks"));
        var kept = await BookAsync(Demo.Resident, id, "2027-03-09T19:00");
        var dropped = await BookAsync(Demo.ResidentOost, id, "2027-03-16T19:40");
        var director = await service.AsAsync(Demo.Director);
        // 19:00–19:40: the 19:40 slot is gone, 19:00 stays.
        var shorter = Body("Joost Hendriks", b => b["end"] = "2027-03-02T19:40");
        var before = await StateAsync(id);

        var refused = await director.PutAsJsonAsync($"{Root}/office-hours/{id}", shorter).ProblemAsync(HttpStatusCode.BadRequest, "cancelBookings");

        Assert.Contains("2027-03-16T19:40", refused.GetProperty("errors").GetProperty("cancelBookings")[0].GetString());
        Assert.Equal(before, await StateAsync(id));

        shorter["cancelBookings"] = true;
        var changed = await director.PutAsJsonAsync($"{Root}/office-hours/{id}", shorter).OkAsync();

        Assert.Equal([dropped], changed.GetProperty("cancelledBookings").EnumerateArray().Select(b => b.GetGuid()));
        var oost = await (await service.AsAsync(Demo.ResidentOost)).GetAsync($"{Root}/bookings/{dropped}").OkAsync();
        Assert.Equal(("cancelled", OfficeHours.ChangedReason), (oost.GetProperty("status").GetString(), oost.GetProperty("cancelReason").GetString()));
        var told = (await service.EventsAsync(dropped)).Single(e => e.Type == "BookingCancelled").Payload;
        Assert.Equal((false, OfficeHours.ChangedReason, "Joost Hendriks"), (told.GetProperty("byResident").GetBoolean(), told.GetProperty("reason").GetString(),
            told.GetProperty("hostName").GetString()));
        Assert.Equal("confirmed", (await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/bookings/{kept}").OkAsync()).GetProperty("status").GetString());
        // The freed slot is no slot any more; the kept one is still taken.
        var slots = (await service.Client().GetAsync($"{Root}/office-hours/{id}/slots?from=2027-03-09&to=2027-03-16").OkAsync()).GetProperty("items");
        Assert.Equal(["taken", "free", "free", "free"], slots.EnumerateArray().Select(s => s.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Another_host_or_slot_length_does_not_fit_a_booking()
    {
        var id = await ScheduleAsync(Body("Mirjam Bos"));
        var booking = await BookAsync(Demo.Resident, id, "2027-03-09T19:20");
        var director = await service.AsAsync(Demo.Director);

        await director.PutAsJsonAsync($"{Root}/office-hours/{id}", Body("Mirjam Bos", b => b["slotMinutes"] = 20)).ProblemAsync(HttpStatusCode.BadRequest, "cancelBookings");
        await director.PutAsJsonAsync($"{Root}/office-hours/{id}", Body("Ruud Bos")).ProblemAsync(HttpStatusCode.BadRequest, "cancelBookings");
        // A longer buffer moves the slots (19:00, 19:25): 19:20 is no slot any more.
        await director.PutAsJsonAsync($"{Root}/office-hours/{id}", Body("Mirjam Bos", b => b["bufferMinutes"] = 10)).ProblemAsync(HttpStatusCode.BadRequest, "cancelBookings");

        Assert.Equal((0, 0), ((await StateAsync(id)).Sequence, (await StateAsync(id)).Cancelled));
        Assert.Equal("confirmed", (await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/bookings/{booking}").OkAsync()).GetProperty("status").GetString());
    }

    public static TheoryData<string, Action<Dictionary<string, object?>>, string> BadChanges => new()
    {
        { "end before start", b => b["end"] = "2027-03-02T18:00", "end" },
        { "another wijk", b => b["areaId"] = Demo.VoorbeeldstadNoord, "areaId" },
        { "a slot too long", b => b["slotMinutes"] = 500, "slotMinutes" },
        { "a horizon of 0", b => b["horizonDays"] = 0, "horizonDays" },
        { "an unknown zone", b => b["timeZone"] = "Europe/Nergens", "timeZone" },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_a_problem_naming_the_field_and_changes_nothing(string why, Action<Dictionary<string, object?>> change, string field)
    {
        var id = await ScheduleAsync(Body($"Host {why}"));
        var before = await StateAsync(id);

        await (await service.AsAsync(Demo.Director)).PutAsJsonAsync($"{Root}/office-hours/{id}", Body($"Host {why}", change)).ProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await StateAsync(id));
    }

    [Fact]
    public async Task Only_the_wijks_planners_change_an_office_hour_and_an_unknown_one_is_404()
    {
        var id = await ScheduleAsync(Body("Sanne Prins"));

        await (await service.AsAsync(Demo.Resident)).PutAsJsonAsync($"{Root}/office-hours/{id}", Body("Sanne Prins")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(Demo.BudgetController)).PutAsJsonAsync($"{Root}/office-hours/{id}", Body("Sanne Prins")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().PutAsJsonAsync($"{Root}/office-hours/{id}", Body("Sanne Prins"))).StatusCode);
        await (await service.AsAsync(Demo.Director)).PutAsJsonAsync($"{Root}/office-hours/{Guid.CreateVersion7()}", Body("Sanne Prins")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await StateAsync(id)).Sequence);
    }
}
