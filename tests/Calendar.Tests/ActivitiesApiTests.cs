using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_retried_schedule_with_the_same_idempotency_key_makes_one_activity()
    {
        var director = await service.AsAsync(Demo.Director);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Schedule() => new(HttpMethod.Post, $"{Root}/activities")
        {
            Content = JsonContent.Create(Body("2027-01-20T19:00", "2027-01-20T20:00")),
            Headers = { { "Idempotency-Key", key } },
        };
        var before = await service.CountEverythingAsync();

        var first = await director.SendAsync(Schedule());
        var again = await director.SendAsync(Schedule());

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.OkAsync()).GetProperty("id").GetGuid(), (await again.OkAsync()).GetProperty("id").GetGuid());
        Assert.Equal(before.Activities + 1, (await service.CountEverythingAsync()).Activities);
    }

    [Fact]
    public async Task The_gauge_counts_the_coming_occurrences_per_wijk_and_kind()
    {
        // The demo agenda is on in Development: a coffee morning every week, the wijkteam monthly.
        await service.Factory.Services.GetRequiredService<CalendarMetrics>().RefreshAsync(CancellationToken.None);

        var metrics = await service.Factory.CreateClient().GetStringAsync("/metrics");

        var coffee = metrics.Split('\n').Single(l => l.StartsWith("buurt_calendar_upcoming{", StringComparison.Ordinal)
            && l.Contains("kind=\"activity\"", StringComparison.Ordinal) && l.Contains("tenant=\"hilversum\"", StringComparison.Ordinal)
            && l.Contains("wijk=\"HZ\"", StringComparison.Ordinal));
        // At least the four or five coffee mornings (other tests plan Zuid too).
        Assert.True(double.Parse(coffee.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) >= 4, coffee);
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("buurt_calendar_upcoming{", StringComparison.Ordinal)
            && l.Contains("kind=\"network-meeting\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_calendar()
    {
        var document = await service.Client().GetAsync($"{Root}/openapi.json").OkAsync();

        Assert.Equal("Buurt calendar API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/activities", paths);
        Assert.Contains("/agenda", paths);
        Assert.Contains("/areas/{areaId}/agenda.ics", paths);
        Assert.Contains("/activities/{id}/occurrences/{occurrenceStart}/cancellation", paths);
    }
}
