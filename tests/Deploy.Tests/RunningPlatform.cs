using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Buurt.Budget.Data;
using Buurt.Calendar.Data;
using Buurt.Contacts.Data;
using Buurt.Gateway.Tenancy;
using Buurt.Initiatives.Data;
using Buurt.Notifications.Data;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Deploy.Tests;

/// <summary>
/// Identity, initiatives, budget, calendar, contacts and notifications (mailing to a private smtp4dev) behind the gateway, in this process on real servers, with some
/// traffic of every kind sent through (a sign-in, a submitted initiative that crosses the bus, reads,
/// a 404). Then every part's /metrics and RabbitMQ's own Prometheus endpoints are read once: the
/// names the dashboards and rules may use.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    private static readonly Guid s_hilversumZuid = Demo.Zuid;
    private readonly List<IAsyncDisposable> _parts = [];

    /// <summary>Metric name to the part that emitted it (gateway, identity, initiatives, budget, contacts, rabbitmq).</summary>
    public Dictionary<string, string> Emitted { get; } = [];

    /// <summary>The raw expositions, by part, for failure messages.</summary>
    public Dictionary<string, string> Expositions { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var broker = await TestBroker.CreateAsync();
        _parts.Add(broker);
        var gatewayPort = ServiceFactory<TenantResolver>.FreePort();
        var issuer = new Uri($"http://127.0.0.1:{gatewayPort}/");
        var identity = TestIdentity.Start(broker, issuer: issuer);
        _parts.Add(identity);
        var initiatives = Start<InitiativesDbContext>("initiatives", broker, issuer, identity);
        var budget = Start<BudgetDbContext>("budget", broker, issuer, identity);
        var calendar = Start<CalendarDbContext>("calendar", broker, issuer, identity);
        var contacts = Start<ContactsDbContext>("contacts", broker, issuer, identity);
        var mail = await TestMailServer.StartAsync();
        _parts.Add(mail);
        var notifications = Start<NotificationsDbContext>("notifications", broker, issuer, identity, new()
        {
            ["Smtp:Port"] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:MetricsInterval"] = "00:00:01",
        });
        var gateway = new ServiceFactory<TenantResolver>(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = issuer.ToString(),
            ["Auth:Authority"] = identity.Address.ToString(),
            ["Gateway:TenantsFrom"] = new Uri(identity.Address, "api/identity/v1/tenants").ToString(),
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Management:Port"] = ServiceFactory<TenantResolver>.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RedisKeyPrefix"] = TestServers.UniqueName("deploy") + ":",
            ["ReverseProxy:Clusters:identity:Destinations:local:Address"] = identity.Address.ToString(),
            ["ReverseProxy:Clusters:initiatives:Destinations:local:Address"] = initiatives.Address.ToString(),
            ["ReverseProxy:Clusters:budget:Destinations:local:Address"] = budget.Address.ToString(),
            ["ReverseProxy:Clusters:calendar:Destinations:local:Address"] = calendar.Address.ToString(),
            ["ReverseProxy:Clusters:contacts:Destinations:local:Address"] = contacts.Address.ToString(),
            ["ReverseProxy:Clusters:notifications:Destinations:local:Address"] = notifications.Address.ToString(),
        }, kestrel: true, port: gatewayPort);
        _parts.Insert(0, gateway);

        using var client = new HttpClient { BaseAddress = gateway.Address };
        client.DefaultRequestHeaders.Add(TenantHeaders.PublicHint, "hilversum");
        await Eventually.TrueAsync(async () => (await client.GetAsync(new Uri(gateway.ManagementAddress, "/health/ready"))).IsSuccessStatusCode, what: "the gateway to be ready");
        await BusReadiness.ConnectedAsync(budget.Services, "the budget bus to connect");
        await BusReadiness.ConnectedAsync(notifications.Services, "the notifications bus to connect");
        // The wijk's staff are in the copy, so the submission below is mailed to them.
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = notifications.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Recipients.IgnoreQueryFilters().AnyAsync(r => r.Email == "director.zuid@hilversum.example");
        }, what: "notifications to copy the demo accounts");
        await SendTrafficAsync(client);
        await Eventually.TrueAsync(async () =>
            (await client.GetStringAsync(new Uri(notifications.Address, "/metrics"))).Contains("buurt_notifications_mails_sent_total{", StringComparison.Ordinal),
            what: "notifications to send the new initiative's mails");

        await Eventually.TrueAsync(async () =>
            (await client.GetStringAsync(new Uri(initiatives.Address, "/metrics"))).Contains("buurt_initiatives_answers_overdue{", StringComparison.Ordinal),
            what: "the initiatives gauges to count the submission");
        await Eventually.TrueAsync(async () =>
            (await client.GetStringAsync(new Uri(calendar.Address, "/metrics"))).Contains("buurt_calendar_upcoming{", StringComparison.Ordinal),
            what: "the calendar gauge to count the demo agenda");
        await Eventually.TrueAsync(async () =>
            (await client.GetStringAsync(new Uri(contacts.Address, "/metrics"))).Contains("buurt_contacts_consents{", StringComparison.Ordinal),
            what: "the contacts gauges to count the demo network");
        foreach (var (part, address) in new[]
        {
            ("gateway", gateway.ManagementAddress), ("identity", identity.Address),
            ("initiatives", initiatives.Address), ("budget", budget.Address), ("calendar", calendar.Address), ("contacts", contacts.Address), ("notifications", notifications.Address),
        })
        {
            Read(part, await client.GetStringAsync(new Uri(address, "/metrics")));
        }
        var rabbit = RabbitMqPrometheus();
        using var plain = new HttpClient();
        Read("rabbitmq", await plain.GetStringAsync(new Uri(rabbit, "/metrics")));
        Read("rabbitmq", await plain.GetStringAsync(new Uri(rabbit, Monitoring.RabbitMqDetailedPath)));
    }

    private ServiceFactory<TDbContext> Start<TDbContext>(string name, TestBroker broker, Uri issuer, TestIdentity identity, Dictionary<string, string?>? more = null)
        where TDbContext : class
    {
        var database = new TestDatabase(name);
        _parts.Add(database);
        var settings = ServiceFixture<TDbContext>.Settings(database, broker, issuer);
        settings["Auth:Authority"] = identity.Address.ToString();
        settings["Identity:Address"] = identity.Address.ToString();
        // The business gauges are counted in the background; count often, so the traffic shows.
        settings["Initiatives:MetricsInterval"] = "00:00:01";
        settings["Budget:MetricsInterval"] = "00:00:01";
        settings["Calendar:MetricsInterval"] = "00:00:01";
        settings["Contacts:MetricsInterval"] = "00:00:01";
        // Its gauges count the demo network (holders, a standing consent).
        if (name == "contacts")
            settings["Demo:Enabled"] = "true";
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        var service = new ServiceFactory<TDbContext>(settings, kestrel: true);
        _parts.Insert(0, service);
        service.EnsureStarted();
        return service;
    }

    /// <summary>What a morning of use produces: sign-in, a submission crossing the bus, reads, a miss.</summary>
    private static async Task SendTrafficAsync(HttpClient client)
    {
        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(TestIdentity.PasswordForm("resident@hilversum.example")));
        var accessToken = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/initiatives/v1/initiatives")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["title"] = "Bankje bij de speeltuin",
                ["description"] = "Ouders willen kunnen zitten.",
                ["areaId"] = s_hilversumZuid.ToString(),
                ["theme"] = "fysiek",
                ["requestedAmount"] = 850,
            }),
        };
        submit.Headers.Authorization = TestIdentity.Bearer(accessToken);
        (await client.SendAsync(submit)).EnsureSuccessStatusCode();
        await client.GetAsync($"/api/initiatives/v1/initiatives?areaId={s_hilversumZuid}");
        await client.GetAsync($"/api/initiatives/v1/initiatives/{Guid.NewGuid()}");
        await client.GetAsync($"/api/calendar/v1/agenda?areaId={s_hilversumZuid}");
        await client.GetAsync($"/api/calendar/v1/areas/{s_hilversumZuid}/agenda.ics");
        await client.GetAsync("/api/contacts/v1/who?postcode=1221&topic=groen");
        await Eventually.TrueAsync(async () =>
        {
            var pipeline = await client.GetFromJsonAsync<JsonObject>($"/api/budget/v1/pipeline/{s_hilversumZuid}");
            return pipeline!["initiatives"]!.GetValue<int>() > 0;
        }, what: "the budget pipeline to count the initiative (over the bus)");
    }

    private void Read(string part, string exposition)
    {
        Expositions[part] = Expositions.GetValueOrDefault(part) + exposition;
        foreach (var name in PrometheusText.MetricNames(exposition))
        {
            Emitted.TryAdd(name, part);
        }
    }

    /// <summary>RabbitMQ's Prometheus plugin: BUURT_TEST_RABBITMQ_PROMETHEUS, as ./platform test-env exports it.</summary>
    private static Uri RabbitMqPrometheus() =>
        Environment.GetEnvironmentVariable("BUURT_TEST_RABBITMQ_PROMETHEUS") is { Length: > 0 } address
            ? new Uri(address)
            : throw new InvalidOperationException(
                "BUURT_TEST_RABBITMQ_PROMETHEUS is not set: run the tests with ./platform test, or eval \"$(./platform test-env)\" first " +
                "(it names the rabbitmq_prometheus plugin's address, e.g. http://127.0.0.1:15693).");

    public async ValueTask DisposeAsync()
    {
        foreach (var part in _parts)
        {
            await part.DisposeAsync();
        }
    }
}
