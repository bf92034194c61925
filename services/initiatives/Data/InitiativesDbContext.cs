using Buurt.Areas;
using Buurt.Initiatives.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Data;

/// <summary>The initiatives database: initiatives and the outbox/inbox. Every query sees one tenant.</summary>
public sealed class InitiativesDbContext(DbContextOptions<InitiativesDbContext> options, ITenantContext tenant)
    : DbContext(options)
{
    public DbSet<Initiative> Initiatives => Set<Initiative>();

    /// <summary>The copy of identity's wijken and buurten.</summary>
    public DbSet<Area> Areas => Set<Area>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Initiative>(initiative =>
        {
            initiative.HasKey(i => i.Id);
            initiative.Property(i => i.TenantId).HasMaxLength(40);
            initiative.Property(i => i.Title).HasMaxLength(Initiative.TitleMaxLength);
            initiative.Property(i => i.Description).HasMaxLength(Initiative.DescriptionMaxLength);
            initiative.Property(i => i.RequestedAmount).HasPrecision(12, 2);
            initiative.Property(i => i.Theme).HasConversion<string>().HasMaxLength(20);
            initiative.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
            initiative.ComplexProperty(i => i.Location, location =>
            {
                location.Property(p => p.Lat).HasColumnName("location_lat");
                location.Property(p => p.Lon).HasColumnName("location_lon");
            });
            initiative.Property(i => i.Version).IsRowVersion();
            initiative.HasIndex(i => new { i.TenantId, i.AreaId, i.SubmittedAt });
            initiative.HasQueryFilter(i => i.TenantId == tenant.TenantId);
        });
        modelBuilder.AddAreaCopy(a => a.TenantId == tenant.TenantId);
        modelBuilder.AddOutboxAndInbox();
    }
}
