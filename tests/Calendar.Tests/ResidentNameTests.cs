using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Contracts.Identity;
using Buurt.Messaging.Inbox;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// Who registered and booked, by name, for the wijk's planners: the calendar's copy of identity's
/// display names (tokens carry none), asked for once per municipality, kept from the account events,
/// an older event changing nothing, an erased account's name gone for good. And cancelling a whole
/// activity with a reason everyone sees.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class ResidentNameTests(CalendarService service)
{
    private Task<List<OutboxMessage>> ReplayRequestsAsync() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>()
        .Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.StartsWith("Buurt.Contracts.Notifications.AccountsReplayRequested,")).ToListAsync());

    private Task<string?> NameAsync(Guid account) => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>()
        .ResidentNames.Where(n => n.AccountId == account).Select(n => n.DisplayName).FirstOrDefaultAsync());

    private Task ConsumedAsync(Guid eventId) => Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>()
        .Set<InboxMessage>().IgnoreQueryFilters().AnyAsync(m => m.MessageId == eventId)), what: "the event to be consumed");

    [Fact]
    public async Task The_planners_see_the_names_of_those_registered_and_booked_from_identitys_names_asked_for_once()
    {
        var requests = await Eventually.ValueAsync(ReplayRequestsAsync, rows => rows.Select(r => r.TenantId).Distinct().Count() >= 2,
            what: "an AccountsReplayRequested per municipality");
        Assert.Equal(2, requests.Count);
        // A second start (another replica) does not ask again: the request is claimed once per municipality.
        Assert.False(await service.InScopeAsync(Demo.Hilversum, s =>
            s.GetRequiredService<CalendarDbContext>().ClaimNamesRequestAsync(Demo.Hilversum, DateTimeOffset.UtcNow, CancellationToken.None)));

        var director = await service.AsAsync(Demo.Director);
        var activity = (await service.ScheduleAsync(Body("2027-10-04T19:00", "2027-10-04T21:00", change: b => b["registration"] = new { capacity = 1 })))
            .GetProperty("id").GetGuid();
        var path = $"{Root}/activities/{activity}/occurrences/2027-10-04T19:00/registrations";
        await (await service.AsAsync(Demo.Resident)).PostAsync(path, null).OkAsync();
        await (await service.AsAsync(Demo.ResidentOost)).PostAsync(path, null).OkAsync();
        var officeHour = (await director.PostAsJsonAsync($"{Root}/office-hours", new
        {
            areaId = Zuid,
            host = new { function = "wijkwethouder", name = "Rik Jansen" },
            start = "2027-04-06T19:00",
            end = "2027-04-06T20:00",
            slotMinutes = 20,
            horizonDays = 366,
        }).OkAsync()).GetProperty("id").GetGuid();
        await (await service.AsAsync(Demo.Resident)).PostAsJsonAsync($"{Root}/bookings", new { officeHourId = officeHour, start = "2027-04-06T19:20" }).OkAsync();

        // Identity's answer to the request reaches the copy: the demo residents by name, in order of arrival.
        var registered = await Eventually.ValueAsync(async () => (await director.GetAsync(path).OkAsync()).GetProperty("registrations").GetProperty("items")
                .EnumerateArray().Select(r => r.GetProperty("residentName").GetString()).ToList(),
            names => names.All(n => n is not null), what: "the registrants' names");
        Assert.Equal(["Sanne de Vries", "Ahmed El Amrani"], registered);
        var booking = Assert.Single((await director.GetAsync($"{Root}/bookings?areaId={Zuid}&officeHourId={officeHour}").OkAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("Sanne de Vries", booking.GetProperty("residentName").GetString());
        // The resident's own answers carry no name field filled in (only the planners' lists do).
        var mine = (await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/me/bookings").OkAsync()).GetProperty("items").EnumerateArray()
            .Single(b => b.GetProperty("officeHourId").GetGuid() == officeHour);
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("residentName").ValueKind);
    }

    [Fact]
    public async Task An_older_name_arriving_late_changes_nothing_and_an_erased_accounts_name_is_gone_for_good()
    {
        var account = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await service.PublishAsync(Registered(account, "Kees Bos", now.AddMinutes(-10)));
        await Eventually.TrueAsync(async () => await NameAsync(account) == "Kees Bos", what: "the registered name");

        var renamed = Changed(account, "Kees van den Bos", now);
        var late = Changed(account, "K. Bos", now.AddMinutes(-5));
        await service.PublishAsync(renamed);
        await ConsumedAsync(renamed.EventId);
        await service.PublishAsync(late);
        await ConsumedAsync(late.EventId);
        Assert.Equal("Kees van den Bos", await NameAsync(account));

        var erased = new AccountErased(Demo.Hilversum, Guid.NewGuid(), now.AddMinutes(1), account);
        await service.PublishAsync(erased);
        await ConsumedAsync(erased.EventId);
        Assert.Null(await NameAsync(account));
        // A replay after the erasure (identity's answer to another copy's request) does not bring it back.
        var replayed = Changed(account, "Kees van den Bos", now.AddMinutes(2));
        await service.PublishAsync(replayed);
        await ConsumedAsync(replayed.EventId);
        Assert.Null(await NameAsync(account));
    }

    [Fact]
    public async Task A_whole_activity_is_cancelled_with_a_reason_every_occurrence_shows_and_a_bad_reason_changes_nothing()
    {
        var activity = (await service.ScheduleAsync(Body("2027-10-05T19:00", "2027-10-05T21:00", recurrence: new { frequency = "weekly", count = 3 })))
            .GetProperty("id").GetGuid();
        var director = await service.AsAsync(Demo.Director);
        var before = await service.CountEverythingAsync();

        await director.PostAsJsonAsync($"{Root}/activities/{activity}/cancellation", new { reason = new string('x', 501) })
            .ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await director.PostAsJsonAsync($"{Root}/activities/{activity}/cancellation", new { reason = 42 }).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await service.CountEverythingAsync());

        await director.PostAsJsonAsync($"{Root}/activities/{activity}/cancellation", new { reason = "Het buurthuis gaat dicht." }).OkAsync();

        var occurrences = (await service.Client().GetAsync($"{Root}/activities/{activity}/occurrences").OkAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, occurrences.Count);
        Assert.All(occurrences, o => Assert.Equal("cancelled", o.GetProperty("status").GetString()));
        var agenda = await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}&from=2027-10-05&to=2027-10-20").OkAsync();
        var lines = agenda.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("activityId").ValueKind == JsonValueKind.String
            && i.GetProperty("activityId").GetGuid() == activity).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(("cancelled", "Het buurthuis gaat dicht."), (l.GetProperty("status").GetString(), l.GetProperty("reason").GetString())));
        var told = (await service.EventsAsync(activity)).Single(e => e.Type == "ActivityCancelled").Payload;
        Assert.Equal("Het buurthuis gaat dicht.", told.GetProperty("reason").GetString());
    }

    private static AccountRegistered Registered(Guid account, string name, DateTimeOffset at) =>
        new(Demo.Hilversum, Guid.NewGuid(), at, account, "kees@hilversum.example", name, "nl", ["resident"], [Zuid], SelfRegistered: true);

    private static AccountChanged Changed(Guid account, string name, DateTimeOffset at) =>
        new(Demo.Hilversum, Guid.NewGuid(), at, account, "kees@hilversum.example", name, "nl", ["resident"], [Zuid]);
}
