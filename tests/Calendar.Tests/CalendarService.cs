using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Calendar.Tests;

/// <summary>
/// The calendar service on its own database and virtual host, with the real identity service (its
/// demo wijken reach the calendar's area copy; tokens of the demo accounts). Tests plan in dates of
/// their own so they never meet.
/// </summary>
public sealed class CalendarService() : ServiceFixture<CalendarDbContext>("calendar", withIdentity: true)
{
    public const string Root = "/api/calendar/v1";

    public static readonly Guid Zuid = Demo.Zuid;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Eventually.TrueAsync(async () => await InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().Areas.AnyAsync()),
            what: "the areas to be copied from identity");
        await BusReadiness.ConnectedAsync(Factory.Services);
        Factory.Services.GetRequiredService<IBus>().ConnectPublishObserver(Published);
    }

    /// <summary>What the calendar published (events that carry a secret keep no copy in the outbox).</summary>
    public PublishedMessages Published { get; } = new();

    /// <summary>An activity as the checks post it; <paramref name="change"/> adjusts the body.</summary>
    public static Dictionary<string, object?> Body(string start = "2026-12-07T19:00", string end = "2026-12-07T21:00", Guid? areaId = null,
        string visibility = "public", string kind = "activity", object? recurrence = null, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = "Koffieochtend",
            ["description"] = "Koffie en een praatje.",
            ["areaId"] = areaId ?? Zuid,
            ["kind"] = kind,
            ["visibility"] = visibility,
            ["start"] = start,
            ["end"] = end,
            ["recurrence"] = recurrence,
            ["location"] = new { name = "Wijkcentrum De Geus", address = "Hilversum Zuid", lat = 52.2166, lon = 5.1736 },
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>Schedules an activity as the director of Zuid (or another account) and returns its JSON.</summary>
    public async Task<JsonElement> ScheduleAsync(Dictionary<string, object?> body, string account = Demo.Director) =>
        await (await AsAsync(account)).PostAsJsonAsync($"{Root}/activities", body).OkAsync();

    /// <summary>Every activity and outbox row of every tenant: what a refused request must leave unchanged.</summary>
    public Task<(int Activities, int Occurrences, int Outbox, long Sequences)> CountEverythingAsync() => InScopeAsync(Demo.Hilversum, async services =>
    {
        var db = services.GetRequiredService<CalendarDbContext>();
        return (await db.Activities.IgnoreQueryFilters().CountAsync(), await db.Occurrences.IgnoreQueryFilters().CountAsync(),
            await db.Set<OutboxMessage>().CountAsync(), await db.Activities.IgnoreQueryFilters().SumAsync(a => (long)a.Sequence));
    });

    /// <summary>The events the calendar wrote to its outbox about an activity: (type name, payload), in order.</summary>
    public Task<List<(string Type, JsonElement Payload)>> EventsAsync(Guid activity) => InScopeAsync(Demo.Hilversum, async services =>
    {
        var id = activity.ToString();
        var rows = (await services.GetRequiredService<CalendarDbContext>().Set<OutboxMessage>().AsNoTracking()
            .OrderBy(m => m.Sequence).ToListAsync()).Where(m => m.Payload.Contains(id, StringComparison.Ordinal));
        return rows.Select(r => (r.Type.Split(',')[0].Split('.')[^1], JsonDocument.Parse(r.Payload).RootElement)).ToList();
    });
}

/// <summary>One calendar service (and identity) for the API tests.</summary>
[CollectionDefinition(Name)]
public sealed class CalendarCollection : ICollectionFixture<CalendarService>
{
    public const string Name = "calendar";
}
