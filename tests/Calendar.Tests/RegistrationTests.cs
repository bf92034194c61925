using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// Registration per occurrence: a place or the waiting list in order, one per resident, the first
/// waiting one promoted when a place comes free, check-in codes and counts, and the events.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class RegistrationTests(CalendarService service)
{
    private async Task<Guid> WithCapacityAsync(string start, string end, int capacity, object? recurrence = null, string visibility = "public") =>
        (await service.ScheduleAsync(Body(start, end, visibility: visibility, recurrence: recurrence, change: b => b["registration"] = new { capacity })))
            .GetProperty("id").GetGuid();

    private static string Registrations(Guid activity, string occurrence) => $"{Root}/activities/{activity}/occurrences/{occurrence}/registrations";

    private Task<int> CountRegistrationsAsync() => service.InScopeAsync(Demo.Hilversum, s =>
        s.GetRequiredService<CalendarDbContext>().Registrations.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task Past_capacity_a_resident_waits_and_a_cancellation_promotes_the_first_waiting_one()
    {
        var id = await WithCapacityAsync("2027-03-01T19:00", "2027-03-01T21:00", 1, new { frequency = "weekly", count = 3 });
        var resident = await service.AsAsync(Demo.Resident);
        var oost = await service.AsAsync(Demo.ResidentOost);
        var partner = await service.AsAsync(Demo.Partner);
        var path = Registrations(id, "2027-03-08T19:00");

        var first = await resident.PostAsync(path, null);
        var second = await oost.PostAsync(path, null).OkAsync();
        var third = await partner.PostAsync(path, null).OkAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var placed = await first.OkAsync();
        Assert.Equal("registered", placed.GetProperty("status").GetString());
        Assert.Matches("^[A-HJ-NP-Z2-9]{6}$", placed.GetProperty("checkInCode").GetString());
        Assert.Equal(("waitlisted", 1), (second.GetProperty("status").GetString(), second.GetProperty("waitlistPosition").GetInt32()));
        Assert.Equal(("waitlisted", 2), (third.GetProperty("status").GetString(), third.GetProperty("waitlistPosition").GetInt32()));

        var cancelled = await resident.DeleteAsync($"{path}/{placed.GetProperty("id").GetGuid()}").OkAsync();

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var mine = await oost.GetAsync($"{Root}/me/registrations").OkAsync();
        var promoted = Assert.Single(mine.GetProperty("items").EnumerateArray(), r => r.GetProperty("activityId").GetGuid() == id);
        Assert.Equal(("registered", "2027-03-08T19:00", "2027-03-08T19:00:00+01:00"), (promoted.GetProperty("status").GetString(),
            promoted.GetProperty("occurrenceStart").GetString(), promoted.GetProperty("start").GetString()));
        var partnerMine = await partner.GetAsync($"{Root}/me/registrations").OkAsync();
        Assert.Equal(1, partnerMine.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("activityId").GetGuid() == id)
            .GetProperty("waitlistPosition").GetInt32());
        var occurrence = (await service.Client().GetAsync($"{Root}/activities/{id}/occurrences").OkAsync()).GetProperty("items")[1];
        Assert.Equal((1, 1), (occurrence.GetProperty("registered").GetInt32(), occurrence.GetProperty("waitlisted").GetInt32()));

        var events = (await service.EventsAsync(id)).Where(e => e.Type.StartsWith("Registration", StringComparison.Ordinal)).ToList();
        Assert.Equal(["RegistrationConfirmed", "RegistrationWaitlisted", "RegistrationWaitlisted"], events.Take(3).Select(e => e.Type));
        // The cancellation and the promotion are one transaction: their order in it is not a promise.
        Assert.Equal(["RegistrationCancelled", "RegistrationPromoted"], events.Skip(3).Select(e => e.Type).Order());
        var promotion = events.Single(e => e.Type == "RegistrationPromoted").Payload;
        var cancellation = events.Single(e => e.Type == "RegistrationCancelled").Payload;
        var confirmed = events[0].Payload;
        Assert.Equal(("Koffieochtend", "2027-03-08T19:00", "Europe/Amsterdam"), (confirmed.GetProperty("activityTitle").GetString(),
            confirmed.GetProperty("occurrenceStart").GetString(), confirmed.GetProperty("timeZone").GetString()));
        Assert.Equal(second.GetProperty("id").GetGuid(), promotion.GetProperty("registrationId").GetGuid());
        Assert.True(cancellation.GetProperty("byResident").GetBoolean());
    }

    [Fact]
    public async Task Thirty_at_once_for_five_places_give_five_places_and_twenty_five_waiting_in_arrival_order()
    {
        var id = await WithCapacityAsync("2027-03-02T19:00", "2027-03-02T21:00", 5);
        var start = new LocalDateTime(2027, 3, 2, 19, 0);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => service.InScopeAsync(Demo.Hilversum, s =>
            s.GetRequiredService<Registrations>().RegisterAsync(id, start, new Actor(Guid.NewGuid(), ["resident"], []), CancellationToken.None))));

        Assert.Equal(5, results.Count(r => r.Status == RegistrationStatus.Registered));
        Assert.Equal(25, results.Count(r => r.Status == RegistrationStatus.Waitlisted));
        // Arrival order is the order the lock was taken: the places went to the first five.
        Assert.Equal(Enumerable.Range(1, 30), results.Select(r => r.Position).Order());
        Assert.All(results, r => Assert.Equal(r.Position <= 5 ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted, r.Status));
        var occurrence = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().Occurrences.SingleAsync(o => o.ActivityId == id));
        Assert.Equal((5, 25, 30), (occurrence.Registered, occurrence.Waitlisted, occurrence.Arrivals));
    }

    [Fact]
    public async Task Staff_check_residents_in_by_code_and_the_attendance_is_counted()
    {
        var id = await WithCapacityAsync("2027-03-03T19:00", "2027-03-03T21:00", 1);
        var path = Registrations(id, "2027-03-03T19:00");
        var placed = await (await service.AsAsync(Demo.Resident)).PostAsync(path, null).OkAsync();
        var waiting = await (await service.AsAsync(Demo.ResidentOost)).PostAsync(path, null).OkAsync();
        var director = await service.AsAsync(Demo.Director);
        var checkIns = $"{Root}/activities/{id}/occurrences/2027-03-03T19:00/check-ins";

        var attended = await director.PostAsJsonAsync(checkIns, new { code = placed.GetProperty("checkInCode").GetString()!.ToLowerInvariant() }).OkAsync();

        Assert.NotEqual(JsonValueKind.Null, attended.GetProperty("attendedAt").ValueKind);
        await director.PostAsJsonAsync(checkIns, new { code = placed.GetProperty("checkInCode").GetString() }).ProblemAsync(HttpStatusCode.Conflict);
        await director.PostAsJsonAsync(checkIns, new { code = waiting.GetProperty("checkInCode").GetString() }).ProblemAsync(HttpStatusCode.Conflict);
        await director.PostAsJsonAsync(checkIns, new { code = "ZZZZZZ" }).ProblemAsync(HttpStatusCode.BadRequest, "code");
        await director.PostAsJsonAsync(checkIns, new { code = "AB" }).ProblemAsync(HttpStatusCode.BadRequest, "code");
        await (await service.AsAsync(Demo.Resident)).PostAsJsonAsync(checkIns, new { code = placed.GetProperty("checkInCode").GetString() })
            .ProblemAsync(HttpStatusCode.Forbidden);
        var list = await director.GetAsync(path).OkAsync();
        Assert.Equal((1, 1, 1, 1), (list.GetProperty("capacity").GetInt32(), list.GetProperty("registered").GetInt32(),
            list.GetProperty("waitlisted").GetInt32(), list.GetProperty("attended").GetInt32()));
        Assert.Equal(2, list.GetProperty("registrations").GetProperty("total").GetInt32());
        await (await service.AsAsync(Demo.Resident)).GetAsync(path).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_cancel_a_residents_registration_but_another_resident_cannot()
    {
        var id = await WithCapacityAsync("2027-03-04T19:00", "2027-03-04T21:00", 10);
        var path = Registrations(id, "2027-03-04T19:00");
        var placed = (await (await service.AsAsync(Demo.Resident)).PostAsync(path, null).OkAsync()).GetProperty("id").GetGuid();

        await (await service.AsAsync(Demo.ResidentOost)).DeleteAsync($"{path}/{placed}").ProblemAsync(HttpStatusCode.NotFound);
        await (await service.AsAsync(Demo.Director)).DeleteAsync($"{path}/{placed}").OkAsync();
        await (await service.AsAsync(Demo.Resident)).DeleteAsync($"{path}/{placed}").ProblemAsync(HttpStatusCode.Conflict);

        var cancelled = (await service.EventsAsync(id)).Single(e => e.Type == "RegistrationCancelled");
        Assert.False(cancelled.Payload.GetProperty("byResident").GetBoolean());
        // Cancelled, the resident may register again.
        Assert.Equal("registered", (await (await service.AsAsync(Demo.Resident)).PostAsync(path, null).OkAsync()).GetProperty("status").GetString());
    }

    public static TheoryData<string, string, HttpStatusCode> BadRegistrations => new()
    {
        { "a second registration for the same occurrence", "{registered}", HttpStatusCode.Conflict },
        { "a cancelled occurrence", "{cancelled}", HttpStatusCode.Conflict },
        { "an occurrence that has begun", "{past}", HttpStatusCode.Conflict },
        { "an activity without registration", "{open}", HttpStatusCode.Conflict },
        { "a network activity a resident does not see", "{network}", HttpStatusCode.NotFound },
        { "no such occurrence", "{unknown}", HttpStatusCode.NotFound },
        { "an occurrence that is not a time", "{garbage}", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_is_a_problem_naming_the_rule_and_changes_nothing(string why, string what, HttpStatusCode status)
    {
        var scene = await service.OnceAsync("bad-registrations", async () =>
        {
            var director = await service.AsAsync(Demo.Director);
            var weekly = await WithCapacityAsync("2027-03-05T19:00", "2027-03-05T21:00", 5, new { frequency = "weekly", count = 3 });
            await director.PostAsJsonAsync($"{Root}/activities/{weekly}/occurrences/2027-03-12T19:00/cancellation", new { }).OkAsync();
            await (await service.AsAsync(Demo.Resident)).PostAsync(Registrations(weekly, "2027-03-05T19:00"), null).OkAsync();
            var past = await WithCapacityAsync("2025-03-05T19:00", "2025-03-05T21:00", 5);
            var open = (await service.ScheduleAsync(Body("2027-03-05T10:00", "2027-03-05T11:00"))).GetProperty("id").GetGuid();
            var network = await WithCapacityAsync("2027-03-05T14:00", "2027-03-05T15:00", 5, visibility: "network");
            return new Dictionary<string, string>
            {
                ["{registered}"] = Registrations(weekly, "2027-03-05T19:00"),
                ["{cancelled}"] = Registrations(weekly, "2027-03-12T19:00"),
                ["{past}"] = Registrations(past, "2025-03-05T19:00"),
                ["{open}"] = Registrations(open, "2027-03-05T10:00"),
                ["{network}"] = Registrations(network, "2027-03-05T14:00"),
                ["{unknown}"] = Registrations(weekly, "2027-03-06T19:00"),
                ["{garbage}"] = Registrations(weekly, "vanavond"),
            };
        });
        var before = (await service.CountEverythingAsync(), await CountRegistrationsAsync());

        var problem = await (await service.AsAsync(Demo.Resident)).PostAsync(scene[what], null).ProblemAsync(status);

        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), why);
        Assert.Equal(before, (await service.CountEverythingAsync(), await CountRegistrationsAsync()));
    }

    [Fact]
    public async Task Registering_needs_a_token_and_a_series_change_may_not_drop_a_date_with_registrations()
    {
        var id = await WithCapacityAsync("2027-03-15T19:00", "2027-03-15T21:00", 5, new { frequency = "weekly", count = 3 });
        await service.Client().PostAsync(Registrations(id, "2027-03-22T19:00"), null).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await service.AsAsync(Demo.Resident)).PostAsync(Registrations(id, "2027-03-29T19:00"), null).OkAsync();

        // Two weeks instead of three would drop the 29th, which has a registration.
        var problem = await (await service.AsAsync(Demo.Director)).PutAsJsonAsync($"{Root}/activities/{id}",
            Body("2027-03-15T19:00", "2027-03-15T21:00", recurrence: new { frequency = "weekly", count = 2 }, change: b => b["registration"] = new { capacity = 5 }))
            .ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("2027-03-29T19:00", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await service.Client().GetAsync($"{Root}/activities/{id}").OkAsync()).GetProperty("occurrences").GetInt32());
    }

    [Fact]
    public async Task Raising_the_capacity_promotes_the_first_waiting_at_once_and_lowering_it_takes_no_place_away()
    {
        var body = Body("2027-06-22T19:00", "2027-06-22T21:00", change: b => b["registration"] = new { capacity = 1 });
        var id = (await service.ScheduleAsync(body)).GetProperty("id").GetGuid();
        var start = new LocalDateTime(2027, 6, 22, 19, 0);
        var registrations = new List<Registration>();
        for (var n = 0; n < 4; n++)
        {
            registrations.Add(await service.InScopeAsync(Demo.Hilversum, s =>
                s.GetRequiredService<Registrations>().RegisterAsync(id, start, new Actor(Guid.CreateVersion7(), ["resident"], []), default)));
        }
        var director = await service.AsAsync(Demo.Director);
        async Task<(int, int)> CountsAsync()
        {
            var occurrence = (await service.Client().GetAsync($"{Root}/activities/{id}/occurrences").OkAsync()).GetProperty("items")[0];
            return (occurrence.GetProperty("registered").GetInt32(), occurrence.GetProperty("waitlisted").GetInt32());
        }
        Assert.Equal((1, 3), await CountsAsync());

        body["registration"] = new { capacity = 3 };
        await director.PutAsJsonAsync($"{Root}/activities/{id}", body).OkAsync();

        Assert.Equal((3, 1), await CountsAsync());
        var statuses = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().Registrations
            .Where(r => r.ActivityId == id).OrderBy(r => r.Position).Select(r => r.Status).ToListAsync());
        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Waitlisted], statuses);
        var promoted = (await service.EventsAsync(id)).Where(e => e.Type == "RegistrationPromoted").Select(e => e.Payload.GetProperty("registrationId").GetGuid());
        Assert.Equal([registrations[1].Id, registrations[2].Id], promoted.Order());

        // Lowered to 1: the three keep their places; a cancellation frees none for the waiting one (3 - 1 > 1).
        body["registration"] = new { capacity = 1 };
        await director.PutAsJsonAsync($"{Root}/activities/{id}", body).OkAsync();
        Assert.Equal((3, 1), await CountsAsync());
        await director.DeleteAsync($"{Registrations(id, "2027-06-22T19:00")}/{registrations[0].Id}").OkAsync();
        Assert.Equal((2, 1), await CountsAsync());
        Assert.Equal(2, (await service.EventsAsync(id)).Count(e => e.Type == "RegistrationPromoted"));
    }
}
