using Buurt.AreaCopy;
using Buurt.Contracts.Budget;
using Buurt.Contracts.Initiatives;
using Buurt.Initiatives.UseCases;
using MassTransit;

namespace Buurt.Initiatives.Messaging;

/// <summary>The budget reserved a deal's money: the deal shows it, and is accepted if every party already has.</summary>
public sealed class FundsReservedConsumer(Deals deals) : IConsumer<FundsReserved>
{
    public Task Consume(ConsumeContext<FundsReserved> context) =>
        deals.FundsReservedAsync(context.Message.InitiativeId, context.Message.DealVersion, context.Message.Approver, context.CancellationToken);
}

/// <summary>The budget refused a deal's money: the deal shows why, and waits for a revision.</summary>
public sealed class FundsReservationRejectedConsumer(Deals deals) : IConsumer<FundsReservationRejected>
{
    public Task Consume(ConsumeContext<FundsReservationRejected> context) =>
        deals.FundsRejectedAsync(context.Message.InitiativeId, context.Message.DealVersion, context.Message.Reason, context.Message.Detail,
            context.CancellationToken);
}

/// <summary>A copy of the holidays (the calendar's, at its start) asks for the whole list.</summary>
public sealed class HolidaysRequestedConsumer(MunicipalitySettings settings) : IConsumer<HolidaysRequested>
{
    public Task Consume(ConsumeContext<HolidaysRequested> context) => settings.ShareHolidaysAsync(context.CancellationToken);
}

/// <summary>A copy of who follows what (notifications', at its start) asks for all of it.</summary>
public sealed class FollowersReplayRequestedConsumer(Participation participation) : IConsumer<FollowersReplayRequested>
{
    public Task Consume(ConsumeContext<FollowersReplayRequested> context) => participation.ReplayFollowersAsync(context.CancellationToken);
}

/// <summary>Registers the initiatives service's consumers.</summary>
public static class InitiativesConsumers
{
    public static void AddInitiativesConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddAreaCopyConsumers();
        bus.AddConsumer<FundsReservedConsumer>();
        bus.AddConsumer<FundsReservationRejectedConsumer>();
        bus.AddConsumer<HolidaysRequestedConsumer>();
        bus.AddConsumer<FollowersReplayRequestedConsumer>();
    }
}
