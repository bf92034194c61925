using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Budget.Data;
using Buurt.Calendar.Data;
using Buurt.Contacts.Data;
using Buurt.Gateway.Tenancy;
using Buurt.Initiatives.Data;
using Buurt.Messaging.Outbox;
using Buurt.Notifications.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Testing.InProcess;

/// <summary>What a test class needs of the platform beyond the services and the gateway.</summary>
public sealed record PlatformOptions
{
    /// <summary>Runs the residents' web app too, behind the gateway's catch-all route.</summary>
    public bool Web { get; init; }

    /// <summary>The gateway's requests per minute per visitor (a browser test asks for many pages from one address).</summary>
    public int? GatewayPermitLimit { get; init; }

    /// <summary>The gateway's settings beside the platform's (e.g. a rate limit rule's).</summary>
    public IReadOnlyDictionary<string, string?> GatewaySettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Identity's settings beside the platform's (e.g. a short access token lifetime).</summary>
    public IReadOnlyDictionary<string, string?> IdentitySettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The web app's settings beside the platform's (e.g. a municipality's map tiles).</summary>
    public IReadOnlyDictionary<string, string?> WebSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The notifications service's settings beside the platform's (e.g. a municipality's SMS binding).</summary>
    public IReadOnlyDictionary<string, string?> NotificationsSettings { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The platform in one process: initiatives, budget, calendar, contacts and notifications on Kestrel
/// over one broker (virtual host), each on its own database, behind the real gateway; notifications
/// mails to a private smtp4dev. With <see cref="PlatformOptions.Web"/> the web app runs behind the
/// gateway too, on both demo municipalities' host names (hilversum.localhost, voorbeeldstad.localhost).
/// With BUURT_TEST_E2E_GATEWAY set (./platform test, the platform in containers with the demo data),
/// nothing starts here: the tests talk to that gateway and read the mail of its smtp4dev
/// (BUURT_TEST_SMTP4DEV); a test that needs a service's insides skips (<see cref="SkipWhenRunning"/>).
/// </summary>
public class Platform : IAsyncLifetime
{
    private readonly PlatformOptions _options;

    public Platform()
        : this(new PlatformOptions())
    {
    }

    protected Platform(PlatformOptions options) => _options = options;

    private TestDatabase _initiativesDb = null!;
    private TestDatabase _budgetDb = null!;
    private TestDatabase _calendarDb = null!;
    private TestDatabase _contactsDb = null!;
    private TestDatabase _notificationsDb = null!;
    private TestBroker _broker = null!;

    public ServiceFactory<InitiativesDbContext> Initiatives { get; private set; } = null!;

    public ServiceFactory<BudgetDbContext> Budget { get; private set; } = null!;

    public ServiceFactory<CalendarDbContext> Calendar { get; private set; } = null!;
    public ServiceFactory<ContactsDbContext> Contacts { get; private set; } = null!;
    public ServiceFactory<NotificationsDbContext> Notifications { get; private set; } = null!;

    /// <summary>The SMTP server notifications sends to; tests read the mails from it.</summary>
    public TestMailServer Mail { get; private set; } = null!;

    public ServiceFactory<TenantResolver> Gateway { get; private set; } = null!;

    /// <summary>The gateway of a platform that runs already (BUURT_TEST_E2E_GATEWAY), or null: this one starts in-process.</summary>
    public static Uri? Running { get; } =
        Environment.GetEnvironmentVariable("BUURT_TEST_E2E_GATEWAY") is { Length: > 0 } address ? new Uri(address) : null;

    /// <summary>Where the gateway answers: the running platform's or the in-process one's.</summary>
    public Uri GatewayAddress => Running ?? Gateway.Address;

    /// <summary>
    /// How long a browser test waits for a page or a redirect: in-process parts answer in moments, while
    /// a running platform (every part in its own container behind Docker's port forwarding, on a machine
    /// others load too) answered a sign-in's first requests in 2 to 4.5 s each at a load average of 73,
    /// so its few redirects could take longer than 10 s. In-process 30 s (Playwright's own default): a
    /// sign-in's redirects took more than 10 s once in a CI run beside a container build (load 33).
    /// </summary>
    public static TimeSpan BrowserWait { get; } = Running is null ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60);

    /// <summary>Skips a test that reads a service's insides (its database, bus or keys), which a running platform does not show.</summary>
    public static void SkipWhenRunning(string needs) =>
        Assert.SkipWhen(Running is not null, $"Needs {needs} in-process; the platform at {Running} runs elsewhere.");

    public TestIdentity Identity { get; private set; } = null!;

    /// <summary>Every Redis key the gateway writes (rate limits, its shared output cache) starts with this.</summary>
    public string GatewayRedisKeyPrefix { get; } = TestServers.UniqueName("e2e") + ":";

    /// <summary>The web app (with <see cref="PlatformOptions.Web"/>).</summary>
    public ServiceFactory<Buurt.Web.Sites.Site> Web { get; private set; } = null!;

    /// <summary>Every Redis key the web app writes (sessions, Data Protection keys) starts with this.</summary>
    public string WebRedisKeyPrefix { get; } = TestServers.UniqueName("web") + ":";

    private readonly List<ServiceFactory<Buurt.Web.Sites.Site>> _moreWebApps = [];

    /// <summary>A municipality's site as a browser reaches it: http://hilversum.localhost:{gateway port}.</summary>
    public string Site(string tenant = "hilversum") => $"http://{tenant}.localhost:{GatewayAddress.Port}";

    /// <summary>
    /// Another replica of the web app with the same settings (the same Redis), not behind the
    /// gateway: a test calls it as the gateway would.
    /// </summary>
    public ServiceFactory<Buurt.Web.Sites.Site> AnotherWebApp()
    {
        var web = new ServiceFactory<Buurt.Web.Sites.Site>(WebSettings(Gateway.Address), kestrel: true);
        web.EnsureStarted();
        _moreWebApps.Add(web);
        return web;
    }

    private Dictionary<string, string?> WebSettings(Uri gateway) => new(_options.WebSettings)
    {
        ["ConnectionStrings:Redis"] = TestServers.Redis,
        ["Web:RedisKeyPrefix"] = WebRedisKeyPrefix,
        ["Web:Gateway"] = gateway.ToString(),
    };

    public virtual async ValueTask InitializeAsync()
    {
        if (Running is not null)
        {
            Mail = TestMailServer.Running(0, new Uri(Environment.GetEnvironmentVariable("BUURT_TEST_SMTP4DEV")
                ?? throw new InvalidOperationException("BUURT_TEST_E2E_GATEWAY needs BUURT_TEST_SMTP4DEV: the running platform's smtp4dev")));
            // Ready once a demo resident signs in through the gateway (identity has its demo data).
            using var client = Client();
            await Eventually.SucceedsAsync(() => client.PostAsync("/connect/token", new FormUrlEncodedContent(TestIdentity.PasswordForm(Demo.Resident))),
                TimeSpan.FromMinutes(2), $"a demo resident to sign in at {Running}");
            return;
        }
        _initiativesDb = new TestDatabase("initiatives");
        _budgetDb = new TestDatabase("budget");
        _calendarDb = new TestDatabase("calendar");
        _contactsDb = new TestDatabase("contacts");
        _notificationsDb = new TestDatabase("notifications");
        Mail = await TestMailServer.StartAsync();
        _broker = await TestBroker.CreateAsync();
        // Tokens name the gateway as their issuer, as in production: its port is chosen first.
        var gatewayPort = ServiceFactory<TenantResolver>.FreePort();
        var issuer = new Uri($"http://127.0.0.1:{gatewayPort}/");
        var identitySettings = new Dictionary<string, string?>(_options.IdentitySettings)
        {
            ["Identity:WebRedirectUris:0"] = $"http://hilversum.localhost:{gatewayPort}/signin-oidc",
            ["Identity:WebRedirectUris:1"] = $"http://voorbeeldstad.localhost:{gatewayPort}/signin-oidc",
        };
        Identity = TestIdentity.Start(_broker, identitySettings, issuer);
        var initiatives = WithPlatformSettings(ServiceFixture<InitiativesDbContext>.Settings(_initiativesDb, _broker, issuer));
        initiatives["Identity:Address"] = Identity.Address.ToString();
        Initiatives = new ServiceFactory<InitiativesDbContext>(initiatives, kestrel: true);
        var budget = WithPlatformSettings(ServiceFixture<BudgetDbContext>.Settings(_budgetDb, _broker, issuer));
        budget["Identity:Address"] = Identity.Address.ToString();
        // The demo books: hilversum's wijken have money this year, mandates director €5,000 and alderman €25,000.
        budget["Demo:Enabled"] = "true";
        Budget = new ServiceFactory<BudgetDbContext>(budget, kestrel: true);
        var calendar = WithPlatformSettings(ServiceFixture<CalendarDbContext>.Settings(_calendarDb, _broker, issuer));
        calendar["Identity:Address"] = Identity.Address.ToString();
        // The demo agenda: Hilversum's coffee morning in De Geus and the Zuid wijkteam's meeting.
        calendar["Demo:Enabled"] = "true";
        Calendar = new ServiceFactory<CalendarDbContext>(calendar, kestrel: true);
        var contacts = WithPlatformSettings(ServiceFixture<ContactsDbContext>.Settings(_contactsDb, _broker, issuer));
        contacts["Identity:Address"] = Identity.Address.ToString();
        // Hilversum's demo network: Zuid and Oost 1221, the wijkagent's public work phone, De Geus and Lopes Dias.
        contacts["Demo:Enabled"] = "true";
        Contacts = new ServiceFactory<ContactsDbContext>(contacts, kestrel: true);
        var notifications = WithPlatformSettings(ServiceFixture<NotificationsDbContext>.Settings(_notificationsDb, _broker, issuer));
        notifications["Identity:Address"] = Identity.Address.ToString();
        notifications["Smtp:Host"] = "127.0.0.1";
        notifications["Smtp:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        notifications["Notifications:PollInterval"] = "00:00:00.100";
        notifications["Notifications:Links"] = $"http://{{host}}:{gatewayPort}/";
        foreach (var (key, value) in _options.NotificationsSettings)
        {
            notifications[key] = value;
        }
        Notifications = new ServiceFactory<NotificationsDbContext>(notifications, kestrel: true);
        var gatewaySettings = WithPlatformSettings(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = issuer.ToString(),
            ["ReverseProxy:Clusters:identity:Destinations:local:Address"] = Identity.Address.ToString(),
            ["Gateway:TenantsFrom"] = new Uri(Identity.Address, "api/identity/v1/tenants").ToString(),
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Management:Port"] = ServiceFactory<TenantResolver>.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RedisKeyPrefix"] = GatewayRedisKeyPrefix,
            ["ReverseProxy:Clusters:initiatives:Destinations:local:Address"] = Initiatives.Address.ToString(),
            ["ReverseProxy:Clusters:budget:Destinations:local:Address"] = Budget.Address.ToString(),
            ["ReverseProxy:Clusters:calendar:Destinations:local:Address"] = Calendar.Address.ToString(),
            ["ReverseProxy:Clusters:contacts:Destinations:local:Address"] = Contacts.Address.ToString(),
            ["ReverseProxy:Clusters:notifications:Destinations:local:Address"] = Notifications.Address.ToString(),
        });
        if (_options.Web)
        {
            Web = new ServiceFactory<Buurt.Web.Sites.Site>(WebSettings(issuer), kestrel: true);
            gatewaySettings["ReverseProxy:Clusters:web:Destinations:local:Address"] = Web.Address.ToString();
        }
        if (_options.GatewayPermitLimit is { } limit)
        {
            gatewaySettings["RateLimiting:Default:PermitLimit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in _options.GatewaySettings)
        {
            gatewaySettings[key] = value;
        }
        Gateway = new ServiceFactory<TenantResolver>(gatewaySettings, kestrel: true, port: gatewayPort);
        Gateway.EnsureStarted();
        // Ready once it has read the tenants from identity.
        using var probe = new HttpClient { BaseAddress = Gateway.ManagementAddress };
        await Eventually.SucceedsAsync(() => probe.GetAsync("/health/ready"), what: $"the gateway to be ready at {Gateway.ManagementAddress}");
        // Initiatives has caught up on identity's areas.
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = Initiatives.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<InitiativesDbContext>().Areas.IgnoreQueryFilters().AnyAsync();
        }, what: "initiatives to copy the areas");
        // Contacts is ready once it has copied identity's areas and postcode ranges.
        using var contactsProbe = new HttpClient { BaseAddress = Contacts.Address };
        await Eventually.TrueAsync(async () => (await contactsProbe.GetAsync("/health/ready")).IsSuccessStatusCode, what: "contacts to be ready");
        // The budget's and the calendar's queues must be bound before initiatives publishes.
        await BusReadiness.ConnectedAsync(Budget.Services, "the budget bus to connect");
        await BusReadiness.ConnectedAsync(Calendar.Services, "the calendar bus to connect");
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = Calendar.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CalendarDbContext>().Areas.IgnoreQueryFilters().AnyAsync();
        }, what: "the calendar to copy the areas");
        await BusReadiness.ConnectedAsync(Notifications.Services, "the notifications bus to connect");
        // Notifications knows identity's demo accounts (replayed for its new copy).
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = Notifications.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Recipients.IgnoreQueryFilters().AnyAsync(r => r.Email == Demo.Resident);
        }, what: "notifications to copy the demo accounts");
    }

    private Dictionary<string, string?> WithPlatformSettings(Dictionary<string, string?> settings)
    {
        settings["Auth:Authority"] = Identity.Address.ToString();
        // Spans although nothing exports them: a test follows one trace from the gateway over the bus.
        settings[Buurt.ServiceDefaults.Telemetry.TelemetrySetup.TracingKey] = "true";
        return settings;
    }

    /// <summary>A client as a web app would have: it names its municipality with X-Tenant.</summary>
    public HttpClient Client(string tenant = "hilversum", HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = GatewayAddress;
        client.DefaultRequestHeaders.Add(TenantHeaders.PublicHint, tenant);
        return client;
    }

    /// <summary>A client signed in through the gateway's token endpoint, as an app would.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string tenant = "hilversum", HttpMessageHandler? handler = null)
    {
        var client = Client(tenant, handler);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(TestIdentity.PasswordForm(email)));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(body.GetProperty("access_token").GetString()!);
        return client;
    }

    /// <summary>The outbox row the initiatives service wrote for an initiative.</summary>
    public async Task<OutboxMessage> OutboxRowOfAsync(Guid initiativeId)
    {
        SkipWhenRunning("the initiatives service's outbox table");
        await using var scope = Initiatives.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InitiativesDbContext>();
        var id = initiativeId.ToString();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
        return rows.Single(m => m.Payload.Contains(id, StringComparison.Ordinal));
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Running is not null)
        {
            return;
        }
        foreach (var web in _moreWebApps)
        {
            await web.DisposeAsync();
        }
        if (_options.Web)
        {
            await Web.DisposeAsync();
        }
        await Gateway.DisposeAsync();
        await Initiatives.DisposeAsync();
        await Budget.DisposeAsync();
        await Calendar.DisposeAsync();
        await Contacts.DisposeAsync();
        await Notifications.DisposeAsync();
        await Mail.DisposeAsync();
        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
        await _initiativesDb.DisposeAsync();
        await _budgetDb.DisposeAsync();
        await _calendarDb.DisposeAsync();
        await _contactsDb.DisposeAsync();
        await _notificationsDb.DisposeAsync();
    }
}
