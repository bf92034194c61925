using Buurt.AreaCopy;
using Buurt.Calendar.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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

    public DbSet<OfficeHour> OfficeHours => Set<OfficeHour>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<FeedToken> FeedTokens => Set<FeedToken>();

    /// <summary>The copy of the municipality's holidays.</summary>
    public DbSet<Holiday> Holidays => Set<Holiday>();

    /// <summary>As of when each municipality's copy of the holidays is.</summary>
    public DbSet<HolidayCopyState> HolidayCopies => Set<HolidayCopyState>();

    /// <summary>Per municipality, the day the office hours' sessions were last published again (the daily republish's claim).</summary>
    public DbSet<SessionsRepublished> SessionsRepublished => Set<SessionsRepublished>();

    /// <summary>The exclusion constraint (migration SQL): no two bookings of one host whose blocked ranges overlap.</summary>
    public const string HostFreeConstraint = "ex_bookings_host_free";

    /// <summary>The copy of identity's wijken and buurten.</summary>
    public DbSet<CopiedArea> Areas => Set<CopiedArea>();

    /// <summary>The copy of contacts' venues (locations of activities and office hours).</summary>
    public DbSet<CopiedVenue> Venues => Set<CopiedVenue>();

    /// <summary>The copy of contacts' assignments (who hosts an office hour by function on a date).</summary>
    public DbSet<CopiedAssignment> HostAssignments => Set<CopiedAssignment>();

    /// <summary>The copy of what the calendar needs of initiatives.</summary>
    public DbSet<CopiedInitiative> Initiatives => Set<CopiedInitiative>();

    /// <summary>The copy of identity's display names of accounts (who registered or booked, for the wijk's planners).</summary>
    public DbSet<ResidentName> ResidentNames => Set<ResidentName>();

    /// <summary>Per municipality, when the calendar asked identity for every account's name (once: its copy is new).</summary>
    public DbSet<ResidentNamesRequested> ResidentNamesRequested => Set<ResidentNamesRequested>();

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
            activity.Property(a => a.HostFunction).HasMaxLength(OfficeHost.MaxLength);
            activity.ComplexProperty(a => a.Recurrence, MapRecurrence);
            activity.ComplexProperty(a => a.Venue, MapVenue);
            activity.HasMany(a => a.Occurrences).WithOne().HasForeignKey(o => o.ActivityId);
            activity.Navigation(a => a.Occurrences).HasField("_occurrences");
            activity.Property(a => a.Version).IsRowVersion();
            // The wijk's feed: its public activities that have not long ended.
            activity.HasIndex(a => new { a.TenantId, a.AreaId, a.LastEndsAt });
            activity.HasIndex(a => a.InitiativeId).HasFilter("initiative_id IS NOT NULL");
            activity.HasIndex(a => a.VenueId).HasFilter("venue_id IS NOT NULL");
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
            // The reminder watch: occurrences with places starting soon, of every tenant.
            occurrence.HasIndex(o => o.StartsAt).HasFilter("registered > 0").HasDatabaseName("ix_occurrences_reminders");
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
                .HasDatabaseName(RegistrationDecisions.OnePerResidentIndex);
            // Arrival order, and the code at the door, are unique within the occurrence.
            registration.HasIndex(r => new { r.OccurrenceId, r.Position }).IsUnique();
            registration.HasIndex(r => new { r.OccurrenceId, r.CheckInCode }).IsUnique();
            // "My registrations".
            registration.HasIndex(r => new { r.TenantId, r.AccountId, r.RegisteredAt });
        });
        // The exclusion constraint over host and time needs gist over plain columns (tenant, host key).
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.Entity<OfficeHour>(officeHour =>
        {
            officeHour.ToTable("office_hours", t => t.HasCheckConstraint("ck_office_hours_slots", "slot_minutes >= 0 AND walk_in_minutes >= 0 AND buffer_minutes >= 0 AND \"end\" > start"));
            officeHour.HasKey(o => o.Id);
            officeHour.Property(o => o.Id).ValueGeneratedNever();
            officeHour.Property(o => o.HostFunction).HasMaxLength(OfficeHost.MaxLength);
            officeHour.Property(o => o.HostName).HasMaxLength(OfficeHost.MaxLength);
            officeHour.HasIndex(o => o.VenueId).HasFilter("venue_id IS NOT NULL");
            officeHour.Property(o => o.HostKey).HasMaxLength(2 * OfficeHost.MaxLength + 1);
            officeHour.Property(o => o.TimeZone).HasMaxLength(60);
            WallTime(officeHour.Property(o => o.Start));
            WallTime(officeHour.Property(o => o.End));
            officeHour.Property(o => o.OnlineUrl).HasMaxLength(Activity.OnlineUrlMaxLength);
            officeHour.Property(o => o.BlockedDates).HasColumnType("date[]").HasConversion(
                new ValueConverter<List<LocalDate>, DateOnly[]>(v => v.Select(d => d.ToDateOnly()).ToArray(), v => v.Select(LocalDate.FromDateOnly).ToList()),
                new ValueComparer<List<LocalDate>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d)), v => v.ToList()));
            officeHour.ComplexProperty(o => o.Recurrence, MapRecurrence);
            officeHour.ComplexProperty(o => o.Venue, MapVenue);
            officeHour.Ignore(o => o.Host);
            officeHour.Property(o => o.Version).IsRowVersion();
            officeHour.HasIndex(o => new { o.TenantId, o.AreaId });
        });
        modelBuilder.Entity<Booking>(booking =>
        {
            booking.ToTable("bookings", t => t.HasCheckConstraint("ck_bookings_times", "ends_at > starts_at AND blocked_until >= ends_at"));
            booking.HasKey(b => b.Id);
            booking.Property(b => b.Id).ValueGeneratedNever();
            booking.Property(b => b.HostKey).HasMaxLength(2 * OfficeHost.MaxLength + 1);
            booking.Property(b => b.HostName).HasMaxLength(OfficeHost.MaxLength);
            booking.Property(b => b.Topic).HasMaxLength(Booking.TopicMaxLength);
            booking.Property(b => b.Question).HasMaxLength(Booking.QuestionMaxLength);
            booking.Property(b => b.CancelReason).HasMaxLength(Booking.ReasonMaxLength);
            booking.Property(b => b.CancelTokenHash).HasMaxLength(64);
            booking.HasOne<OfficeHour>().WithMany().HasForeignKey(b => b.OfficeHourId).OnDelete(DeleteBehavior.Restrict);
            booking.HasIndex(b => b.CancelTokenHash).IsUnique();
            // A host's bookings by time (free slots), and mine.
            booking.HasIndex(b => new { b.TenantId, b.HostKey, b.StartsAt });
            booking.HasIndex(b => new { b.TenantId, b.AccountId, b.StartsAt });
            // The reminder watch: bookings starting soon, of every tenant.
            booking.HasIndex(b => b.StartsAt).HasFilter("cancelled_at IS NULL").HasDatabaseName("ix_bookings_reminders");
        });
        modelBuilder.Entity<FeedToken>(feed =>
        {
            feed.ToTable("feed_tokens");
            feed.HasKey(f => f.TokenHash);
            feed.Property(f => f.TokenHash).HasMaxLength(64);
            feed.HasIndex(f => new { f.TenantId, f.AccountId }).IsUnique();
        });
        modelBuilder.Entity<Holiday>(holiday =>
        {
            holiday.ToTable("holidays");
            holiday.HasKey(h => new { h.TenantId, h.Date });
            holiday.Property(h => h.Date).HasConversion(s_date);
        });
        modelBuilder.Entity<HolidayCopyState>(copy =>
        {
            copy.ToTable("holiday_copies");
            copy.HasKey(c => c.TenantId);
        });
        modelBuilder.Entity<CopiedVenue>(venue =>
        {
            venue.ToTable("venues");
            venue.HasKey(v => v.Id);
            venue.Property(v => v.Id).ValueGeneratedNever();
            venue.Property(v => v.TenantId).HasMaxLength(40);
            venue.Property(v => v.Name).HasMaxLength(Venue.NameMaxLength);
            venue.Property(v => v.Address).HasMaxLength(Venue.AddressMaxLength);
        });
        modelBuilder.Entity<CopiedAssignment>(assignment =>
        {
            assignment.ToTable("host_assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.Id).ValueGeneratedNever();
            assignment.Property(a => a.TenantId).HasMaxLength(40);
            assignment.Property(a => a.PersonName).HasMaxLength(OfficeHost.MaxLength);
            assignment.Property(a => a.Function).HasMaxLength(OfficeHost.MaxLength);
            assignment.HasIndex(a => new { a.TenantId, a.Function });
            assignment.HasIndex(a => a.PersonId);
        });
        modelBuilder.Entity<CopiedInitiative>(initiative =>
        {
            initiative.ToTable("initiatives");
            initiative.HasKey(i => i.Id);
            initiative.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<SessionsRepublished>(republished =>
        {
            republished.ToTable("sessions_republished");
            republished.HasKey(r => r.TenantId);
        });
        modelBuilder.Entity<ResidentName>(name =>
        {
            name.ToTable("resident_names");
            name.HasKey(n => n.AccountId);
            name.Property(n => n.AccountId).ValueGeneratedNever();
            name.Property(n => n.TenantId).HasMaxLength(40);
            name.Property(n => n.DisplayName).HasMaxLength(ResidentName.MaxLength);
        });
        modelBuilder.Entity<ResidentNamesRequested>(requested =>
        {
            requested.ToTable("resident_names_requested");
            requested.HasKey(r => r.TenantId);
            requested.Property(r => r.TenantId).HasMaxLength(40);
        });
        modelBuilder.AddAreaCopy();
        modelBuilder.AddIdempotentRequests();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.FilterByTenant(() => tenant.TenantId);
    }

    private static void MapRecurrence(ComplexPropertyBuilder<Recurrence> recurrence)
    {
        recurrence.Property(r => r.Frequency).HasConversion<string>().HasMaxLength(20).HasColumnName("recurrence_frequency");
        recurrence.Property(r => r.Interval).HasColumnName("recurrence_interval");
        recurrence.Property(r => r.ByDay).HasConversion(s_days, s_daysCompared).HasMaxLength(60).HasColumnName("recurrence_by_day");
        recurrence.Property(r => r.Count).HasColumnName("recurrence_count");
        recurrence.Property(r => r.Until).HasConversion(s_date).HasColumnName("recurrence_until");
        recurrence.Property(r => r.Bounded).HasColumnName("recurrence_bounded");
    }

    private static void MapVenue(ComplexPropertyBuilder<Venue> venue)
    {
        venue.Property(v => v.Name).HasMaxLength(Venue.NameMaxLength).HasColumnName("venue_name");
        venue.Property(v => v.Address).HasMaxLength(Venue.AddressMaxLength).HasColumnName("venue_address");
        venue.Property(v => v.Lat).HasColumnName("venue_lat");
        venue.Property(v => v.Lon).HasColumnName("venue_lon");
    }

    private static void WallTime(PropertyBuilder<LocalDateTime> property) =>
        property.HasConversion(s_wallTime).HasColumnType("timestamp without time zone");
}
