using Buurt.Contracts.Budget;
using Buurt.Contracts.Identity;
using Buurt.Contracts.Initiatives;
using Buurt.Notifications.UseCases;
using MassTransit;

namespace Buurt.Notifications.Messaging;

// Each consumer runs in the inbox's transaction: the notifications and queued mails it makes commit
// with the message's inbox record, or not at all (a redelivery finds the record and is skipped).

/// <summary>Staff hear of a new initiative in their wijk.</summary>
public sealed class InitiativeSubmittedConsumer(InitiativeNews news) : IConsumer<InitiativeSubmitted>
{
    public Task Consume(ConsumeContext<InitiativeSubmitted> context) => news.SubmittedAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator hears their initiative moved.</summary>
public sealed class InitiativeStatusChangedConsumer(InitiativeNews news) : IConsumer<InitiativeStatusChanged>
{
    public Task Consume(ConsumeContext<InitiativeStatusChanged> context) => news.StatusChangedAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator is asked to accept a proposed deal.</summary>
public sealed class DealProposedConsumer(InitiativeNews news) : IConsumer<DealProposed>
{
    public Task Consume(ConsumeContext<DealProposed> context) => news.DealProposedAsync(context.Message, context.CancellationToken);
}

/// <summary>The wijk's directors hear an answer is late.</summary>
public sealed class InitiativeAnswerOverdueConsumer(InitiativeNews news) : IConsumer<InitiativeAnswerOverdue>
{
    public Task Consume(ConsumeContext<InitiativeAnswerOverdue> context) => news.AnswerOverdueAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator hears the deal's money was reserved.</summary>
public sealed class FundsReservedConsumer(InitiativeNews news) : IConsumer<FundsReserved>
{
    public Task Consume(ConsumeContext<FundsReserved> context) => news.FundsReservedAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator hears the deal's money could not be reserved.</summary>
public sealed class FundsReservationRejectedConsumer(InitiativeNews news) : IConsumer<FundsReservationRejected>
{
    public Task Consume(ConsumeContext<FundsReservationRejected> context) => news.FundsRejectedAsync(context.Message, context.CancellationToken);
}

/// <summary>A new account for the copy (and a resident's welcome).</summary>
public sealed class AccountRegisteredConsumer(AccountCopy accounts) : IConsumer<AccountRegistered>
{
    public Task Consume(ConsumeContext<AccountRegistered> context) => accounts.RegisteredAsync(context.Message, context.CancellationToken);
}

/// <summary>An account's new state for the copy.</summary>
public sealed class AccountChangedConsumer(AccountCopy accounts) : IConsumer<AccountChanged>
{
    public Task Consume(ConsumeContext<AccountChanged> context) => accounts.ChangedAsync(context.Message, context.CancellationToken);
}

/// <summary>An erased account is forgotten.</summary>
public sealed class AccountErasedConsumer(AccountCopy accounts) : IConsumer<AccountErased>
{
    public Task Consume(ConsumeContext<AccountErased> context) => accounts.ErasedAsync(context.Message, context.CancellationToken);
}

/// <summary>Identity's password-reset mail.</summary>
public sealed class PasswordResetRequestedConsumer(AccountCopy accounts) : IConsumer<PasswordResetRequested>
{
    public Task Consume(ConsumeContext<PasswordResetRequested> context) => accounts.PasswordResetAsync(context.Message, context.CancellationToken);
}

/// <summary>Identity's invitation of a new colleague.</summary>
public sealed class StaffInvitedConsumer(AccountCopy accounts) : IConsumer<StaffInvited>
{
    public Task Consume(ConsumeContext<StaffInvited> context) => accounts.StaffInvitedAsync(context.Message, context.CancellationToken);
}

/// <summary>Registers the consumers ("notifications-initiative-submitted", ...).</summary>
public static class NotificationConsumers
{
    public static void AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<InitiativeSubmittedConsumer>();
        bus.AddConsumer<InitiativeStatusChangedConsumer>();
        bus.AddConsumer<DealProposedConsumer>();
        bus.AddConsumer<InitiativeAnswerOverdueConsumer>();
        bus.AddConsumer<FundsReservedConsumer>();
        bus.AddConsumer<FundsReservationRejectedConsumer>();
        bus.AddConsumer<AccountRegisteredConsumer>();
        bus.AddConsumer<AccountChangedConsumer>();
        bus.AddConsumer<AccountErasedConsumer>();
        bus.AddConsumer<PasswordResetRequestedConsumer>();
        bus.AddConsumer<StaffInvitedConsumer>();
    }
}
