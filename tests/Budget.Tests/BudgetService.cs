using Buurt.Budget.Data;
using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging;
using Buurt.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Budget.Tests;

/// <summary>The budget service on its own database and virtual host.</summary>
public sealed class BudgetService() : ServiceFixture<BudgetDbContext>("budget")
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // The consumer's queue must exist before anything is published to it.
        await BusReadiness.ConnectedAsync(Factory.Services);
    }

    public static InitiativeSubmitted Submitted(string tenant, Guid area, decimal amount) =>
        new(tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), area, Theme.Sociaal, amount);

    /// <summary>Publishes as the initiatives service's outbox does: message id = event id, tenant header.</summary>
    public Task PublishAsync(InitiativeSubmitted submitted) =>
        Factory.Services.GetRequiredService<IBus>().Publish(submitted, context =>
        {
            context.MessageId = submitted.EventId;
            context.Headers.Set(BuurtMessageHeaders.Tenant, submitted.TenantId);
        });
}
