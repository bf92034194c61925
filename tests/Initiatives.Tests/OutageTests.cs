using System.Net;
using System.Net.Http.Json;
using Buurt.Initiatives.Data;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Buurt.Initiatives.Tests;

/// <summary>A database outage is the client's "try again shortly" (503 with Retry-After), never a 500, and loses nothing.</summary>
public sealed class OutageTests(InitiativesService service) : IClassFixture<InitiativesService>
{
    private const string Base = "/api/initiatives/v1/initiatives";

    private static object Body(string title) => new
    {
        title,
        description = "Een bank bij de speeltuin.",
        areaId = Demo.Zuid,
        theme = "fysiek",
        requestedAmount = 850m,
    };

    [Fact]
    public async Task Without_its_database_the_service_answers_503_with_Retry_After_and_writes_nothing()
    {
        // A replica whose way to PostgreSQL the test can cut; the real server stays up for other tests.
        var database = new NpgsqlConnectionStringBuilder(service.InstanceSettings["ConnectionStrings:Database"]);
        await using var proxy = new TcpProxy(database.Host!, database.Port);
        database.Host = "127.0.0.1";
        database.Port = proxy.Port;
        var settings = new Dictionary<string, string?>(service.InstanceSettings) { ["ConnectionStrings:Database"] = database.ConnectionString };
        await using var replica = new ServiceFactory<InitiativesDbContext>(settings, kestrel: true);
        replica.EnsureStarted();
        using var client = replica.CreateClient();
        client.DefaultRequestHeaders.Add(TenantHeaders.Internal, Demo.Hilversum);
        client.DefaultRequestHeaders.Authorization = (await service.AsAsync(Demo.Resident)).DefaultRequestHeaders.Authorization;
        var title = $"Tijdens de storing {Guid.NewGuid():N}"[..40];

        proxy.Down();
        var refused = await client.PostAsJsonAsync(Base, Body(title));
        var list = await client.GetAsync(Base);
        proxy.Up();

        foreach (var response in new[] { refused, list })
        {
            var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("urn:buurt:problem:database-unavailable", problem.GetProperty("type").GetString());
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
        }
        Assert.Equal(0, await CountAsync(title));
        // Back up: the same request succeeds, once.
        await client.PostAsJsonAsync(Base, Body(title)).OkAsync();
        Assert.Equal(1, await CountAsync(title));
    }

    private Task<int> CountAsync(string title) => service.InScopeAsync(Demo.Hilversum, s =>
        s.GetRequiredService<InitiativesDbContext>().Initiatives.CountAsync(i => i.Title == title));
}
