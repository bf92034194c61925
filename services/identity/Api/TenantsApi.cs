using Buurt.Contracts.Identity;
using Buurt.Identity.Data;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Api;

/// <summary>The municipalities on the platform (public: the gateway resolves hosts with it), and the caller.</summary>
public static class TenantsApi
{
    /// <summary>Outside the tenant group: the list is the platform's, not one tenant's.</summary>
    public static void MapTenants(this WebApplication app) =>
        app.MapGet($"{app.Services.GetRequiredService<ServiceInfo>().ApiPrefix}/tenants", ListAsync)
            .WithTags("Tenants").WithName("ListTenants");

    public static void MapMe(this IEndpointRouteBuilder api) =>
        api.MapGet("/me", MeAsync).WithTags("Users").WithName("GetMe").RequireAuthorization();

    private static async Task<Ok<TenantList>> ListAsync(IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TenantList([.. tenants.Select(t => new TenantResponse(t.Slug, t.Name, t.CbsCode, t.Hosts, t.Language, t.TimeZone))]));
    }

    /// <summary>The signed-in user as their token says, with their profile.</summary>
    private static async Task<Results<Ok<MeResponse>, NotFound>> MeAsync(
        HttpContext http, ITenantContext tenant, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var subject = http.User.FindFirst(BuurtClaims.Subject)?.Value;
        var user = Guid.TryParse(subject, out var id)
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.TenantId == tenant.RequiredTenantId, cancellationToken)
            : null;
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new MeResponse(
            user.Id, user.TenantId, user.DisplayName, user.Email, user.Postcode, user.HomeAreaId,
            [.. http.User.FindAll(BuurtClaims.Role).Select(c => c.Value)],
            [.. http.User.FindAll(BuurtClaims.Wijk).Select(c => Guid.Parse(c.Value))]));
    }
}

public sealed record MeResponse(Guid Id, string Tenant, string DisplayName, string? Email, string? Postcode, Guid? HomeAreaId, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken);
