using Buurt.Contracts.Identity;
using System.ComponentModel.DataAnnotations;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Api;

/// <summary>The municipalities on the platform (public: the gateway resolves hosts with it), and the caller.</summary>
public static class TenantsApi
{
    /// <summary>
    /// Outside the tenant group: the list is the platform's, not one tenant's, and the operator
    /// (whose token names no tenant) adds, suspends and resumes municipalities.
    /// </summary>
    public static void MapTenants(this WebApplication app)
    {
        var tenants = app.MapGroup($"{app.Services.GetRequiredService<ServiceInfo>().ApiPrefix}/tenants").WithTags("Tenants");
        tenants.MapGet("", ListAsync).WithName("ListTenants");
        tenants.MapPost("", CreateAsync).WithName("CreateTenant")
            .RequireAuthorization(p => p.RequireRole(BuurtRoles.PlatformOperator)).ProducesValidationProblem().ProducesProblem(409);
        tenants.MapPost("/{slug}/suspension", SuspendAsync).WithName("SuspendTenant")
            .RequireAuthorization(p => p.RequireRole(BuurtRoles.PlatformOperator)).ProducesProblem(404);
        tenants.MapDelete("/{slug}/suspension", ResumeAsync).WithName("ResumeTenant")
            .RequireAuthorization(p => p.RequireRole(BuurtRoles.PlatformOperator)).ProducesProblem(404);
        tenants.MapGet("/{slug}/logo", LogoAsync).WithName("GetTenantLogo").Produces(200, contentType: TenantLogo.Png).Produces(304).ProducesProblem(404)
            .WithSummary("The municipality's logo (PNG or SVG), public; sandboxed by its Content-Security-Policy, cached a few minutes.");
    }

    /// <summary>The tenant admin's branding of the site, in the tenant group: the caller's own municipality only.</summary>
    public static void MapBranding(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/tenants/me").WithTags("Tenants").RequireAuthorization(BuurtPolicies.TenantAdmin);
        me.MapPut("/branding", RebrandAsync).WithName("SetTenantBranding").ProducesValidationProblem();
        me.MapDelete("/branding", ResetBrandingAsync).WithName("ResetTenantBranding")
            .WithSummary("Back to the municipality's name and the site's configured colours.");
        me.MapPut("/logo", SetLogoAsync).WithName("SetTenantLogo").Accepts<byte[]>(TenantLogo.Png, TenantLogo.Svg, "application/octet-stream")
            .WithMetadata(new BodySizeLimit(LogoBodyLimit)).ProducesValidationProblem()
            .WithSummary("The file as the body: a PNG (by its signature) or an SVG that neither runs nor fetches anything, at most 100 KB.");
        me.MapDelete("/logo", RemoveLogoAsync).WithName("RemoveTenantLogo");
    }

    // Above the logo's 100 KB, so a file a little too big gets the 400 naming the field rather than a 413.
    private const long LogoBodyLimit = 256 * 1024;

    private static TenantResponse ToResponse(Tenant t) => new(
        t.Slug, t.Name, t.CbsCode, t.Hosts, t.Language, t.TimeZone, t.IsSuspended, t.DisplayName ?? t.Name, t.AccentColor,
        t.LogoVersion is { } version ? $"/api/identity/v1/tenants/{t.Slug}/logo?v={version}" : null);

    private static async Task<Ok<TenantResponse>> RebrandAsync(BrandingRequest request, TenantBranding branding, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await branding.RebrandAsync(request.DisplayName, request.AccentColor, cancellationToken)));

    private static async Task<Ok<TenantResponse>> ResetBrandingAsync(TenantBranding branding, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await branding.ResetAsync(cancellationToken)));

    private static async Task<Ok<TenantResponse>> SetLogoAsync(HttpRequest request, TenantBranding branding, CancellationToken cancellationToken)
    {
        // Read at most one byte past the limit: enough to know it is too big.
        using var content = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while (content.Length <= TenantLogo.MaxBytes && (read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            content.Write(buffer, 0, read);
        }
        return TypedResults.Ok(ToResponse(await branding.SetLogoAsync(content.ToArray(), cancellationToken)));
    }

    private static async Task<Ok<TenantResponse>> RemoveLogoAsync(TenantBranding branding, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await branding.RemoveLogoAsync(cancellationToken)));

    /// <summary>
    /// The logo as stored, with a strong ETag (its hash) and a few minutes' public caching; its own
    /// Content-Security-Policy sandboxes an SVG opened on its own (no script, nothing fetched).
    /// </summary>
    private static async Task<IResult> LogoAsync(string slug, HttpContext http, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var logo = await db.TenantLogos.AsNoTracking().FirstOrDefaultAsync(l => l.TenantId == slug, cancellationToken);
        if (logo is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No logo", detail: $"The municipality '{slug}' has no logo.");
        }
        var headers = http.Response.Headers;
        headers.ETag = $"\"{logo.Version}\"";
        headers.CacheControl = "public, max-age=300";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        if (http.Request.Headers.IfNoneMatch.Any(tag => tag is not null && (tag.Contains($"\"{logo.Version}\"", StringComparison.Ordinal) || tag == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(logo.Content, logo.ContentType);
    }

    private static async Task<Created<CreatedTenantResponse>> CreateAsync(CreateTenantRequest request, TenantOnboarding onboarding, CancellationToken cancellationToken)
    {
        var made = await onboarding.CreateAsync(
            request.Slug, request.Name, request.CbsCode, request.Hosts, request.Language, request.TimeZone, request.FirstAdminEmail, cancellationToken);
        return TypedResults.Created($"/api/identity/v1/tenants/{made.Tenant.Slug}", new CreatedTenantResponse(
            ToResponse(made.Tenant),
            new IntegrationClientResponse(made.IntegrationClientId, made.IntegrationClientSecret),
            new FirstAdminResponse(made.FirstAdminId, request.FirstAdminEmail!, Invited: true)));
    }

    private static async Task<Ok<TenantResponse>> SuspendAsync(string slug, TenantOnboarding onboarding, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await onboarding.SuspendAsync(slug, cancellationToken)));

    private static async Task<Ok<TenantResponse>> ResumeAsync(string slug, TenantOnboarding onboarding, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await onboarding.ResumeAsync(slug, cancellationToken)));

    public static void MapMe(this IEndpointRouteBuilder api) =>
        api.MapGet("/me", MeAsync).WithTags("Users").WithName("GetMe").RequireAuthorization();

    private static async Task<Ok<TenantList>> ListAsync(IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TenantList([.. tenants.Select(ToResponse)]));
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
            [.. http.User.FindAll(BuurtClaims.Wijk).Select(c => Guid.Parse(c.Value))],
            user.PhoneNumber));
    }
}

/// <summary>The site's name and accent colour (<c>PUT /api/identity/v1/tenants/me/branding</c>).</summary>
public sealed record BrandingRequest
{
    /// <summary>1 to 100 characters: the site's name in its header, titles and installed app.</summary>
    public string? DisplayName { get; init; }

    /// <summary>#rrggbb; white text on it must have a contrast of at least 4.5:1 (WCAG 2.1 AA).</summary>
    public string? AccentColor { get; init; }
}

/// <summary>The signed-in user; <c>PhoneNumber</c> (E.164, or null) is the one given for text messages, so a settings page can show it.</summary>
public sealed record MeResponse(Guid Id, string Tenant, string DisplayName, string? Email, string? Postcode, Guid? HomeAreaId, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken,
    string? PhoneNumber);

/// <summary>A municipality to add (the operator's <c>POST /api/identity/v1/tenants</c>).</summary>
public sealed record CreateTenantRequest
{
    /// <summary>Its id everywhere, e.g. hilversum.</summary>
    [Required]
    public string? Slug { get; init; }

    [Required]
    public string? Name { get; init; }

    /// <summary>GM and four digits, e.g. GM0402.</summary>
    [Required]
    public string? CbsCode { get; init; }

    /// <summary>The host names of its site and API, e.g. hilversum.buurt.nl.</summary>
    [Required]
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>nl (default) or en.</summary>
    public string? Language { get; init; }

    /// <summary>IANA time zone; Europe/Amsterdam by default.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Gets an invitation to choose a password and becomes its tenant admin.</summary>
    [Required, EmailAddress, StringLength(254)]
    public string? FirstAdminEmail { get; init; }
}

/// <param name="Tenant">The municipality as the tenant list shows it.</param>
/// <param name="IntegrationClient">Its machine client; the secret is shown this once.</param>
/// <param name="FirstAdmin">The account invited to administer it.</param>
public sealed record CreatedTenantResponse(TenantResponse Tenant, IntegrationClientResponse IntegrationClient, FirstAdminResponse FirstAdmin);

public sealed record IntegrationClientResponse(string ClientId, string ClientSecret);

public sealed record FirstAdminResponse(Guid Id, string Email, bool Invited);
