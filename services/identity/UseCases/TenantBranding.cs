using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.UseCases;

/// <summary>The tenant admin's branding of the municipality's site: its name, accent colour and logo.</summary>
public sealed class TenantBranding(IdentityServiceDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<Tenant> RebrandAsync(string? displayName, string? accentColor, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        current.Rebrand(displayName, accentColor);
        await db.SaveChangesAsync(cancellationToken);
        return current;
    }

    public async Task<Tenant> ResetAsync(CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        current.ResetBranding();
        await db.SaveChangesAsync(cancellationToken);
        return current;
    }

    /// <summary>The logo checked (<see cref="TenantLogo.From"/>) and stored, replacing one before.</summary>
    public async Task<Tenant> SetLogoAsync(byte[] content, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        var logo = TenantLogo.From(current.Slug, content, time.GetUtcNow());
        if (await db.TenantLogos.FirstOrDefaultAsync(l => l.TenantId == current.Slug, cancellationToken) is { } stored)
        {
            stored.Replace(logo);
        }
        else
        {
            db.TenantLogos.Add(logo);
        }
        current.ShowLogo(logo);
        await db.SaveChangesAsync(cancellationToken);
        return current;
    }

    public async Task<Tenant> RemoveLogoAsync(CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        // The row and the tenant's version in one save: never a version without its logo.
        if (await db.TenantLogos.FirstOrDefaultAsync(l => l.TenantId == current.Slug, cancellationToken) is { } stored)
        {
            db.TenantLogos.Remove(stored);
        }
        current.RemoveLogo();
        await db.SaveChangesAsync(cancellationToken);
        return current;
    }

    private async Task<Tenant> CurrentAsync(CancellationToken cancellationToken) =>
        await db.Tenants.FirstOrDefaultAsync(t => t.Slug == tenant.RequiredTenantId, cancellationToken)
        ?? throw RuleException.NotFound("There is no such municipality.");
}
