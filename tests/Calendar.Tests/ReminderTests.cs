using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// Reminders a day before: once per start for each place and booking, none for what was cancelled,
/// again at the new time for a moved occurrence, and never twice when two replicas look at once.
/// The watch is driven here with a clock of the test's choosing (the rows hold the state).
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class ReminderTests(CalendarService service)
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>The instant of a wall time in Amsterdam.</summary>
    private static DateTimeOffset At(string local) =>
        LocalTimes.InstantOf(LocalTimes.Parse(local, "start"), Amsterdam).ToDateTimeOffset();

    /// <summary>What the reminder watch does when it wakes at <paramref name="now"/>, until nothing is left.</summary>
    private Task<int> RemindAtAsync(DateTimeOffset now, int limit = 200) => service.InScopeAsync(Demo.Hilversum, async s =>
    {
        var total = 0;
        (int Registrations, int Bookings) found;
        do
        {
            await using var scope = s.CreateAsyncScope();
            found = await scope.ServiceProvider.GetRequiredService<Reminders>().RemindAsync(now, limit, default);
            total += found.Registrations + found.Bookings;
        }
        while (found.Registrations == limit || found.Bookings == limit);
        return total;
    });

    private async Task<List<JsonElement>> RemindersAsync(Guid about, string type) =>
        [.. (await service.EventsAsync(about)).Where(e => e.Type == type).Select(e => e.Payload)];

    private async Task<Guid> WithCapacityAsync(string start, string end, int capacity, object? recurrence = null) =>
        (await service.ScheduleAsync(Body(start, end, recurrence: recurrence, change: b => b["registration"] = new { capacity }))).GetProperty("id").GetGuid();

    private async Task<Guid> OfficeHourAsync(string host, string start, string end) =>
        (await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/office-hours", new
        {
            areaId = Zuid, host = new { function = "wijkagent", name = host }, start, end, slotMinutes = 15, bufferMinutes = 5,
            location = new { name = "Politiepost Zuid" }, minimumNoticeHours = 24, horizonDays = 366,
        }).OkAsync()).GetProperty("id").GetGuid();

    [Fact]
    public void A_place_or_booking_made_within_the_last_day_counts_as_reminded()
    {
        var start = At("2027-05-17T19:00");

        Assert.Equal(start, Reminder.AlreadyFor(start, start - TimeSpan.FromHours(23)));
        Assert.Null(Reminder.AlreadyFor(start, start - TimeSpan.FromHours(25)));
    }

    [Fact]
    public async Task A_place_and_a_booking_are_reminded_of_once_a_day_before_and_a_waiting_one_not()
    {
        var activity = await WithCapacityAsync("2027-05-17T19:00", "2027-05-17T21:00", 1);
        var path = $"{Root}/activities/{activity}/occurrences/2027-05-17T19:00/registrations";
        var placed = await (await service.AsAsync(Demo.Resident)).PostAsync(path, null).OkAsync();
        var waiting = await (await service.AsAsync(Demo.ResidentOost)).PostAsync(path, null).OkAsync();
        var officeHour = await OfficeHourAsync("Sanne Visser", "2027-05-17T10:00", "2027-05-17T11:00");
        var booking = await (await service.AsAsync(Demo.Resident)).PostAsJsonAsync($"{Root}/bookings",
            new { officeHourId = officeHour, start = "2027-05-17T10:20", topic = "Overlast" }).OkAsync();

        await RemindAtAsync(At("2027-05-16T09:00"));
        Assert.Empty(await RemindersAsync(activity, "RegistrationReminderDue"));
        Assert.Empty(await RemindersAsync(officeHour, "BookingReminderDue"));

        await RemindAtAsync(At("2027-05-16T11:00"));
        await RemindAtAsync(At("2027-05-16T20:00"));
        await RemindAtAsync(At("2027-05-17T09:00"));

        var reminded = Assert.Single(await RemindersAsync(activity, "RegistrationReminderDue"));
        Assert.Equal(placed.GetProperty("id").GetGuid(), reminded.GetProperty("registrationId").GetGuid());
        Assert.NotEqual(waiting.GetProperty("id").GetGuid(), reminded.GetProperty("registrationId").GetGuid());
        Assert.Equal(("2027-05-17T19:00", "2027-05-17T19:00", "Koffieochtend", "Wijkcentrum De Geus, Hilversum Zuid", placed.GetProperty("checkInCode").GetString()),
            (reminded.GetProperty("occurrenceStart").GetString(), reminded.GetProperty("localStart").GetString(), reminded.GetProperty("activityTitle").GetString(),
                reminded.GetProperty("location").GetString(), reminded.GetProperty("checkInCode").GetString()));
        Assert.Equal(At("2027-05-17T19:00"), reminded.GetProperty("startsAt").GetDateTimeOffset());
        var bookingReminder = Assert.Single(await RemindersAsync(officeHour, "BookingReminderDue"));
        Assert.Equal((booking.GetProperty("id").GetGuid(), "2027-05-17T10:20", "Sanne Visser", "Overlast", "Politiepost Zuid"),
            (bookingReminder.GetProperty("bookingId").GetGuid(), bookingReminder.GetProperty("localStart").GetString(),
                bookingReminder.GetProperty("hostName").GetString(), bookingReminder.GetProperty("topic").GetString(), bookingReminder.GetProperty("location").GetString()));
    }

    [Fact]
    public async Task What_was_cancelled_gets_no_reminder_and_a_moved_occurrence_is_reminded_of_at_its_new_time()
    {
        var activity = await WithCapacityAsync("2027-05-24T19:00", "2027-05-24T21:00", 5, new { frequency = "weekly", count = 4 });
        var resident = await service.AsAsync(Demo.Resident);
        var director = await service.AsAsync(Demo.Director);
        string Path(string occurrence) => $"{Root}/activities/{activity}/occurrences/{occurrence}/registrations";
        // The resident cancels their own place on the 24th; the planner cancels the occurrence of the 31st.
        var cancelledPlace = await resident.PostAsync(Path("2027-05-24T19:00"), null).OkAsync();
        await resident.DeleteAsync($"{Path("2027-05-24T19:00")}/{cancelledPlace.GetProperty("id").GetGuid()}").OkAsync();
        await resident.PostAsync(Path("2027-05-31T19:00"), null).OkAsync();
        await director.PostAsJsonAsync($"{Root}/activities/{activity}/occurrences/2027-05-31T19:00/cancellation", new { reason = "Zaal bezet." }).OkAsync();
        // The 7th of June is reminded of, then moved two hours later: reminded again, at the new time.
        var moved = await resident.PostAsync(Path("2027-06-07T19:00"), null).OkAsync();
        // A booking cancelled by staff (with the reason the resident is told).
        var officeHour = await OfficeHourAsync("Kees Jansen", "2027-06-07T10:00", "2027-06-07T11:00");
        var booking = await resident.PostAsJsonAsync($"{Root}/bookings", new { officeHourId = officeHour, start = "2027-06-07T10:00" }).OkAsync();
        await director.PostAsJsonAsync($"{Root}/bookings/{booking.GetProperty("id").GetGuid()}/cancellation", new { reason = "De wijkagent is met verlof." }).OkAsync();

        await RemindAtAsync(At("2027-05-23T20:00"));
        await RemindAtAsync(At("2027-05-30T20:00"));
        await RemindAtAsync(At("2027-06-06T20:00"));
        Assert.Equal([moved.GetProperty("id").GetGuid()],
            (await RemindersAsync(activity, "RegistrationReminderDue")).Select(r => r.GetProperty("registrationId").GetGuid()));
        await director.PutAsJsonAsync($"{Root}/activities/{activity}/occurrences/2027-06-07T19:00",
            new { start = "2027-06-07T21:00", end = "2027-06-07T23:00", reason = "Later begonnen." }).OkAsync();
        await RemindAtAsync(At("2027-06-06T20:30"));
        Assert.Single(await RemindersAsync(activity, "RegistrationReminderDue"));
        await RemindAtAsync(At("2027-06-06T21:30"));

        var reminders = await RemindersAsync(activity, "RegistrationReminderDue");
        Assert.Equal(["2027-06-07T19:00", "2027-06-07T21:00"], reminders.Select(r => r.GetProperty("localStart").GetString()));
        Assert.All(reminders, r => Assert.Equal("2027-06-07T19:00", r.GetProperty("occurrenceStart").GetString()));
        Assert.Empty(await RemindersAsync(officeHour, "BookingReminderDue"));
        var cancelledEvent = Assert.Single(await RemindersAsync(officeHour, "BookingCancelled"));
        Assert.Equal(("De wijkagent is met verlof.", false), (cancelledEvent.GetProperty("reason").GetString(), cancelledEvent.GetProperty("byResident").GetBoolean()));
    }

    [Fact]
    public async Task Two_replicas_looking_at_once_remind_each_place_exactly_once()
    {
        var activity = await WithCapacityAsync("2027-06-14T19:00", "2027-06-14T21:00", 40);
        var start = new LocalDateTime(2027, 6, 14, 19, 0);
        var registrations = new List<Guid>();
        for (var n = 0; n < 40; n++)
        {
            registrations.Add(await service.InScopeAsync(Demo.Hilversum, async s => (await s.GetRequiredService<Registrations>()
                .RegisterAsync(activity, start, new Actor(Guid.CreateVersion7(), ["resident"], []), default)).Id));
        }

        var now = At("2027-06-13T20:00");
        var counts = await Task.WhenAll(RemindAtAsync(now, limit: 7), RemindAtAsync(now, limit: 7));

        var reminded = (await RemindersAsync(activity, "RegistrationReminderDue")).Select(r => r.GetProperty("registrationId").GetGuid()).ToList();
        Assert.Equal(registrations.Order(), reminded.Order());
        Assert.True(counts.Sum() >= 40, $"the two replicas reminded {counts[0]} and {counts[1]}");
    }

    [Fact]
    public async Task A_reminder_not_sent_in_time_counts_as_late_until_the_watch_sends_it()
    {
        var activity = await WithCapacityAsync("2027-06-28T19:00", "2027-06-28T21:00", 3);
        await (await service.AsAsync(Demo.Resident)).PostAsync($"{Root}/activities/{activity}/occurrences/2027-06-28T19:00/registrations", null).OkAsync();
        // An hour after the reminder was due (the watch did not run at that clock).
        var now = At("2027-06-27T20:00");
        Task<long> LateAsync() => service.InScopeAsync(Demo.Hilversum, s =>
            s.GetRequiredService<CalendarDbContext>().CountLateRemindersAsync(now, now - CalendarMetrics.ReminderGrace, default));

        var before = await LateAsync();
        await RemindAtAsync(now);

        Assert.True(before >= 1, $"{before} late before the watch ran");
        Assert.Equal(0, await LateAsync());
    }
}
