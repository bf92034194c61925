using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging.Inbox;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Buurt.Calendar.Tests;

/// <summary>
/// The copy of the holidays initiatives owns: asked for at every start (so a missed change is not
/// kept forever), and an older list that arrives late changes nothing.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class HolidayCopyTests(CalendarService service)
{
    private static readonly DateOnly[] Usual = [new(2026, 12, 25), new(2027, 2, 16)];

    private Task<List<LocalDate>> HolidaysAsync() => service.InScopeAsync(Demo.Hilversum, s =>
        s.GetRequiredService<CalendarDbContext>().Holidays.OrderBy(h => h.Date).Select(h => h.Date).ToListAsync());

    [Fact]
    public async Task At_start_the_calendar_asks_initiatives_for_the_holidays_of_every_municipality()
    {
        var requests = await Eventually.ValueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>()
                .Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.StartsWith("Buurt.Contracts.Initiatives.HolidaysRequested,")).ToListAsync()),
            until: rows => rows.Select(r => r.TenantId).Distinct().Count() >= 2, what: "a HolidaysRequested per municipality");

        Assert.Contains(requests, r => r.TenantId == Demo.Hilversum);
        Assert.Contains(requests, r => r.TenantId == Demo.Voorbeeldstad);
        Assert.All(requests, r => Assert.Equal("calendar", JsonDocument.Parse(r.Payload).RootElement.GetProperty("requester").GetString()));
    }

    [Fact]
    public async Task A_newer_list_replaces_the_copy_and_an_older_one_arriving_late_changes_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        await service.PublishAsync(new HolidaysChanged(Demo.Hilversum, Guid.NewGuid(), now, [.. Usual, new DateOnly(2027, 6, 28)]));
        await Eventually.TrueAsync(async () => (await HolidaysAsync()).Contains(new LocalDate(2027, 6, 28)), what: "the newer list");

        var late = new HolidaysChanged(Demo.Hilversum, Guid.NewGuid(), now.AddHours(-1), [new DateOnly(2027, 6, 29)]);
        await service.PublishAsync(late);
        await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<CalendarDbContext>().Set<InboxMessage>()
            .IgnoreQueryFilters().AnyAsync(m => m.MessageId == late.EventId)), what: "the late list to be consumed");

        Assert.Equal([new(2026, 12, 25), new(2027, 2, 16), new(2027, 6, 28)], await HolidaysAsync());
    }
}
