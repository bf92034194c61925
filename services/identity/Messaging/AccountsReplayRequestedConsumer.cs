using Buurt.Contracts.Notifications;
using Buurt.Identity.UseCases;
using MassTransit;

namespace Buurt.Identity.Messaging;

/// <summary>A new copy of the accounts (the notifications service's) asks for them all.</summary>
public sealed class AccountsReplayRequestedConsumer(AccountSettings accounts) : IConsumer<AccountsReplayRequested>
{
    public Task Consume(ConsumeContext<AccountsReplayRequested> context) => accounts.ReplayAsync(context.CancellationToken);
}

/// <summary>Registers identity's consumers.</summary>
public static class IdentityConsumers
{
    public static void AddIdentityConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<AccountsReplayRequestedConsumer>();
}
