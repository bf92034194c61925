using System.Text.Json;
using Buurt.Contacts.Data;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Contacts;
using Buurt.Messaging.Inbox;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>
/// Contacts' side of the exchange with the calendar (events on the real broker): the copy of the
/// office hours' sessions that gives "who" its <c>nextOfficeHours</c>, the replay of venues and
/// assignments the calendar asks for, and the request for the office hours at start.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class OfficeHourCopyTests(ContactsService service)
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private Task<bool> ConsumedAsync(Guid eventId) => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<ContactsDbContext>()
        .Set<InboxMessage>().IgnoreQueryFilters().AnyAsync(m => m.MessageId == eventId));

    private async Task PublishAndWaitAsync(OfficeHourSessionsPlanned planned)
    {
        await service.PublishAsync(planned);
        await Eventually.TrueAsync(() => ConsumedAsync(planned.EventId), what: "the office hour's sessions to be copied");
    }

    /// <summary>Weekly sessions 19:00–20:00 from <paramref name="first"/> (a Wednesday at 18:00 UTC), walk-in for the first 20 minutes.</summary>
    private static OfficeHourSession[] Weekly(DateTimeOffset first, int count, string? host) =>
        [.. Enumerable.Range(0, count).Select(i => new OfficeHourSession(first + i * Week, first + i * Week + TimeSpan.FromHours(1),
            first + i * Week + TimeSpan.FromMinutes(20), false, host))];

    private static OfficeHourSessionsPlanned Planned(Guid id, string function, string? hostName, bool byFunction, IReadOnlyList<OfficeHourSession> sessions,
        DateTimeOffset? occurredAt = null) =>
        new(Demo.Hilversum, Guid.NewGuid(), occurredAt ?? DateTimeOffset.UtcNow, id, Demo.Zuid, function, hostName, byFunction, "both", "Europe/Amsterdam",
            "Buurthuis Lopes Dias, Lopes Diaslaan 213", null, null, sessions);

    private async Task<JsonElement> ContactAsync(string function) =>
        (await service.Client().GetAsync($"{Root}/who?areaId={Demo.Zuid}").OkAsync()).GetProperty("contacts").EnumerateArray()
            .Single(c => c.GetProperty("function").GetString() == function);

    [Fact]
    public async Task Who_names_the_next_three_sessions_of_the_office_hours_of_the_function_and_of_the_holder()
    {
        var holder = await service.HolderAsync(Demo.Zuid, name: "Ruud Prins");
        var next = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(2).AddHours(18);
        var byFunction = Guid.NewGuid();
        var sessions = Weekly(next.AddDays(-14), 6, "Ruud Prins");
        // Past sessions, a cancelled one (the host blocked the date) and one another holder hosts are left out.
        sessions[3] = sessions[3] with { Cancelled = true };
        sessions[4] = sessions[4] with { HostName = "Iemand Anders" };
        await PublishAndWaitAsync(Planned(byFunction, holder.Function, null, true, sessions));
        var byName = Guid.NewGuid();
        await PublishAndWaitAsync(Planned(byName, holder.Function, "Ruud Prins", false, [new(next.AddDays(1), next.AddDays(1).AddHours(1), null, false, "Ruud Prins")]));
        await PublishAndWaitAsync(Planned(Guid.NewGuid(), holder.Function, "Iemand Anders", false, [new(next.AddHours(-1), next, null, false, "Iemand Anders")]));

        var contact = await ContactAsync(holder.Function);

        var officeHours = contact.GetProperty("nextOfficeHours").EnumerateArray().ToList();
        Assert.Equal([(byFunction, sessions[2].StartsAt), (byName, next.AddDays(1)), (byFunction, sessions[5].StartsAt)],
            officeHours.Select(o => (o.GetProperty("officeHourId").GetGuid(), o.GetProperty("start").GetDateTimeOffset())));
        Assert.Equal(("both", sessions[2].WalkInUntil, "Buurthuis Lopes Dias, Lopes Diaslaan 213"), (officeHours[0].GetProperty("mode").GetString(),
            (DateTimeOffset?)officeHours[0].GetProperty("walkInUntil").GetDateTimeOffset(), officeHours[0].GetProperty("location").GetString()));
    }

    [Fact]
    public async Task A_newer_plan_replaces_the_sessions_and_an_older_one_arriving_late_changes_nothing()
    {
        var holder = await service.HolderAsync(Demo.Zuid, name: "Wim Kramer");
        var id = Guid.NewGuid();
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(3).AddHours(18);
        var now = DateTimeOffset.UtcNow;
        await PublishAndWaitAsync(Planned(id, holder.Function, null, true, Weekly(start, 2, "Wim Kramer"), now));
        await PublishAndWaitAsync(Planned(id, holder.Function, null, true, Weekly(start.AddDays(1), 2, "Wim Kramer"), now.AddSeconds(1)));

        await PublishAndWaitAsync(Planned(id, holder.Function, null, true, Weekly(start.AddDays(2), 2, "Wim Kramer"), now.AddSeconds(-10)));

        var contact = await ContactAsync(holder.Function);
        Assert.Equal([start.AddDays(1), start.AddDays(8)],
            contact.GetProperty("nextOfficeHours").EnumerateArray().Select(o => o.GetProperty("start").GetDateTimeOffset()));
    }

    [Fact]
    public async Task When_the_calendar_asks_contacts_tells_every_venue_in_use_and_every_assignment_not_ended()
    {
        var holder = await service.HolderAsync(Demo.Zuid, name: "Els Kuipers");
        var seenVenues = service.Published.Of<VenueRegistered>().Count();
        var seenAssignments = service.Published.Of<AssignmentRegistered>().Count();

        await service.PublishAsync(new NetworkReplayRequested(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, "calendar"));

        var assignment = await service.Published.WaitForNewAsync<AssignmentRegistered>(seenAssignments, e => e.AssignmentId == holder.Assignment);
        Assert.Equal(("Els Kuipers", holder.Function, Demo.Zuid, (DateOnly?)null), (assignment.PersonName, assignment.Function, assignment.AreaIds.Single(), assignment.Until));
        var venue = await service.Published.WaitForNewAsync<VenueRegistered>(seenVenues, e => e.Name == "Buurthuis Lopes Dias");
        Assert.Equal(Guid.Parse("0193a0c0-0000-7000-8000-00000010e5d1"), venue.VenueId);
    }

    [Fact]
    public async Task At_start_contacts_asks_the_calendar_for_the_office_hours_of_every_municipality()
    {
        var requests = await Eventually.ValueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<ContactsDbContext>()
                .Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.StartsWith("Buurt.Contracts.Calendar.OfficeHoursRequested,")).ToListAsync()),
            until: rows => rows.Select(r => r.TenantId).Distinct().Count() >= 2, what: "an OfficeHoursRequested per municipality");

        Assert.Contains(requests, r => r.TenantId == Demo.Hilversum);
        Assert.Contains(requests, r => r.TenantId == Demo.Voorbeeldstad);
        Assert.All(requests, r => Assert.Equal("contacts", JsonDocument.Parse(r.Payload).RootElement.GetProperty("requester").GetString()));
    }
}
