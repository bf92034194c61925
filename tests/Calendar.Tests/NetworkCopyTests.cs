using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.Messaging;
using Buurt.Contracts;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Contacts;
using Buurt.Messaging.Inbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// The calendar's copies of contacts' venues and assignments (from their events on the real broker):
/// an activity or office hour at a <c>venueId</c> shows the venue and follows its changes; an office
/// hour hosted by a function shows whoever holds it on each session's date, across a hand-over.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class NetworkCopyTests(CalendarService service)
{
    private static VenueRegistered Venue(Guid id, string name = "Buurthuis De Lelie", string street = "Lelieplein 1") =>
        new(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, id, name, Zuid, null, street, "1216 AB", "Hilversum", 52.21, 5.17, [], null);

    private Task<bool> ConsumedAsync(Guid eventId) => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>()
        .Set<InboxMessage>().IgnoreQueryFilters().AnyAsync(m => m.MessageId == eventId));

    private async Task<Guid> KnownVenueAsync()
    {
        var venue = Venue(Guid.NewGuid());
        await service.PublishAsync(venue);
        await Eventually.TrueAsync(() => ConsumedAsync(venue.EventId), what: "the venue to be copied");
        return venue.VenueId;
    }

    private static Dictionary<string, object?> OfficeHour(object host, string start, string end, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["areaId"] = Zuid,
            ["host"] = host,
            ["start"] = start,
            ["end"] = end,
            ["recurrence"] = new { frequency = "weekly", count = 4 },
            ["slotMinutes"] = 20,
            ["walkInMinutes"] = 20,
            ["location"] = new { name = "Wijkcentrum De Geus" },
            ["minimumNoticeHours"] = 24,
            ["horizonDays"] = 366,
        };
        change?.Invoke(body);
        return body;
    }

    [Fact]
    public async Task An_activity_at_a_venue_of_the_network_shows_it_and_follows_its_change()
    {
        var venueId = await KnownVenueAsync();

        var activity = await service.ScheduleAsync(Body("2027-02-16T10:00", "2027-02-16T11:00", change: b =>
        {
            b["location"] = null;
            b["venueId"] = venueId;
        }));

        var id = activity.GetProperty("id").GetGuid();
        Assert.Equal(venueId, activity.GetProperty("venueId").GetGuid());
        var location = activity.GetProperty("location");
        Assert.Equal(("Buurthuis De Lelie", "Lelieplein 1, 1216 AB Hilversum", 52.21), (location.GetProperty("name").GetString(),
            location.GetProperty("address").GetString(), location.GetProperty("lat").GetDouble()));

        var renamed = Venue(venueId, "Buurthuis De Lelie (nieuw)", "Lelieplein 3") with { OccurredAt = DateTimeOffset.UtcNow.AddSeconds(1) };
        await service.PublishAsync(renamed);
        var after = await Eventually.ValueAsync(() => service.Client().GetAsync($"{Root}/activities/{id}").OkAsync(),
            until: a => a.GetProperty("location").GetProperty("name").GetString() == "Buurthuis De Lelie (nieuw)", what: "the activity to follow the venue");
        Assert.Equal("Lelieplein 3, 1216 AB Hilversum", after.GetProperty("location").GetProperty("address").GetString());
        Assert.Equal(activity.GetProperty("sequence").GetInt32() + 1, after.GetProperty("sequence").GetInt32());
        Assert.Contains(await service.EventsAsync(id), e => e.Type == nameof(ActivityChanged));

        // An older fact arriving late changes nothing.
        var late = Venue(venueId, "Oude naam") with { OccurredAt = DateTimeOffset.UtcNow.AddHours(-1) };
        await service.PublishAsync(late);
        await Eventually.TrueAsync(() => ConsumedAsync(late.EventId), what: "the late venue event");
        Assert.Equal("Buurthuis De Lelie (nieuw)", (await service.Client().GetAsync($"{Root}/activities/{id}").OkAsync()).GetProperty("location").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unknown_or_closed_venue_or_a_venue_with_a_location_is_a_400_naming_venueId_and_changes_nothing()
    {
        var closed = await KnownVenueAsync();
        var ended = new VenueEnded(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow.AddSeconds(1), closed);
        await service.PublishAsync(ended);
        await Eventually.TrueAsync(() => ConsumedAsync(ended.EventId), what: "the venue's end");
        var known = await KnownVenueAsync();
        var director = await service.AsAsync(Demo.Director);
        var before = await service.CountEverythingAsync();

        foreach (var (venueId, withLocation) in new[] { (Guid.NewGuid(), false), (closed, false), (known, true) })
        {
            await director.PostAsJsonAsync($"{Root}/activities", Body("2027-02-17T10:00", "2027-02-17T11:00", change: b =>
            {
                b["venueId"] = venueId;
                if (!withLocation)
                {
                    b["location"] = null;
                }
            })).ProblemAsync(HttpStatusCode.BadRequest, "venueId");
        }
        await director.PostAsJsonAsync($"{Root}/office-hours", OfficeHour(new { function = "wijkwethouder", name = "Nina Vos" }, "2027-02-17T19:00", "2027-02-17T20:00",
            b => { b["location"] = null; b["venueId"] = Guid.NewGuid(); })).ProblemAsync(HttpStatusCode.BadRequest, "venueId");

        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Fact]
    public async Task An_office_hour_by_function_shows_whoever_holds_it_on_the_date_and_a_hand_over_changes_the_host_from_its_first_day()
    {
        // A function of its own, so no other test's assignments meet it.
        var function = $"wijkagent-{Guid.NewGuid():N}"[..24];
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var registered = new AssignmentRegistered(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, first, Guid.NewGuid(), "Dennis Kok",
            Guid.NewGuid(), function, [Zuid], new DateOnly(2026, 1, 1), null);
        await service.PublishAsync(registered);
        await Eventually.TrueAsync(() => ConsumedAsync(registered.EventId), what: "the assignment to be copied");
        var venueId = await KnownVenueAsync();
        var director = await service.AsAsync(Demo.Director);

        // Tuesdays 2 to 23 March 2027, walk-in 19:00–19:20 then slots, at a venue of the network.
        var officeHour = await director.PostAsJsonAsync($"{Root}/office-hours", OfficeHour(new { function = function.ToUpperInvariant() }, "2027-03-02T19:00", "2027-03-02T20:00",
            b => { b["location"] = null; b["venueId"] = venueId; })).OkAsync();
        var id = officeHour.GetProperty("id").GetGuid();
        Assert.Equal((function, "Dennis Kok", true), (officeHour.GetProperty("host").GetProperty("function").GetString(),
            officeHour.GetProperty("host").GetProperty("name").GetString(), officeHour.GetProperty("host").GetProperty("byFunction").GetBoolean()));
        Assert.Equal("Buurthuis De Lelie", officeHour.GetProperty("location").GetProperty("name").GetString());
        var planned = await service.Published.WaitForAsync<OfficeHourSessionsPlanned>(e => e.OfficeHourId == id);
        Assert.Equal((true, "both", 4), (planned.HostByFunction, planned.Mode, planned.Sessions.Count));
        Assert.All(planned.Sessions, s => Assert.Equal("Dennis Kok", s.HostName));

        // The hand-over: Dennis Kok's last day is 15 March, Sanne Bos holds it from 16 March.
        var seen = service.Published.Of<OfficeHourSessionsPlanned>().Count();
        var ended = new AssignmentEnded(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, first, new DateOnly(2027, 3, 15));
        var takeover = new AssignmentRegistered(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, second, Guid.NewGuid(), "Sanne Bos",
            Guid.NewGuid(), function, [Zuid], new DateOnly(2027, 3, 16), null);
        await service.PublishAsync(ended);
        await service.PublishAsync(takeover);
        await Eventually.TrueAsync(async () => await ConsumedAsync(ended.EventId) && await ConsumedAsync(takeover.EventId), what: "the hand-over to be copied");

        var agenda = await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&from=2027-03-01&to=2027-03-31&kind=office-hour&pageSize=100").OkAsync();
        var sessions = agenda.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("officeHourId").GetGuid() == id).ToList();
        Assert.Equal(["Dennis Kok", "Dennis Kok", "Sanne Bos", "Sanne Bos"], sessions.Select(s => s.GetProperty("host").GetProperty("name").GetString()));
        Assert.Equal($"Spreekuur {function} Sanne Bos", sessions[2].GetProperty("title").GetString());
        Assert.Equal(("both", "2027-03-16T19:20:00+01:00"), (sessions[2].GetProperty("mode").GetString(), sessions[2].GetProperty("walkInUntil").GetString()));
        var republished = await service.Published.WaitForNewAsync<OfficeHourSessionsPlanned>(seen, e => e.OfficeHourId == id && e.Sessions.Any(s => s.HostName == "Sanne Bos"));
        Assert.Equal(["Dennis Kok", "Dennis Kok", "Sanne Bos", "Sanne Bos"], republished.Sessions.Select(s => s.HostName));

        // A booking names the host of its date.
        var resident = await service.AsAsync(Demo.Resident);
        var before = await resident.PostAsJsonAsync($"{Root}/bookings", new { officeHourId = id, start = "2027-03-09T19:20" }).OkAsync();
        var after = await resident.PostAsJsonAsync($"{Root}/bookings", new { officeHourId = id, start = "2027-03-16T19:20" }).OkAsync();
        Assert.Equal(("Dennis Kok", "Sanne Bos"), (before.GetProperty("host").GetProperty("name").GetString(), after.GetProperty("host").GetProperty("name").GetString()));
        var confirmed = await service.Published.WaitForAsync<BookingConfirmed>(e => e.BookingId == after.GetProperty("id").GetGuid());
        Assert.Equal("Sanne Bos", confirmed.HostName);
    }

    [Fact]
    public async Task A_person_hosting_by_function_and_by_name_at_once_is_booked_once_only()
    {
        var function = $"wijkboa-{Guid.NewGuid():N}"[..20];
        var registered = new AssignmentRegistered(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "Kees Mol",
            Guid.NewGuid(), function, [Zuid], new DateOnly(2026, 1, 1), null);
        await service.PublishAsync(registered);
        await Eventually.TrueAsync(() => ConsumedAsync(registered.EventId), what: "the assignment to be copied");
        var director = await service.AsAsync(Demo.Director);
        var byFunction = (await director.PostAsJsonAsync($"{Root}/office-hours", OfficeHour(new { function }, "2027-04-06T19:00", "2027-04-06T20:00")).OkAsync())
            .GetProperty("id").GetGuid();
        var byName = (await director.PostAsJsonAsync($"{Root}/office-hours", OfficeHour(new { function, name = "Kees Mol" }, "2027-04-06T19:00", "2027-04-06T20:00")).OkAsync())
            .GetProperty("id").GetGuid();

        await (await service.AsAsync(Demo.Resident)).PostAsJsonAsync($"{Root}/bookings", new { officeHourId = byFunction, start = "2027-04-06T19:20" }).OkAsync();

        await (await service.AsAsync(Demo.ResidentOost)).PostAsJsonAsync($"{Root}/bookings", new { officeHourId = byName, start = "2027-04-06T19:20" })
            .ProblemAsync(HttpStatusCode.Conflict);
        var slots = await service.Client().GetAsync($"{Root}/office-hours/{byName}/slots?from=2027-04-06&to=2027-04-06").OkAsync();
        Assert.Equal("taken", slots.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_function_nobody_holds_in_the_wijk_is_a_400_naming_host_function()
    {
        var before = await service.CountEverythingAsync();
        var officeHours = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().OfficeHours.CountAsync());

        await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours",
            OfficeHour(new { function = "wijkagnet" }, "2027-04-07T19:00", "2027-04-07T20:00")).ProblemAsync(HttpStatusCode.BadRequest, "host.function");

        Assert.Equal(before, await service.CountEverythingAsync());
        Assert.Equal(officeHours, await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().OfficeHours.CountAsync()));
    }

    private async Task CopiedAsync(IIntegrationEvent fact) =>
        await Eventually.TrueAsync(() => ConsumedAsync(fact.EventId), what: $"{fact.GetType().Name} to be copied");

    private async Task<string> FunctionHeldAsync(string name, string prefix)
    {
        var function = $"{prefix}-{Guid.NewGuid():N}"[..24];
        var registered = new AssignmentRegistered(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), name,
            Guid.NewGuid(), function, [Zuid], new DateOnly(2026, 1, 1), new DateOnly(2027, 9, 10));
        await service.PublishAsync(registered);
        await CopiedAsync(registered);
        return function;
    }

    [Fact]
    public async Task An_activity_hosted_by_a_function_names_its_holder_per_occurrence_and_a_hand_over_changes_it_from_its_first_day()
    {
        // Ewout Jansen holds the function until 10 September 2027; Fatima Ouali takes over on the 11th.
        var function = await FunctionHeldAsync("Ewout Jansen", "wijkregisseur");
        var takeover = new AssignmentRegistered(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "Fatima Ouali",
            Guid.NewGuid(), function, [Zuid], new DateOnly(2027, 9, 11), null);
        await service.PublishAsync(takeover);
        await CopiedAsync(takeover);

        // Wednesdays 1 to 22 September 2027.
        var activity = await service.ScheduleAsync(Body("2027-09-01T19:00", "2027-09-01T20:30", recurrence: new { frequency = "weekly", count = 4 },
            change: b => b["host"] = new { function = function.ToUpperInvariant() }));
        var id = activity.GetProperty("id").GetGuid();
        Assert.Equal((function, JsonValueKind.Null, true), (activity.GetProperty("host").GetProperty("function").GetString(),
            activity.GetProperty("host").GetProperty("name").ValueKind, activity.GetProperty("host").GetProperty("byFunction").GetBoolean()));

        var agenda = await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&from=2027-09-01&to=2027-09-30&kind=activity&pageSize=100").OkAsync();
        var lines = agenda.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("activityId").GetGuid() == id).ToList();
        Assert.Equal(["Ewout Jansen", "Ewout Jansen", "Fatima Ouali", "Fatima Ouali"], lines.Select(l => l.GetProperty("host").GetProperty("name").GetString()));
        Assert.All(lines, l => Assert.Equal(function, l.GetProperty("host").GetProperty("function").GetString()));
        var occurrences = await service.Client().GetAsync($"{Root}/activities/{id}/occurrences").OkAsync();
        Assert.Equal(["Ewout Jansen", "Ewout Jansen", "Fatima Ouali", "Fatima Ouali"],
            occurrences.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("host").GetProperty("name").GetString()));

        // The hand-over moves a day later: the copy decides, the activity itself is not touched.
        var later = new AssignmentEnded(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow.AddSeconds(1), takeover.AssignmentId, new DateOnly(2027, 9, 20));
        await service.PublishAsync(later);
        await CopiedAsync(later);
        var after = await service.Client().GetAsync($"{Root}/activities/{id}/occurrences").OkAsync();
        Assert.Equal(["Ewout Jansen", "Ewout Jansen", "Fatima Ouali", null],
            after.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("host").GetProperty("name").GetString()));

        // A move names the holder of the new date.
        var moved = await (await service.AsAsync(Demo.Director)).PutAsJsonAsync($"{Root}/activities/{id}/occurrences/2027-09-15T19:00",
            new { start = "2027-09-08T21:00", end = "2027-09-08T22:00" }).OkAsync();
        Assert.Equal("Ewout Jansen", moved.GetProperty("host").GetProperty("name").GetString());
        // Activities without a host have none.
        var plain = await service.ScheduleAsync(Body("2027-09-02T19:00", "2027-09-02T20:00"));
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("host").ValueKind);
    }

    [Fact]
    public async Task An_activity_host_that_nobody_holds_in_the_wijk_or_with_a_name_is_a_400_and_changes_nothing()
    {
        var function = await FunctionHeldAsync("Gijs Veen", "jongerenwerker");
        var director = await service.AsAsync(Demo.Director);
        var id = (await service.ScheduleAsync(Body("2027-09-03T19:00", "2027-09-03T20:00"))).GetProperty("id").GetGuid();
        var before = await service.CountEverythingAsync();

        await director.PostAsJsonAsync($"{Root}/activities", Body("2027-09-03T19:00", "2027-09-03T20:00", change: b => b["host"] = new { function = "wijkagnet" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "host.function");
        // Held, but in another wijk (the admin plans every wijk).
        await (await service.AsAsync(Demo.Admin)).PostAsJsonAsync($"{Root}/activities", Body("2027-09-03T19:00", "2027-09-03T20:00", areaId: Demo.Centrum, change: b => b["host"] = new { function }))
            .ProblemAsync(HttpStatusCode.BadRequest, "host.function");
        await director.PostAsJsonAsync($"{Root}/activities", Body("2027-09-03T19:00", "2027-09-03T20:00", change: b => b["host"] = new { function, name = "Gijs Veen" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "host.name");
        await director.PutAsJsonAsync($"{Root}/activities/{id}", Body("2027-09-03T19:00", "2027-09-03T20:00", change: b => b["host"] = new { function = "wijkagnet" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "host.function");

        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Fact]
    public async Task Assignment_facts_arriving_in_reverse_order_leave_the_copy_as_the_newest_of_each_says()
    {
        var function = $"buurtcoach-{Guid.NewGuid():N}"[..24];
        var (assignment, person) = (Guid.NewGuid(), Guid.NewGuid());
        var t = DateTimeOffset.UtcNow.AddMinutes(-10);
        var registered = new AssignmentRegistered(Demo.Hilversum, Guid.NewGuid(), t, assignment, person, "Hanna de Wit", Guid.NewGuid(), function,
            [Demo.Centrum], new DateOnly(2026, 1, 1), null);
        var changed = new AssignmentChanged(Demo.Hilversum, Guid.NewGuid(), t.AddMinutes(1), assignment, [Zuid]);
        var ended = new AssignmentEnded(Demo.Hilversum, Guid.NewGuid(), t.AddMinutes(2), assignment, new DateOnly(2027, 9, 30));

        // Newest first, each consumed before the next is sent, so the order is certain.
        await service.PublishAsync(ended);
        await CopiedAsync(ended);
        await service.PublishAsync(changed);
        await CopiedAsync(changed);
        await service.PublishAsync(registered);
        await CopiedAsync(registered);

        var copy = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().HostAssignments.AsNoTracking().SingleAsync(a => a.Id == assignment));
        Assert.Equal((person, "Hanna de Wit", function, new DateOnly(2026, 1, 1)), (copy.PersonId, copy.PersonName, copy.Function, copy.From));
        Assert.Equal([Zuid], copy.AreaIds);
        Assert.Equal(new DateOnly(2027, 9, 30), copy.Until);

        // Hosting by it works at once (no replay needed): Zuid (the change's wijk) until the 30th (the end's day).
        var activity = await service.ScheduleAsync(Body("2027-09-29T19:00", "2027-09-29T20:00", recurrence: new { frequency = "weekly", count = 2 },
            change: b => b["host"] = new { function }));
        var occurrences = await service.Client().GetAsync($"{Root}/activities/{activity.GetProperty("id").GetGuid()}/occurrences").OkAsync();
        Assert.Equal(["Hanna de Wit", null], occurrences.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("host").GetProperty("name").GetString()));

        // A replay (newer) of the same state changes nothing; an older change arriving late changes nothing either.
        var stale = new AssignmentChanged(Demo.Hilversum, Guid.NewGuid(), t.AddSeconds(30), assignment, [Demo.Centrum]);
        await service.PublishAsync(stale);
        await CopiedAsync(stale);
        var still = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().HostAssignments.AsNoTracking().SingleAsync(a => a.Id == assignment));
        Assert.Equal([Zuid], still.AreaIds);
    }

    private Task<int> SessionEventsAsync(Guid officeHour) => service.InScopeAsync(Demo.Hilversum, async s =>
        (await s.GetRequiredService<CalendarDbContext>().Set<Buurt.Messaging.Outbox.OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.StartsWith("Buurt.Contracts.Calendar.OfficeHourSessionsPlanned,")).Select(m => m.Payload).ToListAsync())
        .Count(p => p.Contains(officeHour.ToString(), StringComparison.Ordinal)));

    [Fact]
    public async Task Once_a_day_in_the_municipalitys_zone_every_office_hour_tells_its_sessions_again_whatever_the_replicas()
    {
        var id = (await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours",
            OfficeHour(new { function = "wijkwethouder", name = "Pieter Claes" }, "2027-10-05T10:00", "2027-10-05T11:00")).OkAsync()).GetProperty("id").GetGuid();
        // The day after the last one claimed (the running service claimed today at its start, an earlier run maybe later days).
        var last = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().SessionsRepublished.AsNoTracking()
            .Select(r => (DateOnly?)r.PublishedOn).FirstOrDefaultAsync());
        var day = (last ?? DateOnly.FromDateTime(DateTime.UtcNow)).AddDays(1);
        DateTimeOffset Utc(DateOnly date, int hour, int minute = 0) => new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
        var (first, second) = (ActivatorUtilities.CreateInstance<SessionRepublish>(service.Factory.Services),
            ActivatorUtilities.CreateInstance<SessionRepublish>(service.Factory.Services));
        var before = await SessionEventsAsync(id);
        // Other test classes may have office hours in another municipality: each has its own day to tell.
        var municipalities = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().OfficeHours.IgnoreQueryFilters()
            .Select(o => o.TenantId).Distinct().CountAsync());

        // Two replicas at the same beat: the day is told once, each municipality's by one of them.
        var done = await Task.WhenAll(first.RepublishAsync(Utc(day, 11), CancellationToken.None), second.RepublishAsync(Utc(day, 11), CancellationToken.None));
        Assert.Equal(before + 1, await SessionEventsAsync(id));
        Assert.Equal(municipalities, done.Sum());
        // Later that day: nothing again.
        Assert.Equal(0, await first.RepublishAsync(Utc(day, 20), CancellationToken.None));
        Assert.Equal(before + 1, await SessionEventsAsync(id));
        // 23:30 UTC is past midnight in Amsterdam: the next day there, told again.
        Assert.True(await second.RepublishAsync(Utc(day, 23, 30), CancellationToken.None) >= 1);
        Assert.Equal(before + 2, await SessionEventsAsync(id));
        Assert.Equal(0, await first.RepublishAsync(Utc(day.AddDays(1), 12), CancellationToken.None));
        Assert.Equal(before + 2, await SessionEventsAsync(id));
        // What went out is the sessions as they are: the office hour's one session, with its host (Tuesdays 5 to 26 October 2027).
        var told = await service.Published.WaitForAsync<OfficeHourSessionsPlanned>(e => e.OfficeHourId == id && e.OccurredAt >= Utc(day, 23, 30));
        Assert.Equal(("Pieter Claes", 4), (told.HostName, told.Sessions.Count));
    }

    [Fact]
    public async Task When_contacts_asks_every_office_hour_tells_its_sessions_and_at_start_the_calendar_asks_contacts_for_the_network()
    {
        var officeHour = (await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours",
            OfficeHour(new { function = "wijkwethouder", name = "Olga Smit" }, "2027-04-08T10:00", "2027-04-08T11:00")).OkAsync()).GetProperty("id").GetGuid();
        var seen = service.Published.Of<OfficeHourSessionsPlanned>().Count();

        await service.PublishAsync(new OfficeHoursRequested(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, "contacts"));

        var told = await service.Published.WaitForNewAsync<OfficeHourSessionsPlanned>(seen, e => e.OfficeHourId == officeHour);
        Assert.Equal(("wijkwethouder", "Olga Smit", false), (told.HostFunction, told.HostName, told.HostByFunction));
        var requests = await Eventually.ValueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>()
                .Set<Buurt.Messaging.Outbox.OutboxMessage>().AsNoTracking().Where(m => m.Type.StartsWith("Buurt.Contracts.Contacts.NetworkReplayRequested,")).ToListAsync()),
            until: rows => rows.Select(r => r.TenantId).Distinct().Count() >= 2, what: "a NetworkReplayRequested per municipality");
        Assert.All(requests, r => Assert.Equal("calendar", JsonDocument.Parse(r.Payload).RootElement.GetProperty("requester").GetString()));
    }
}
