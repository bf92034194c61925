using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contacts.Data;
using Buurt.Contacts.Messaging;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Buurt.Contacts.Tests;

/// <summary>
/// The contacts service on its own database and virtual host, with the real identity service (its
/// demo wijken and postcode ranges reach the copies; tokens of the demo accounts) and the demo
/// network. Tests that change the network use functions of their own (<see cref="NewFunctionAsync"/>),
/// so no two tests meet on the one-holder rule.
/// </summary>
public sealed class ContactsService() : ServiceFixture<ContactsDbContext>("contacts", withIdentity: true)
{
    public const string Root = "/api/contacts/v1";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Demo:Enabled"] = "true";
        settings["Contacts:MetricsInterval"] = "00:00:00.500";
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Eventually.TrueAsync(async () => await InScopeAsync(Demo.Hilversum, async s =>
        {
            var db = s.GetRequiredService<ContactsDbContext>();
            return await db.Areas.AnyAsync() && await db.PostcodeRanges.AnyAsync();
        }), what: "the areas and postcode ranges to be copied from identity");
        await BusReadiness.ConnectedAsync(Factory.Services);
        Factory.Services.GetRequiredService<IBus>().ConnectPublishObserver(Published);
    }

    /// <summary>What contacts published (events that carry a secret keep no copy in the outbox).</summary>
    public PublishedMessages Published { get; } = new();

    /// <summary>
    /// One pass of the verification watch as a replica would run it, on a clock of the test's choosing
    /// (<paramref name="now"/>): the service's own watch keeps the real clock.
    /// </summary>
    public Task<int> WatchVerificationsAsync(DateTimeOffset now) =>
        new VerificationWatch(Factory.Services.GetRequiredService<IServiceScopeFactory>(), Factory.Services.GetRequiredService<IConfiguration>(),
            new ManualClock(now), NullLogger<VerificationWatch>.Instance).CheckAsync(CancellationToken.None);

    /// <summary>A use case of the service in a scope of the tenant, on a clock of the test's choosing.</summary>
    public Task<T> WithClockAsync<T>(DateTimeOffset now, Func<ContactsDbContext, TimeProvider, Task<T>> work) =>
        InScopeAsync(Demo.Hilversum, services => work(services.GetRequiredService<ContactsDbContext>(), new ManualClock(now)));

    /// <summary>A function of the test's own in hilversum (or another municipality), defined by its admin; returns its key.</summary>
    public async Task<string> NewFunctionAsync(string tenant = Demo.Hilversum)
    {
        var key = "f-" + Guid.NewGuid().ToString("N")[..10];
        var admin = await AsAsync(tenant == Demo.Hilversum ? Demo.Admin : Demo.VoorbeeldstadAdmin, tenant);
        (await admin.PutAsJsonAsync($"{Root}/functions/{key}", new { name = "Testfunctie " + key })).EnsureSuccessStatusCode();
        return key;
    }

    /// <summary>A new organisation (as the admin); returns its id.</summary>
    public async Task<Guid> NewOrganisationAsync(string name = "Testorganisatie", object[]? contactPoints = null)
    {
        var admin = await AsAsync(Demo.Admin);
        return await IdOfAsync(admin.PostAsJsonAsync($"{Root}/organisations", new { name, kind = "social-work", contactPoints = contactPoints ?? [] }));
    }

    /// <summary>A new person (as the admin); returns their id.</summary>
    public async Task<Guid> NewPersonAsync(string name = "Test Persoon", Guid? userId = null)
    {
        var admin = await AsAsync(Demo.Admin);
        return await IdOfAsync(admin.PostAsJsonAsync($"{Root}/people", new { name, userId }));
    }

    /// <summary>A contact point of a person (as the admin); returns its id.</summary>
    public async Task<Guid> NewPersonalPointAsync(Guid person, string kind, string value, string visibility)
    {
        var admin = await AsAsync(Demo.Admin);
        return await IdOfAsync(admin.PostAsJsonAsync($"{Root}/people/{person}/contact-points", new { kind, value, visibility }));
    }

    /// <summary>An assignment (as the admin); returns its id.</summary>
    public async Task<Guid> AssignAsync(Guid person, Guid organisation, string function, Guid[] wijken, DateOnly from, DateOnly? until = null, bool handOver = false)
    {
        var admin = await AsAsync(Demo.Admin);
        return await IdOfAsync(admin.PostAsJsonAsync($"{Root}/assignments",
            new { personId = person, organisationId = organisation, function, areaIds = wijken, from, until, handOver }));
    }

    /// <summary>Someone holding a new function of the test's own in <paramref name="wijk"/> since last year, with one personal point.</summary>
    public async Task<Holder> HolderAsync(Guid wijk, string visibility = "public", string name = "Test Houder")
    {
        var function = await NewFunctionAsync();
        var organisation = await NewOrganisationAsync();
        var person = await NewPersonAsync(name);
        var phone = await NewPersonalPointAsync(person, "phone", "06 " + Random.Shared.Next(10_000_000, 99_999_999), visibility);
        var assignment = await AssignAsync(person, organisation, function, [wijk], Today.AddYears(-1));
        return new Holder(function, organisation, person, phone, assignment);
    }

    public sealed record Holder(string Function, Guid Organisation, Guid Person, Guid Phone, Guid Assignment);

    /// <summary>The person's consent for points to a circle (as the admin, in person); returns the consent's id.</summary>
    public async Task<Guid> ConsentAsync(Guid person, Guid[] points, string visibility = "public")
    {
        var admin = await AsAsync(Demo.Admin);
        return await IdOfAsync(admin.PostAsJsonAsync($"{Root}/people/{person}/consents",
            new { contactPointIds = points, visibility, basis = "in-person", textVersion = "2026-01" }));
    }

    /// <summary>Today in the municipality (the network's days are Amsterdam's).</summary>
    public static DateOnly Today => Domain.NetworkCalendar.Today(DateTimeOffset.UtcNow);

    /// <summary>The id of a 201's body.</summary>
    public static async Task<Guid> IdOfAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.OkAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>The user id of a demo account, as identity knows it.</summary>
    public async Task<Guid> UserIdOfAsync(string email, string tenant = Demo.Hilversum)
    {
        using var client = await Identity!.ClientAsync(tenant, email);
        return (await client.GetFromJsonAsync<JsonElement>("/api/identity/v1/me")).GetProperty("id").GetGuid();
    }

    /// <summary>The events the service wrote to its outbox that mention <paramref name="id"/>: (type name, payload).</summary>
    public Task<List<(string Type, JsonElement Payload)>> EventsAboutAsync(Guid id) => InScopeAsync(Demo.Hilversum, async services =>
    {
        var text = id.ToString();
        var rows = await services.GetRequiredService<ContactsDbContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
        return rows.Where(r => r.Payload.Contains(text, StringComparison.Ordinal))
            .Select(r => (r.Type.Split(',')[0].Split('.')[^1], JsonDocument.Parse(r.Payload).RootElement)).ToList();
    });

    /// <summary>The rows of every table the API writes (and the outbox): what a refused request must leave as it was.</summary>
    public async Task<string> RowCountsAsync()
    {
        string[] tables = ["organisations", "people", "contact_points", "consent_records", "assignments", "assignment_areas", "venues", "functions", "topics", "routing_rules", "secret_links", "listing_changes", "listing_reports", "outbox_messages"];
        return await Database.ScalarAsync<string>("SELECT concat_ws(' ', " + string.Join(", ", tables.Select(t => $"'{t}', (SELECT count(*) FROM {t})")) + ")");
    }

    /// <summary>Runs SQL on the service's database and returns the error PostgreSQL gives, or null.</summary>
    public async Task<string?> SqlErrorAsync(string sql)
    {
        try
        {
            await Database.ScalarAsync<object>(sql);
            return null;
        }
        catch (Npgsql.PostgresException e)
        {
            return e.SqlState + " " + e.MessageText;
        }
    }
}

/// <summary>A clock that says what the test tells it: a year on, in one line.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>One contacts service (and identity) for every test class.</summary>
[CollectionDefinition(Name)]
public sealed class ContactsCollection : ICollectionFixture<ContactsService>
{
    public const string Name = "contacts";
}
