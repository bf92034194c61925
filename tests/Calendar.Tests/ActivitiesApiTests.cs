using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>Scheduling through the API: what is stored and answered, who may, and the events.</summary>
[Collection(CalendarCollection.Name)]
public sealed class ActivitiesApiTests(CalendarService service)
{
    [Fact]
    public async Task The_director_schedules_a_weekly_activity_and_gets_its_id_and_times_with_offsets()
    {
        var director = await service.AsAsync(Demo.Director);

        var response = await director.PostAsJsonAsync($"{Root}/activities", Body(recurrence: new { frequency = "weekly", byDay = new[] { "MO" }, count = 10 },
            change: b => b["registration"] = new { capacity = 25 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.OkAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"{Root}/activities/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("2026-12-07T19:00", created.GetProperty("start").GetString());
        Assert.Equal("2026-12-07T19:00:00+01:00", created.GetProperty("startsAt").GetString());
        Assert.Equal("Europe/Amsterdam", created.GetProperty("timeZone").GetString());
        Assert.Equal(25, created.GetProperty("registration").GetProperty("capacity").GetInt32());
        Assert.Equal(10, created.GetProperty("occurrences").GetInt32());
        Assert.Equal(0, created.GetProperty("sequence").GetInt32());
        Assert.Equal("FREQ=WEEKLY;COUNT=10;BYDAY=MO", created.GetProperty("recurrence").GetProperty("rrule").GetString());

        var read = await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/activities/{id}");
        Assert.Equal(created.GetRawText(), read.GetRawText());
        var (type, payload) = Assert.Single(await service.EventsAsync(id));
        Assert.Equal("ActivityScheduled", type);
        Assert.Equal("2026-12-07T19:00:00+01:00", payload.GetProperty("startsAt").GetString());
        Assert.Equal("FREQ=WEEKLY;COUNT=10;BYDAY=MO", payload.GetProperty("recurrence").GetString());
    }
}
