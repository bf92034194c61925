using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// A cancelled occurrence or activity names in its event every resident who had a place or waited
/// (for the occurrences still to come), so the notifications service can tell them.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class CancelledParticipantsTests(CalendarService service)
{
    private static string Registrations(Guid activity, string occurrence) => $"{Root}/activities/{activity}/occurrences/{occurrence}/registrations";

    private static IEnumerable<(Guid Registration, string Status, string Occurrence)> Participants(JsonElement payload) =>
        payload.GetProperty("participants").EnumerateArray().Select(p =>
            (p.GetProperty("registrationId").GetGuid(), p.GetProperty("status").GetString()!, p.GetProperty("occurrenceStart").GetString()!));

    [Fact]
    public async Task A_cancelled_occurrence_names_its_registered_and_waiting_residents_and_not_those_who_left()
    {
        var id = (await service.ScheduleAsync(Body("2027-04-05T19:00", "2027-04-05T21:00", recurrence: new { frequency = "weekly", count = 3 },
            change: b => { b["title"] = "Buurtquiz"; b["registration"] = new { capacity = 1 }; }))).GetProperty("id").GetGuid();
        var path = Registrations(id, "2027-04-12T19:00");
        var placed = (await (await service.AsAsync(Demo.Resident)).PostAsync(path, null).OkAsync()).GetProperty("id").GetGuid();
        var waiting = (await (await service.AsAsync(Demo.ResidentOost)).PostAsync(path, null).OkAsync()).GetProperty("id").GetGuid();
        var partner = await service.AsAsync(Demo.Partner);
        var left = (await partner.PostAsync(path, null).OkAsync()).GetProperty("id").GetGuid();
        await partner.DeleteAsync($"{path}/{left}").OkAsync();
        // Another occurrence's registration is not this one's.
        await (await service.AsAsync(Demo.Resident)).PostAsync(Registrations(id, "2027-04-19T19:00"), null).OkAsync();

        await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{path.Replace("/registrations", "")}/cancellation", new { reason = "De zaal is dicht." }).OkAsync();

        var cancelled = (await service.EventsAsync(id)).Single(e => e.Type == "OccurrenceCancelled").Payload;
        Assert.Equal(("Buurtquiz", "Europe/Amsterdam", "De zaal is dicht."), (cancelled.GetProperty("title").GetString(),
            cancelled.GetProperty("timeZone").GetString(), cancelled.GetProperty("reason").GetString()));
        Assert.Equal([(placed, "registered", "2027-04-12T19:00"), (waiting, "waitlisted", "2027-04-12T19:00")], Participants(cancelled));
    }

    [Fact]
    public async Task A_cancelled_activity_names_the_residents_of_its_coming_occurrences()
    {
        var id = (await service.ScheduleAsync(Body("2027-05-03T10:00", "2027-05-03T11:00", recurrence: new { frequency = "weekly", count = 4 },
            change: b => b["registration"] = new { capacity = 5 }))).GetProperty("id").GetGuid();
        var resident = await service.AsAsync(Demo.Resident);
        var first = (await resident.PostAsync(Registrations(id, "2027-05-03T10:00"), null).OkAsync()).GetProperty("id").GetGuid();
        var third = (await resident.PostAsync(Registrations(id, "2027-05-17T10:00"), null).OkAsync()).GetProperty("id").GetGuid();
        var oost = (await (await service.AsAsync(Demo.ResidentOost)).PostAsync(Registrations(id, "2027-05-10T10:00"), null).OkAsync()).GetProperty("id").GetGuid();
        var director = await service.AsAsync(Demo.Director);
        // An occurrence cancelled before: its residents were told then.
        await director.PostAsJsonAsync($"{Root}/activities/{id}/occurrences/2027-05-17T10:00/cancellation", new { }).OkAsync();

        await director.PostAsJsonAsync($"{Root}/activities/{id}/cancellation", new { reason = "Geen vrijwilligers meer." }).OkAsync();

        var cancelled = (await service.EventsAsync(id)).Single(e => e.Type == "ActivityCancelled").Payload;
        Assert.Equal("Koffieochtend", cancelled.GetProperty("title").GetString());
        Assert.Equal([(first, "registered", "2027-05-03T10:00"), (oost, "registered", "2027-05-10T10:00")], Participants(cancelled));
        Assert.DoesNotContain(third, Participants(cancelled).Select(p => p.Registration));
    }
}
