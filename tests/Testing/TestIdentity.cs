using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contracts.Identity;
using Buurt.Identity.Data;
using Buurt.ServiceDefaults.Tenancy;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Testing;

/// <summary>
/// The real identity service with the demo municipalities and accounts, on its own database, so
/// that tests sign in as the demo users do. Its issuer is its own address.
/// </summary>
public sealed class TestIdentity : IAsyncDisposable
{
    public const string Password = "Demo-2026!";

    private readonly TestDatabase _database;

    private TestIdentity(TestDatabase database, ServiceFactory<IdentityServiceDbContext> factory, Uri issuer)
    {
        _database = database;
        Factory = factory;
        Issuer = issuer;
        factory.Services.GetRequiredService<IBus>().ConnectPublishObserver(Published);
    }

    /// <summary>What identity published (account events, the password-reset and invitation codes it has mailed).</summary>
    public PublishedMessages Published { get; } = new();

    /// <summary>The last code identity had mailed to an address (a password reset or an invitation).</summary>
    public async Task<string> CodeMailedToAsync(string email, Func<string, bool>? unlike = null)
    {
        bool To(string address, string code) => string.Equals(address, email, StringComparison.OrdinalIgnoreCase) && (unlike is null || unlike(code));
        return await Eventually.ValueAsync(
            () => Task.FromResult(Published.Of<object>().Select(m => m switch
            {
                PasswordResetRequested r when To(r.Email, r.Code) => r.Code,
                StaffInvited i when To(i.Email, i.Code) => i.Code,
                _ => null,
            }).LastOrDefault(c => c is not null)),
            code => code is not null, what: $"a code mailed to {email}") ?? "";
    }

    public ServiceFactory<IdentityServiceDbContext> Factory { get; }

    public Uri Issuer { get; }

    /// <summary>Identity's own address, as services reach it inside the cluster.</summary>
    public Uri Address => Factory.Address;

    /// <param name="broker">The virtual host it publishes to.</param>
    /// <param name="settings">Settings beside the test defaults.</param>
    /// <param name="issuer">The public address tokens name (a gateway's); identity's own by default.</param>
    public static TestIdentity Start(TestBroker broker, IDictionary<string, string?>? settings = null, Uri? issuer = null)
    {
        var database = new TestDatabase("identity");
        var port = ServiceFactory<IdentityServiceDbContext>.FreePort();
        var self = new Uri($"http://127.0.0.1:{port}/");
        issuer ??= self;
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = broker.Uri.ToString(),
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Auth:Issuer"] = issuer.ToString(),
            ["Auth:Authority"] = self.ToString(),
            ["Demo:Enabled"] = "true",
            ["Identity:DevelopmentClients"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var factory = new ServiceFactory<IdentityServiceDbContext>(all, kestrel: true, port: port);
        factory.EnsureStarted();
        return new TestIdentity(database, factory, issuer);
    }

    /// <summary>A client of identity itself, as the gateway would call it for a tenant (none: no tenant header).</summary>
    public HttpClient Client(string? tenant)
    {
        var client = Factory.CreateClient();
        if (tenant is not null)
        {
            client.DefaultRequestHeaders.Add(TenantHeaders.Internal, tenant);
        }
        return client;
    }

    /// <summary>The same, signed in as a demo account of the tenant.</summary>
    public async Task<HttpClient> ClientAsync(string tenant, string email)
    {
        var client = Client(tenant);
        client.DefaultRequestHeaders.Authorization = Bearer(await TokenAsync(tenant, email));
        return client;
    }

    /// <summary>Asks for a token as the gateway would pass the request on (tenant in the internal header).</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string tenant, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var client = Client(tenant);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        return await client.SendAsync(request);
    }

    /// <summary>An access token of a demo account (password grant of the development client).</summary>
    public async Task<string> TokenAsync(string tenant, string email, string password = Password)
    {
        var response = await RequestTokenAsync(tenant, PasswordForm(email, password));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"No token for {email} in {tenant}: {body}");
    }

    public static Dictionary<string, string> PasswordForm(string email, string password = Password) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = "buurt-cli",
        ["username"] = email,
        ["password"] = password,
        ["scope"] = "openid offline_access",
    };

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
