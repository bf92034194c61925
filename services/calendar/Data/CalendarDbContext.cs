using Buurt.AreaCopy;
using Buurt.Calendar.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Buurt.Calendar.Data;

/// <summary>The calendar database: activities and their occurrences, the copies of areas and initiatives, the outbox/inbox. Every query sees one tenant.</summary>
public sealed class CalendarDbContext(DbContextOptions<CalendarDbContext> options, ITenantContext tenant)
    : DbContext(options)
{
    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Occurrence> Occurrences => Set<Occurrence>();

    public DbSet<Registration> Registrations => Set<Registration>();

    /// <summary>The copy of identity's wijken and buurten.</summary>
    public DbSet<CopiedArea> Areas => Set<CopiedArea>();

    /// <summary>The copy of what the calendar needs of initiatives.</summary>
    public DbSet<CopiedInitiative> Initiatives => Set<CopiedInitiative>();

    // Wall times are "timestamp without time zone": a time on a clock, not an instant.
    private static readonly ValueConverter<LocalDateTime, DateTime> s_wallTime =
        new(v => v.ToDateTimeUnspecified(), v => LocalDateTime.FromDateTime(v));

    private static readonly ValueConverter<LocalDate, DateOnly> s_date = new(v => v.ToDateOnly(), v => LocalDate.FromDateOnly(v));

    private static readonly ValueConverter<IReadOnlyList<RecurrenceDay>, string> s_days = new(
        v => string.Join(",", v),
        v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => RecurrenceDay.Parse(d, "byDay")).ToList());

    private static readonly ValueComparer<IReadOnlyList<RecurrenceDay>> s_daysCompared = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (hash, day) => HashCode.Combine(hash, day)),
        v => v.ToList());

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Activity>(activity =>
        {
            activity.ToTable("activities", t =>
            {
                t.HasCheckConstraint("ck_activities_end_after_start", "\"end\" > start");
                t.HasCheckConstraint("ck_activities_capacity_positive", "capacity IS NULL OR capacity > 0");
            });
            activity.HasKey(a => a.Id);
            activity.Property(a => a.Id).ValueGeneratedNever();
            activity.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            activity.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(20);
            activity.Property(a => a.Theme).HasConversion<string>().HasMaxLength(20);
            activity.Property(a => a.Title).HasMaxLength(Activity.TitleMaxLength);
            activity.Property(a => a.Description).HasMaxLength(Activity.DescriptionMaxLength);
            activity.Property(a => a.TimeZone).HasMaxLength(60);
            WallTime(activity.Property(a => a.Start));
            WallTime(activity.Property(a => a.End));
            activity.Property(a => a.OnlineUrl).HasMaxLength(Activity.OnlineUrlMaxLength);
            activity.Property(a => a.CancelReason).HasMaxLength(Occurrence.ReasonMaxLength);
            activity.ComplexProperty(a => a.Recurrence, recurrence =>
            {
                recurrence.Property(r => r.Frequency).HasConversion<string>().HasMaxLength(20).HasColumnName("recurrence_frequency");
                recurrence.Property(r => r.Interval).HasColumnName("recurrence_interval");
                recurrence.Property(r => r.ByDay).HasConversion(s_days, s_daysCompared).HasMaxLength(60).HasColumnName("recurrence_by_day");
                recurrence.Property(r => r.Count).HasColumnName("recurrence_count");
                recurrence.Property(r => r.Until).HasConversion(s_date).HasColumnName("recurrence_until");
                recurrence.Property(r => r.Bounded).HasColumnName("recurrence_bounded");
            });
            activity.ComplexProperty(a => a.Venue, venue =>
            {
                venue.Property(v => v.Name).HasMaxLength(Venue.NameMaxLength).HasColumnName("venue_name");
                venue.Property(v => v.Address).HasMaxLength(Venue.AddressMaxLength).HasColumnName("venue_address");
                venue.Property(v => v.Lat).HasColumnName("venue_lat");
                venue.Property(v => v.Lon).HasColumnName("venue_lon");
            });
            activity.HasMany(a => a.Occurrences).WithOne().HasForeignKey(o => o.ActivityId);
            activity.Navigation(a => a.Occurrences).HasField("_occurrences");
            activity.Property(a => a.Version).IsRowVersion();
            // The wijk's feed: its public activities that have not long ended.
            activity.HasIndex(a => new { a.TenantId, a.AreaId, a.LastEndsAt });
            activity.HasIndex(a => a.InitiativeId).HasFilter("initiative_id IS NOT NULL");
        });
        modelBuilder.Entity<Occurrence>(occurrence =>
        {
            occurrence.ToTable("occurrences", t =>
            {
                t.HasCheckConstraint("ck_occurrences_end_after_start", "ends_at > starts_at");
                t.HasCheckConstraint("ck_occurrences_counts", "registered >= 0 AND waitlisted >= 0 AND attended >= 0 AND registered + waitlisted <= arrivals");
            });
            occurrence.HasKey(o => o.Id);
            // Ids are ours (version 7): an occurrence a change plans is new, not one EF should update.
            occurrence.Property(o => o.Id).ValueGeneratedNever();
            WallTime(occurrence.Property(o => o.OriginalStart));
            WallTime(occurrence.Property(o => o.Start));
            WallTime(occurrence.Property(o => o.End));
            occurrence.Property(o => o.Reason).HasMaxLength(Occurrence.ReasonMaxLength);
            occurrence.HasIndex(o => new { o.ActivityId, o.OriginalStart }).IsUnique();
            // The agenda: a wijk's occurrences by time, or the municipality's.
            occurrence.HasIndex(o => new { o.TenantId, o.AreaId, o.StartsAt });
            occurrence.HasIndex(o => new { o.TenantId, o.StartsAt });
            // The feed's overrides: a wijk's occurrences cancelled or moved on their own.
            occurrence.HasIndex(o => new { o.TenantId, o.AreaId }).HasFilter("cancelled OR moved").HasDatabaseName("ix_occurrences_exceptions");
        });
        modelBuilder.Entity<Registration>(registration =>
        {
            registration.ToTable("registrations");
            registration.HasKey(r => r.Id);
            registration.Property(r => r.Id).ValueGeneratedNever();
            registration.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            registration.Property(r => r.CheckInCode).HasMaxLength(Registration.CodeLength);
            registration.HasOne<Occurrence>().WithMany().HasForeignKey(r => r.OccurrenceId).OnDelete(DeleteBehavior.Restrict);
            // One registration per resident per occurrence (a cancelled one may be followed by a new one).
            registration.HasIndex(r => new { r.OccurrenceId, r.AccountId }).IsUnique().HasFilter("status <> 'Cancelled'")
                .HasDatabaseName("ix_registrations_one_per_resident");
            // Arrival order, and the code at the door, are unique within the occurrence.
            registration.HasIndex(r => new { r.OccurrenceId, r.Position }).IsUnique();
            registration.HasIndex(r => new { r.OccurrenceId, r.CheckInCode }).IsUnique();
            // "My registrations".
            registration.HasIndex(r => new { r.TenantId, r.AccountId, r.RegisteredAt });
        });
        modelBuilder.Entity<CopiedInitiative>(initiative =>
        {
            initiative.ToTable("initiatives");
            initiative.HasKey(i => i.Id);
            initiative.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.AddAreaCopy();
        modelBuilder.AddIdempotentRequests();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.FilterByTenant(() => tenant.TenantId);
    }

    private static void WallTime(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<LocalDateTime> property) =>
        property.HasConversion(s_wallTime).HasColumnType("timestamp without time zone");
}
