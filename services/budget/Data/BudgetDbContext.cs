using Buurt.AreaCopy;
using Buurt.Budget.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurt.Budget.Data;

/// <summary>The budget database: the books, their balances, idempotency keys and the outbox/inbox. Every query sees one tenant.</summary>
public sealed class BudgetDbContext(DbContextOptions<BudgetDbContext> options, ITenantContext tenant)
    : DbContext(options)
{
    public DbSet<BudgetYear> Years => Set<BudgetYear>();

    public DbSet<WijkBalance> Balances => Set<WijkBalance>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<Amendment> Amendments => Set<Amendment>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Mandate> Mandates => Set<Mandate>();

    public DbSet<ExecutiveDecision> ExecutiveDecisions => Set<ExecutiveDecision>();

    public DbSet<TenantSettings> Settings => Set<TenantSettings>();

    public DbSet<PipelineItem> Pipeline => Set<PipelineItem>();

    /// <summary>The copy of identity's wijken and buurten.</summary>
    public DbSet<CopiedArea> Areas => Set<CopiedArea>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BudgetYear>(year =>
        {
            year.ToTable("budget_years", t =>
            {
                t.HasCheckConstraint("ck_budget_years_allocations_within_budget", "allocated_to_wijken <= total + pool_amended + carried_over");
                t.HasCheckConstraint("ck_budget_years_not_negative", "total >= 0 AND pool_amended >= 0 AND carried_over >= 0 AND allocated_to_wijken >= 0");
            });
            year.HasKey(y => new { y.TenantId, y.Year });
            Money(year.Property(y => y.Total));
            Money(year.Property(y => y.PoolAmended));
            Money(year.Property(y => y.CarriedOver));
            Money(year.Property(y => y.AllocatedToWijken));
            year.Property(y => y.ClosedBy).HasMaxLength(100);
            year.Property(y => y.Version).IsRowVersion();
        });
        modelBuilder.Entity<WijkBalance>(balance =>
        {
            balance.ToTable("wijk_balances", t =>
            {
                // The last line of defence: whatever the code does, PostgreSQL keeps the books possible.
                t.HasCheckConstraint("ck_wijk_balances_available_not_negative", "allocated + amended - reserved - committed >= 0");
                t.HasCheckConstraint("ck_wijk_balances_paid_within_committed", "paid <= committed");
                t.HasCheckConstraint("ck_wijk_balances_not_negative", "allocated >= 0 AND amended >= 0 AND reserved >= 0 AND committed >= 0 AND paid >= 0");
            });
            balance.HasKey(b => new { b.TenantId, b.Year, b.AreaId });
            Money(balance.Property(b => b.Allocated));
            Money(balance.Property(b => b.Amended));
            Money(balance.Property(b => b.Reserved));
            Money(balance.Property(b => b.Committed));
            Money(balance.Property(b => b.Paid));
            balance.Property(b => b.Version).IsRowVersion();
        });
        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Sequence).UseIdentityAlwaysColumn();
            entry.HasIndex(e => e.Sequence).IsUnique();
            entry.HasIndex(e => new { e.TenantId, e.Year, e.AreaId, e.Sequence });
            entry.HasIndex(e => new { e.TenantId, e.InitiativeId });
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Theme).HasConversion<string>().HasMaxLength(20);
            Money(entry.Property(e => e.Amount));
            Money(entry.Property(e => e.AllocatedChange));
            Money(entry.Property(e => e.AmendedChange));
            Money(entry.Property(e => e.ReservedChange));
            Money(entry.Property(e => e.CommittedChange));
            Money(entry.Property(e => e.PaidChange));
            entry.Property(e => e.Reference).HasMaxLength(100);
            entry.Property(e => e.Actor).HasMaxLength(100);
            entry.Property(e => e.Reason).HasMaxLength(500);
            entry.Property(e => e.Source).HasMaxLength(200);
        });
        modelBuilder.Entity<Reservation>(reservation =>
        {
            reservation.ToTable("reservations");
            reservation.HasKey(r => new { r.TenantId, r.InitiativeId });
            reservation.Property(r => r.Theme).HasConversion<string>().HasMaxLength(20);
            reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            reservation.Property(r => r.Approver).HasMaxLength(40);
            Money(reservation.Property(r => r.Amount));
            Money(reservation.Property(r => r.Paid));
            reservation.Property(r => r.Version).IsRowVersion();
            reservation.HasIndex(r => new { r.TenantId, r.Year, r.AreaId });
        });
        modelBuilder.Entity<Amendment>(amendment =>
        {
            amendment.ToTable("amendments");
            amendment.HasKey(a => a.Id);
            amendment.HasIndex(a => new { a.TenantId, a.Year, a.Reference }).IsUnique();
            amendment.Property(a => a.Reference).HasMaxLength(40);
            amendment.Property(a => a.Description).HasMaxLength(500);
            amendment.Property(a => a.Theme).HasConversion<string>().HasMaxLength(20);
            amendment.Property(a => a.RecordedBy).HasMaxLength(100);
            Money(amendment.Property(a => a.Amount));
        });
        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.HasKey(p => p.Id);
            payment.HasIndex(p => new { p.TenantId, p.InitiativeId });
            payment.Property(p => p.Reference).HasMaxLength(100);
            payment.Property(p => p.RecordedBy).HasMaxLength(100);
            Money(payment.Property(p => p.Amount));
        });
        modelBuilder.Entity<Mandate>(mandate =>
        {
            mandate.ToTable("mandates");
            mandate.HasKey(m => new { m.TenantId, m.Role });
            mandate.Property(m => m.Role).HasMaxLength(40);
            Money(mandate.Property(m => m.MaxAmount));
        });
        modelBuilder.Entity<ExecutiveDecision>(decision =>
        {
            decision.ToTable("executive_decisions");
            decision.HasKey(d => new { d.TenantId, d.InitiativeId });
            decision.Property(d => d.Reference).HasMaxLength(100);
            decision.Property(d => d.RecordedBy).HasMaxLength(100);
            Money(decision.Property(d => d.MaxAmount));
        });
        modelBuilder.Entity<TenantSettings>(settings =>
        {
            settings.ToTable("tenant_settings");
            settings.HasKey(s => s.TenantId);
            settings.Property(s => s.CarryOver).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<PipelineItem>(item =>
        {
            item.ToTable("pipeline_items");
            item.HasKey(i => new { i.TenantId, i.InitiativeId });
            item.Property(i => i.Theme).HasConversion<string>().HasMaxLength(20);
            Money(item.Property(i => i.RequestedAmount));
            item.HasIndex(i => new { i.TenantId, i.AreaId }).HasFilter("left_at IS NULL");
        });
        modelBuilder.AddIdempotentRequests();
        modelBuilder.AddAreaCopy();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.FilterByTenant(() => tenant.TenantId);
    }

    /// <summary>Euros with cents; up to a hundred million.</summary>
    private static void Money(PropertyBuilder<decimal> property) => property.HasPrecision(12, 2);
}
