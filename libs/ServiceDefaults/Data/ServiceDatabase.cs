using System.Data.Common;
using Buurt.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurt.ServiceDefaults.Data;

/// <summary>
/// The service's own PostgreSQL database from <c>ConnectionStrings:Database</c>: snake_case names,
/// a readiness check, and migrations applied at start (EF Core takes a lock, so replicas may start
/// together; in Kubernetes the Helm hook Job migrates first and sets <c>Database:MigrateOnStart=false</c>).
/// With <c>Database:MigrateOnly=true</c> the process only applies the migrations and exits (0 when done):
/// no server, no bus, no other background work. That is the Helm hook Job's command.
/// </summary>
public static class ServiceDatabase
{
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString("Database")
            ?? throw new InvalidOperationException("ConnectionStrings:Database is not configured.");
        builder.Services.AddDbContext<TDbContext>((services, options) => Conventions(options, connectionString)
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>("database", tags: [HealthEndpoints.Ready]);
        if (builder.Configuration.GetValue("Database:MigrateOnly", false))
        {
            builder.Services.AddHostedService<MigrateAndStop<TDbContext>>();
            // Every other hosted service (Kestrel, the bus, the outbox, catch-ups, demo data) is left
            // out when the container is built, so nothing else starts, listens or connects.
            builder.ConfigureContainer(new OnlyHostedService<MigrateAndStop<TDbContext>>());
        }
        else if (builder.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            builder.Services.AddHostedService<MigrateOnStart<TDbContext>>();
        }
        return builder;
    }

    /// <summary>
    /// Options for <c>dotnet ef</c> (see <see cref="DesignTimeFactory{TDbContext}"/>): the same conventions
    /// as at run time, so migrations match; no database is contacted.
    /// </summary>
    internal static DbContextOptions<TDbContext> DesignTimeOptions<TDbContext>(string database)
        where TDbContext : DbContext =>
        Conventions(new DbContextOptionsBuilder<TDbContext>(), $"Host=localhost;Database={database}").Options;

    private static TBuilder Conventions<TBuilder>(TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
            .AddInterceptors(AllOrNothingTransactions.Instance);
        return options;
    }

    /// <summary>
    /// Our transactions are all or nothing: a failed <c>SaveChanges</c> is never continued, the whole
    /// transaction is retried. EF's automatic savepoint around each <c>SaveChanges</c> in a transaction
    /// would only add two round trips (SAVEPOINT, RELEASE) to every write.
    /// </summary>
    private sealed class AllOrNothingTransactions : DbTransactionInterceptor
    {
        public static readonly AllOrNothingTransactions Instance = new();

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            NoSavepoints(eventData);
            return result;
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(
            DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            NoSavepoints(eventData);
            return ValueTask.FromResult(result);
        }

        private static void NoSavepoints(TransactionEndEventData eventData)
        {
            if (eventData.Context is { } context)
            {
                context.Database.AutoSavepointsEnabled = false;
            }
        }
    }

    /// <summary>Runs before the server listens (hosted services start first), so no request meets an old schema.</summary>
    private sealed class MigrateOnStart<TDbContext>(IServiceScopeFactory scopes) : IHostedService
        where TDbContext : DbContext
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TDbContext>().Database.MigrateAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Applies the migrations, then stops the host: the process exits 0. A failure makes start fail (exit not 0).</summary>
    private sealed class MigrateAndStop<TDbContext>(
        IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<MigrateAndStop<TDbContext>> logger) : IHostedService
        where TDbContext : DbContext
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<TDbContext>().Database;
            var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database:MigrateOnly: applied {Count} migration(s) to {Database}: {Migrations}",
                pending.Count, database.GetDbConnection().Database, string.Join(", ", pending));
            lifetime.StopApplication();
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Builds the service provider with one hosted service only.</summary>
    private sealed class OnlyHostedService<TKeep> : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services)
        {
            foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType != typeof(TKeep)).ToList())
            {
                services.Remove(descriptor);
            }
            return services;
        }

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
    }
}
