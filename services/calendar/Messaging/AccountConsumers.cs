using Buurt.AreaCopy;
using Buurt.Calendar.Data;
using Buurt.Calendar.UseCases;
using Buurt.Contracts.Identity;
using Buurt.Contracts.Notifications;
using Buurt.Messaging;
using MassTransit;

namespace Buurt.Calendar.Messaging;

// The copy of identity's display names (docs/calendar.md, "Who registered and booked"). Each consumer
// runs in the inbox's transaction.

public sealed class AccountRegisteredConsumer(ResidentNames names) : IConsumer<AccountRegistered>
{
    public Task Consume(ConsumeContext<AccountRegistered> context) =>
        names.KeepAsync(context.Message.AccountId, context.Message.DisplayName, context.Message.OccurredAt, context.CancellationToken);
}

/// <summary>A changed account, or identity's answer to <see cref="AccountsReplayRequested"/>.</summary>
public sealed class AccountChangedConsumer(ResidentNames names) : IConsumer<AccountChanged>
{
    public Task Consume(ConsumeContext<AccountChanged> context) =>
        names.KeepAsync(context.Message.AccountId, context.Message.DisplayName, context.Message.OccurredAt, context.CancellationToken);
}

public sealed class AccountErasedConsumer(ResidentNames names) : IConsumer<AccountErased>
{
    public Task Consume(ConsumeContext<AccountErased> context) =>
        names.ErasedAsync(context.Message.AccountId, context.Message.OccurredAt, context.CancellationToken);
}

/// <summary>
/// At start, for a municipality whose names the calendar never asked for, it asks identity once for
/// every account (<see cref="AccountsReplayRequested"/>, through the outbox): accounts made before the
/// calendar's queues existed reach the copy too. Once, not at every start: the answer is an event per
/// account, to every copy.
/// </summary>
internal sealed class ResidentNamesCatchUp(
    IServiceScopeFactory scopes, TimeProvider time, IHttpClientFactory http, IConfiguration configuration, ILogger<ResidentNamesCatchUp> logger)
    : IdentityCatchUp(http, configuration, logger)
{
    protected override string What => "The municipalities (to ask once for their residents' names)";

    protected override async Task CatchUpAsync(HttpClient identity, string tenant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalendarDbContext>();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.ClaimNamesRequestAsync(tenant, now, cancellationToken))
        {
            return;
        }
        db.AddIntegrationEvent(new AccountsReplayRequested(tenant, Guid.CreateVersion7(now), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

public static class ResidentNamesSetup
{
    public static IHostApplicationBuilder AddResidentNames(this IHostApplicationBuilder builder) =>
        builder.AddIdentityCatchUp<ResidentNamesCatchUp>("resident-names-requested");

    public static IBusRegistrationConfigurator AddAccountConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AccountRegisteredConsumer>();
        bus.AddConsumer<AccountChangedConsumer>();
        bus.AddConsumer<AccountErasedConsumer>();
        return bus;
    }
}
