using Buurt.Calendar.UseCases;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Contacts;
using MassTransit;

namespace Buurt.Calendar.Messaging;

// The copy of contacts' venues and assignments, and the answer to a copy of the office hours that
// catches up. Each consumer runs in the inbox's transaction.

/// <summary>A venue the calendar may offer as a location (also a replayed one).</summary>
public sealed class VenueRegisteredConsumer(NetworkCopy copy) : IConsumer<VenueRegistered>
{
    public Task Consume(ConsumeContext<VenueRegistered> context)
    {
        var e = context.Message;
        return copy.VenueAsync(e.VenueId, e.Name, e.Address, e.Postcode, e.City, e.Lat, e.Lon, e.AreaId, e.OccurredAt, context.CancellationToken);
    }
}

/// <summary>A venue's details changed: what is planned there follows.</summary>
public sealed class VenueChangedConsumer(NetworkCopy copy) : IConsumer<VenueChanged>
{
    public Task Consume(ConsumeContext<VenueChanged> context)
    {
        var e = context.Message;
        return copy.VenueAsync(e.VenueId, e.Name, e.Address, e.Postcode, e.City, e.Lat, e.Lon, e.AreaId, e.OccurredAt, context.CancellationToken);
    }
}

/// <summary>A venue closed: no longer offered.</summary>
public sealed class VenueEndedConsumer(NetworkCopy copy) : IConsumer<VenueEnded>
{
    public Task Consume(ConsumeContext<VenueEnded> context) => copy.VenueEndedAsync(context.Message.VenueId, context.Message.OccurredAt, context.CancellationToken);
}

/// <summary>Someone holds a function in wijken (also a hand-over, or a replayed one): office hours by function follow.</summary>
public sealed class AssignmentRegisteredConsumer(NetworkCopy copy) : IConsumer<AssignmentRegistered>
{
    public Task Consume(ConsumeContext<AssignmentRegistered> context)
    {
        var e = context.Message;
        return copy.AssignmentAsync(e.AssignmentId, a => a.Take(e.PersonId, e.PersonName, e.Function, e.AreaIds, e.From, e.Until, e.OccurredAt), context.CancellationToken);
    }
}

public sealed class AssignmentChangedConsumer(NetworkCopy copy) : IConsumer<AssignmentChanged>
{
    public Task Consume(ConsumeContext<AssignmentChanged> context) =>
        copy.AssignmentAsync(context.Message.AssignmentId, a => a.ChangeAreas(context.Message.AreaIds, context.Message.OccurredAt), context.CancellationToken);
}

public sealed class AssignmentEndedConsumer(NetworkCopy copy) : IConsumer<AssignmentEnded>
{
    public Task Consume(ConsumeContext<AssignmentEnded> context) =>
        copy.AssignmentAsync(context.Message.AssignmentId, a => a.EndOn(context.Message.Until, context.Message.OccurredAt), context.CancellationToken);
}

/// <summary>An erased person's name leaves the copy.</summary>
public sealed class PersonErasedConsumer(NetworkCopy copy) : IConsumer<PersonErased>
{
    public Task Consume(ConsumeContext<PersonErased> context) => copy.PersonErasedAsync(context.Message.PersonId, context.CancellationToken);
}

/// <summary>A copy of the office hours (contacts') catches up: every office hour tells its sessions.</summary>
public sealed class OfficeHoursRequestedConsumer(NetworkCopy copy) : IConsumer<OfficeHoursRequested>
{
    public Task Consume(ConsumeContext<OfficeHoursRequested> context) => copy.PublishAllAsync(context.CancellationToken);
}
