using Buurt.Testing;

namespace Buurt.Identity.Tests;

/// <summary>The identity service with its demo data, on its own database and virtual host.</summary>
public class IdentityFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;
    private TestBroker _broker = null!;

    public IdentityFixture()
        : this(new() { ["Identity:MaxFailedLogins"] = "3" })
    {
    }

    protected IdentityFixture(Dictionary<string, string?> settings) => _settings = settings;

    public TestIdentity Identity { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.CreateAsync();
        Identity = TestIdentity.Start(_broker, _settings);
    }

    /// <summary>An anonymous client of identity for a tenant (none: no tenant header).</summary>
    public HttpClient Client(string? tenant) => Identity.Client(tenant);

    /// <summary>A client signed in as a demo account.</summary>
    public Task<HttpClient> ClientAsAsync(string email, string tenant = Demo.Hilversum) => Identity.ClientAsync(tenant, email);

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
