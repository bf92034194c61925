using Buurt.Contracts;
using Buurt.Messaging.Inbox;
using Buurt.Messaging.Outbox;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurt.Messaging;

/// <summary>MassTransit on RabbitMQ with our outbox and inbox over the service's DbContext.</summary>
public static class MessagingSetup
{
    /// <summary>
    /// Connects to <c>ConnectionStrings:RabbitMq</c> (an amqp:// URI), with publisher confirms and
    /// durable queues named "{service}-{consumer}". Every consumer runs with retries, the message's
    /// tenant and the inbox; after the retries its message goes to the "_error" queue.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? consumers = null)
        where TDbContext : DbContext
    {
        var service = builder.Services.Select(d => d.ImplementationInstance).OfType<ServiceInfo>().FirstOrDefault()
            ?? throw new InvalidOperationException("Call AddServiceDefaults before AddMessaging.");
        var broker = builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured.");
        var retry = builder.Configuration.GetSection("Messaging:Retry");

        builder.Services.AddTenancy();
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection("Outbox"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        builder.Services.AddSingleton<IInterceptor, RaisedEventsInterceptor>();
        builder.Services.AddHostedService<OutboxDispatcher<TDbContext>>();
        builder.Services.AddScoped<IConsumerTransaction, ConsumerTransaction<TDbContext>>();

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.Name, includeNamespace: false));
            consumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Exponential(
                    retry.GetValue("Limit", 5),
                    retry.GetValue("MinInterval", TimeSpan.FromMilliseconds(200)),
                    retry.GetValue("MaxInterval", TimeSpan.FromSeconds(30)),
                    TimeSpan.FromMilliseconds(500)));
                endpoint.UseConsumeFilter(typeof(TenantFilter<>), context);
                endpoint.UseConsumeFilter(typeof(InboxFilter<>), context);
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(broker), host => host.PublisherConfirmation = true);
                rabbit.ConfigureEndpoints(context);
            });
        });
        // Start without the broker; readiness reports it and the outbox keeps every event meanwhile.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = false);
        return builder;
    }

    /// <summary>
    /// Adds a consumer whose messages are applied in groups of up to <paramref name="limit"/> (see
    /// <see cref="IGroupConsumer{TMessage}"/>). Its queue is named after the message, as a consumer's
    /// would be; no other consumer of this service may take <typeparamref name="TMessage"/>.
    /// </summary>
    public static void AddGroupConsumer<TConsumer, TMessage>(this IBusRegistrationConfigurator bus, int limit = 100)
        where TConsumer : class, IGroupConsumer<TMessage>
        where TMessage : class, IIntegrationEvent
    {
        bus.AddScoped<IGroupConsumer<TMessage>, TConsumer>();
        bus.AddSingleton(new GroupedMessageType(typeof(TMessage)));
        bus.AddSingleton(s => new GroupCommit<TMessage>(
            s.GetRequiredService<IServiceScopeFactory>(), s.GetRequiredService<MessagingMetrics>(), s.GetRequiredService<ILogger<GroupCommit<TMessage>>>(), limit));
        // Every message of the group committing and of the next one waits in a slot until its group commits.
        bus.AddConsumer<GroupedConsumer<TMessage>>().Endpoint(endpoint => (endpoint.PrefetchCount, endpoint.ConcurrentMessageLimit) = (limit * 2, limit * 2));
    }
}
