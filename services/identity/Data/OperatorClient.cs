using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Buurt.Identity.Data;

/// <summary>
/// The platform operator's client <c>buurt-operator</c> (client credentials), made or updated at
/// start from <c>Identity:Operator:ClientSecret</c> (a Kubernetes Secret; <c>./platform up</c> keeps
/// one in .platform/up/operator.secret). Without the setting there is no operator client. Its
/// tokens name no municipality, so they open no tenant's data; they create and suspend tenants.
/// </summary>
internal sealed class OperatorClient(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public const string ClientId = "buurt-operator";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration["Identity:Operator:ClientSecret"] is not { Length: > 0 } secret)
        {
            return;
        }
        if (secret.Length < 32)
        {
            throw new InvalidOperationException("Identity:Operator:ClientSecret must be at least 32 characters (e.g. `openssl rand -base64 32`).");
        }
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Buurt platform operator",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            Properties = { [ClientProperties.Operator] = System.Text.Json.JsonSerializer.SerializeToElement(true) },
        };
        // Every start sets the secret again: a rotated Secret takes effect with the next rollout.
        if (await applications.FindByClientIdAsync(ClientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
