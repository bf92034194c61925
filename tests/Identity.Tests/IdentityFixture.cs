using Buurt.Testing;

namespace Buurt.Identity.Tests;

/// <summary>The identity service with its demo data, on its own database and virtual host.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public TestIdentity Identity { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.CreateAsync();
        Identity = TestIdentity.Start(_broker, new Dictionary<string, string?> { ["Identity:MaxFailedLogins"] = "3" });
    }

    public HttpClient Client(string? tenant)
    {
        var client = Identity.Factory.CreateClient();
        if (tenant is not null)
        {
            client.DefaultRequestHeaders.Add(Buurt.ServiceDefaults.Tenancy.TenantHeaders.Internal, tenant);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
