using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Contacts;
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
