using Buurt.AreaCopy;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.Contracts.Initiatives;
using MassTransit;

namespace Buurt.Calendar.Messaging;

// The copy of initiatives. Each consumer runs in the inbox's transaction: its change commits with
// the message's inbox record, or not at all.

/// <summary>A submitted initiative may get milestones in its wijk's agenda, from its wijk's planners or its initiator.</summary>
public sealed class InitiativeSubmittedConsumer(InitiativeCopy copy) : IConsumer<InitiativeSubmitted>
{
    public Task Consume(ConsumeContext<InitiativeSubmitted> context) =>
        copy.SubmittedAsync(context.Message.InitiativeId, context.Message.AreaId, context.Message.InitiatorId, context.CancellationToken);
}

/// <summary>A withdrawn initiative's milestones disappear from the agenda.</summary>
public sealed class InitiativeWithdrawnConsumer(InitiativeCopy copy) : IConsumer<InitiativeWithdrawn>
{
    public Task Consume(ConsumeContext<InitiativeWithdrawn> context) =>
        copy.ClosedAsync(context.Message.InitiativeId, context.Message.AreaId, InitiativeState.Withdrawn, context.CancellationToken);
}

/// <summary>A declined initiative's milestones disappear from the agenda.</summary>
public sealed class InitiativeDeclinedConsumer(InitiativeCopy copy) : IConsumer<InitiativeDeclined>
{
    public Task Consume(ConsumeContext<InitiativeDeclined> context) =>
        copy.ClosedAsync(context.Message.InitiativeId, context.Message.AreaId, InitiativeState.Declined, context.CancellationToken);
}

/// <summary>The municipality's holidays (no office-hour slots on them); initiatives' tenant settings own them.</summary>
public sealed class HolidaysChangedConsumer(HolidayCopy copy) : IConsumer<HolidaysChanged>
{
    public Task Consume(ConsumeContext<HolidaysChanged> context) => copy.ReplaceAsync(context.Message.Holidays, context.Message.OccurredAt, context.CancellationToken);
}

/// <summary>Registers the calendar's consumers.</summary>
public static class CalendarConsumers
{
    public static void AddCalendarConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddAreaCopyConsumers();
        bus.AddConsumer<InitiativeSubmittedConsumer>();
        bus.AddConsumer<InitiativeWithdrawnConsumer>();
        bus.AddConsumer<InitiativeDeclinedConsumer>();
        bus.AddConsumer<HolidaysChangedConsumer>();
        bus.AddConsumer<VenueRegisteredConsumer>();
        bus.AddConsumer<VenueChangedConsumer>();
        bus.AddConsumer<VenueEndedConsumer>();
        bus.AddConsumer<AssignmentRegisteredConsumer>();
        bus.AddConsumer<AssignmentChangedConsumer>();
        bus.AddConsumer<AssignmentEndedConsumer>();
        bus.AddConsumer<PersonErasedConsumer>();
        bus.AddConsumer<OfficeHoursRequestedConsumer>();
        bus.AddAccountConsumers();
    }
}
