using Buurt.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Buurt.ServiceDefaults.Data;

/// <summary>
/// The service's own PostgreSQL database from <c>ConnectionStrings:Database</c>: snake_case names,
/// a readiness check, and migrations applied at start (EF Core takes a lock, so replicas may start
/// together; in Kubernetes the Helm hook Job migrates first and sets <c>Database:MigrateOnStart=false</c>).
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
        if (builder.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            builder.Services.AddHostedService<MigrateOnStart<TDbContext>>();
        }
        return builder;
    }

    /// <summary>
    /// Options for <c>dotnet ef</c> (an <c>IDesignTimeDbContextFactory</c>): the same conventions as
    /// at run time, so migrations match; no database is contacted.
    /// </summary>
    public static DbContextOptions<TDbContext> DesignTimeOptions<TDbContext>(string database)
        where TDbContext : DbContext =>
        Conventions(new DbContextOptionsBuilder<TDbContext>(), $"Host=localhost;Database={database}").Options;

    private static TBuilder Conventions<TBuilder>(TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
        return options;
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
}
