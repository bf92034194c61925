using System.Diagnostics;
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
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root, as in the image: the service's own appsettings.json.
            WorkingDirectory = Path.Combine(Monitoring.Root, "services", service),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var (key, value) in new Dictionary<string, string>
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
        })
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{service} did not exit within 120 s in migrate-only mode:\n{await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
