using Buurt.AreaCopy;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Contacts;
using Buurt.Messaging;
using MassTransit;

namespace Buurt.Contacts.Messaging;

/// <summary>The calendar's office hours' coming sessions: the copy "who" names the next ones from.</summary>
public sealed class OfficeHourSessionsPlannedConsumer(CalendarCopy copy) : IConsumer<OfficeHourSessionsPlanned>
{
    public Task Consume(ConsumeContext<OfficeHourSessionsPlanned> context)
    {
        var e = context.Message;
        return copy.OfficeHourAsync(e.OfficeHourId, e.AreaId, e.HostFunction, e.HostName, e.HostByFunction, e.Mode, e.Location, e.VenueId, e.OnlineUrl,
            e.Sessions.Select(s => new CopiedSession(s.StartsAt, s.EndsAt, s.WalkInUntil, s.Cancelled, s.HostName)), e.OccurredAt, context.CancellationToken);
    }
}

/// <summary>The calendar (at its start) asks for the venues and assignments it copies.</summary>
public sealed class NetworkReplayRequestedConsumer(CalendarCopy copy) : IConsumer<NetworkReplayRequested>
{
    public Task Consume(ConsumeContext<NetworkReplayRequested> context) => copy.ReplayNetworkAsync(context.CancellationToken);
}

/// <summary>
/// At start, for every municipality identity knows, asks the calendar for its office hours
/// (<see cref="OfficeHoursRequested"/> through the outbox), so sessions published before contacts'
/// queue existed reach the copy; the calendar answers with an <see cref="OfficeHourSessionsPlanned"/> each.
/// </summary>
internal sealed class OfficeHoursCatchUp(IServiceScopeFactory scopes, TimeProvider time, IHttpClientFactory http, IConfiguration configuration, ILogger<OfficeHoursCatchUp> logger)
    : IdentityCatchUp(http, configuration, logger)
{
    protected override string What => "The municipalities (to ask the calendar for their office hours)";

    protected override async Task CatchUpAsync(HttpClient identity, string tenant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new OfficeHoursRequested(tenant, Guid.CreateVersion7(now), now, "contacts"));
        await db.SaveChangesAsync(cancellationToken);
    }
}
