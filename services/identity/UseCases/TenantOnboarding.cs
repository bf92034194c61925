using System.Security.Cryptography;
using System.Text.Json;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Buurt.Identity.UseCases;

/// <summary>
/// The operator adds a municipality with everything it needs, in one transaction: the tenant, the
/// roles, its host names as sign-in addresses of the web app, the mobile app's client, an
/// integration client (its secret shown once) and the first tenant admin with an invitation.
/// Nothing of the demo data is needed.
/// </summary>
public sealed class TenantOnboarding(
    IdentityServiceDbContext db,
    RoleManager<IdentityRole<Guid>> roles,
    IOpenIddictApplicationManager applications,
    StaffAccounts staff,
    TenantContext tenantContext,
    IConfiguration configuration,
    TimeProvider time)
{
    /// <summary>A new municipality: what was made, and the integration client's secret (only now).</summary>
    public sealed record Onboarded(Tenant Tenant, string IntegrationClientId, string IntegrationClientSecret, Guid FirstAdminId);

    public async Task<Onboarded> CreateAsync(
        string? slug, string? name, string? cbsCode, IReadOnlyList<string>? hosts, string? language, string? timeZone, string? firstAdminEmail,
        CancellationToken cancellationToken)
    {
        var tenant = Tenant.Register(slug, name, cbsCode, hosts, language ?? "nl", timeZone ?? "Europe/Amsterdam");
        if (firstAdminEmail is null || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(firstAdminEmail))
        {
            throw RuleException.Invalid("firstAdminEmail", "Give the e-mail address of the municipality's first administrator.");
        }
        if (await db.Tenants.AnyAsync(t => t.Slug == tenant.Slug, cancellationToken))
        {
            throw RuleException.Conflict($"There is already a municipality '{tenant.Slug}'.");
        }
        var taken = (await db.Tenants.AsNoTracking().Select(t => t.Hosts).ToListAsync(cancellationToken)).SelectMany(h => h).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (tenant.Hosts.FirstOrDefault(taken.Contains) is { } host)
        {
            throw RuleException.Conflict($"The host name {host} already belongs to another municipality.", new Dictionary<string, object?> { ["host"] = host });
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var integration = $"{tenant.Slug}-integration";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var role in BuurtRoles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            (await roles.CreateAsync(new IdentityRole<Guid>(role))).EnsureSucceeded("A role");
        }
        await AddSiteAsync(tenant, cancellationToken);
        await UserClients.EnsureMobileClientAsync(applications, cancellationToken);
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = integration,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = $"Integration of {tenant.Name}",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            Properties = { [ClientProperties.Tenant] = JsonSerializer.SerializeToElement(tenant.Slug) },
        }, cancellationToken);
        // The first admin is a staff account of the new municipality, invited like every other.
        tenantContext.Set(tenant.Slug);
        var admin = await staff.CreateAsync(firstAdminEmail, firstAdminEmail, BuurtRoles.TenantAdmin, [], cancellationToken, tenant.Language);
        await transaction.CommitAsync(cancellationToken);
        return new Onboarded(tenant, integration, secret, admin.Account.Id);
    }

    public async Task<Tenant> SuspendAsync(string slug, CancellationToken cancellationToken)
    {
        var tenant = await FindAsync(slug, cancellationToken);
        tenant.Suspend(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    public async Task<Tenant> ResumeAsync(string slug, CancellationToken cancellationToken)
    {
        var tenant = await FindAsync(slug, cancellationToken);
        tenant.Resume();
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    private async Task<Tenant> FindAsync(string slug, CancellationToken cancellationToken) =>
        await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken)
            ?? throw RuleException.NotFound($"There is no municipality '{slug}'.");

    /// <summary>The web app signs residents in at each of the municipality's host names.</summary>
    private async Task AddSiteAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(UserClients.Web, cancellationToken);
        var descriptor = existing is null ? UserClients.NewWebClient() : new OpenIddictApplicationDescriptor();
        if (existing is not null)
        {
            await applications.PopulateAsync(descriptor, existing, cancellationToken);
        }
        var site = configuration["Identity:TenantSiteAddress"] ?? "https://{host}/";
        foreach (var host in tenant.Hosts)
        {
            var root = new Uri(site.Replace("{host}", host, StringComparison.Ordinal));
            descriptor.RedirectUris.Add(new Uri(root, "signin-oidc"));
            descriptor.PostLogoutRedirectUris.Add(root);
            descriptor.PostLogoutRedirectUris.Add(new Uri(root, "signout-callback-oidc"));
        }
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
