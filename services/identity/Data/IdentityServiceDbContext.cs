using Buurt.Identity.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Data;

/// <summary>
/// Identity's database: tenants, areas and postcodes, users and roles (ASP.NET Core Identity),
/// OpenIddict's clients and tokens, the signing keys, the outbox. Areas and users are seen per tenant.
/// </summary>
public sealed class IdentityServiceDbContext(DbContextOptions<IdentityServiceDbContext> options, ITenantContext tenant)
    : IdentityDbContext<BuurtUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    /// <summary>Each municipality's logo (public, read by slug: not filtered by the request's tenant).</summary>
    public DbSet<TenantLogo> TenantLogos => Set<TenantLogo>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<PostcodeRange> PostcodeRanges => Set<PostcodeRange>();

    public DbSet<UserAreaScope> UserAreaScopes => Set<UserAreaScope>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    /// <summary>The wijk a PC4 postcode lies in, in the request's municipality.</summary>
    public Task<Area?> WijkOfAsync(int pc4, CancellationToken cancellationToken) => (
        from range in PostcodeRanges
        join area in Areas.AsNoTracking() on range.AreaId equals area.Id
        where range.From <= pc4 && pc4 <= range.To
        select area).FirstOrDefaultAsync(cancellationToken);

    /// <summary>An area of the request's municipality, tracked; 404 when it has none with this id.</summary>
    public async Task<Area> AreaAsync(Guid id, CancellationToken cancellationToken) =>
        await Areas.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw RuleException.NotFound($"There is no area {id} in this municipality.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<Tenant>(t =>
        {
            t.HasKey(x => x.Slug);
            t.Property(x => x.Slug).HasMaxLength(40);
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.CbsCode).HasMaxLength(6);
            t.Property(x => x.Language).HasMaxLength(5);
            t.Property(x => x.TimeZone).HasMaxLength(50);
            t.Property(x => x.DisplayName).HasMaxLength(100);
            t.Property(x => x.AccentColor).HasMaxLength(7);
            t.Property(x => x.LogoVersion).HasMaxLength(32);
        });
        builder.Entity<TenantLogo>(l =>
        {
            l.HasKey(x => x.TenantId);
            l.Property(x => x.TenantId).HasMaxLength(40);
            l.Property(x => x.ContentType).HasMaxLength(20);
            l.Property(x => x.Version).HasMaxLength(32);
            l.HasOne<Tenant>().WithOne().HasForeignKey<TenantLogo>(x => x.TenantId);
            l.SharedAcrossTenants();
        });
        builder.Entity<Area>(a =>
        {
            a.HasKey(x => x.Id);
            a.Property(x => x.TenantId).HasMaxLength(40);
            a.Property(x => x.Name).HasMaxLength(100);
            a.Property(x => x.Code).HasMaxLength(20);
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            a.Property(x => x.BoundaryGeoJson).HasColumnType("jsonb");
            a.Property(x => x.Version).IsRowVersion();
            a.HasIndex(x => new { x.TenantId, x.Code }).IsUnique();
            a.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId);
            a.HasOne<Area>().WithMany().HasForeignKey(x => x.ParentId);
        });
        builder.Entity<PostcodeRange>(p =>
        {
            p.HasKey(x => x.Id);
            p.Property(x => x.TenantId).HasMaxLength(40);
            p.HasIndex(x => new { x.TenantId, x.From });
            p.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId);
        });
        builder.Entity<BuurtUser>(u =>
        {
            u.Property(x => x.TenantId).HasMaxLength(40);
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.Postcode).HasMaxLength(7);
            u.Property(x => x.Language).HasMaxLength(5).HasDefaultValue("nl");
            u.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId);
            u.HasIndex(x => x.TenantId);
            // Accounts are found by their tenant-qualified user name, also before a tenant is known (demo data, tokens).
            u.SharedAcrossTenants();
        });
        builder.Entity<UserAreaScope>(s =>
        {
            s.HasKey(x => new { x.UserId, x.AreaId });
            s.HasOne<BuurtUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId);
        });
        builder.Entity<SigningKey>(k =>
        {
            k.HasKey(x => x.Id);
            k.Property(x => x.Use).HasMaxLength(10);
        });
        builder.AddOutboxAndInbox();
        builder.FilterByTenant(() => tenant.TenantId);
    }
}
