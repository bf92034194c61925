using Buurt.Testing;

namespace Buurt.Deploy.Tests;

/// <summary>
/// The Helm hook Job's command: the service's own program with Database__MigrateOnly=true, run as
/// a process of its own exactly as the Job runs it. It applies every migration and exits 0, without
/// listening, connecting to the broker (its address here leads nowhere) or starting other work.
/// </summary>
public sealed class MigrateOnlyTests
{
    [Theory]
    [InlineData("identity")]
    [InlineData("initiatives")]
    [InlineData("budget")]
    [InlineData("calendar")]
    [InlineData("contacts")]
    [InlineData("notifications")]
    public async Task Migrate_only_applies_every_migration_and_exits_without_serving(string service)
    {
        await using var database = new TestDatabase(service);
        var migrations = Directory.EnumerateFiles(Path.Combine(Monitoring.Root, "services", service, "Data", "Migrations"), "2*.cs")
            .Count(f => !f.EndsWith(".Designer.cs", StringComparison.Ordinal));

        var (exit, output) = await RunAsync(service, database.ConnectionString);

        Assert.True(exit == 0, output);
        Assert.Contains("Database:MigrateOnly: applied", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.Equal(migrations, await database.ScalarAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\""));

        // A second run (the next upgrade without new migrations) has nothing to do and exits 0 as well.
        var (again, secondOutput) = await RunAsync(service, database.ConnectionString);
        Assert.True(again == 0, secondOutput);
        Assert.Contains("applied 0 migration(s)", secondOutput, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string service, string connectionString)
    {
        var assembly = $"Buurt.{char.ToUpperInvariant(service[0])}{service[1..]}.dll";
        // The content root, as in the image: the service's own appsettings.json.
        var workingDirectory = Path.Combine(Monitoring.Root, "services", service);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ServiceFactory<MigrateOnlyTests>.FreePort()}",
            ["Database__MigrateOnly"] = "true",
            ["ConnectionStrings__Database"] = connectionString,
            // Nothing listens there: migrating must not need the broker.
            ["ConnectionStrings__RabbitMq"] = "amqp://guest:guest@127.0.0.1:9/",
            ["ConnectionStrings__Redis"] = TestServers.Redis,
            ["Auth__Issuer"] = "http://127.0.0.1:9/",
            ["Identity__Address"] = "",
            ["Logging__Console__FormatterName"] = "simple",
        };
        return await Processes.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly)], workingDirectory, environment);
    }
}
