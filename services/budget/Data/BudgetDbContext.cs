using Buurt.Budget.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.Data;

/// <summary>The budget database. Every query sees one tenant.</summary>
public sealed class BudgetDbContext(DbContextOptions<BudgetDbContext> options, ITenantContext tenant)
    : DbContext(options)
{
    public DbSet<AreaPipeline> Pipelines => Set<AreaPipeline>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AreaPipeline>(pipeline =>
        {
            pipeline.ToTable("area_pipelines");
            pipeline.HasKey(p => new { p.TenantId, p.AreaId });
            pipeline.Property(p => p.TenantId).HasMaxLength(40);
            pipeline.Property(p => p.RequestedAmount).HasPrecision(14, 2);
            pipeline.Property(p => p.Version).IsRowVersion();
            pipeline.HasQueryFilter(p => p.TenantId == tenant.TenantId);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
