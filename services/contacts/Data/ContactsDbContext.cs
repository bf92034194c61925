using Buurt.AreaCopy;
using Buurt.Contacts.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Buurt.Contacts.Data;

/// <summary>
/// The contacts database: the wijk network (organisations, people, functions, assignments, venues,
/// topics, routing rules), contact points and the consent records, the copies of identity's areas
/// and postcode ranges, the outbox and inbox. Every query sees one tenant.
/// </summary>
public sealed class ContactsDbContext(DbContextOptions<ContactsDbContext> options, ITenantContext tenant) : DbContext(options)
{
    /// <summary>The exclusion constraint (btree_gist) that keeps one holder per function, wijk and day; made in the migration.</summary>
    public const string OneHolderConstraint = "ex_assignment_areas_one_holder";

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<ContactPoint> ContactPoints => Set<ContactPoint>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<Function> Functions => Set<Function>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<AssignmentArea> AssignmentAreas => Set<AssignmentArea>();

    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<SecretLink> SecretLinks => Set<SecretLink>();

    public DbSet<ListingChange> ListingChanges => Set<ListingChange>();

    public DbSet<ListingReport> ListingReports => Set<ListingReport>();

    /// <summary>The copy of the calendar's office hours and their coming sessions.</summary>
    public DbSet<CopiedOfficeHour> OfficeHours => Set<CopiedOfficeHour>();

    /// <summary>The copy of identity's wijken and buurten.</summary>
    public DbSet<CopiedArea> Areas => Set<CopiedArea>();

    /// <summary>The copy of identity's postcode ranges.</summary>
    public DbSet<CopiedPostcodeRange> PostcodeRanges => Set<CopiedPostcodeRange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.Entity<Organisation>(organisation =>
        {
            organisation.ToTable("organisations");
            organisation.HasKey(o => o.Id);
            organisation.Property(o => o.Name).HasMaxLength(Text.NameMaxLength);
            organisation.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
            organisation.Property(o => o.Description).HasMaxLength(Organisation.DescriptionMaxLength);
            organisation.Property(o => o.Version).IsRowVersion();
            organisation.HasIndex(o => new { o.TenantId, o.Name });
            organisation.HasIndex(o => o.LastVerifiedAt).HasFilter("ended_at IS NULL");
        });
        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.HasKey(p => p.Id);
            person.Property(p => p.Name).HasMaxLength(Text.NameMaxLength);
            person.Property(p => p.ErasedBy).HasMaxLength(100);
            person.Property(p => p.Version).IsRowVersion();
            person.HasIndex(p => new { p.TenantId, p.Name });
            person.HasIndex(p => new { p.TenantId, p.UserId }).IsUnique().HasFilter("user_id IS NOT NULL");
            person.HasIndex(p => p.LastVerifiedAt).HasFilter("erased_at IS NULL");
        });
        modelBuilder.Entity<ContactPoint>(point =>
        {
            point.ToTable("contact_points", t =>
            {
                t.HasCheckConstraint("ck_contact_points_one_owner", "num_nonnulls(organisation_id, person_id, function_key) = 1");
                t.HasCheckConstraint("ck_contact_points_wijk_of_function", "area_id IS NULL OR function_key IS NOT NULL");
            });
            point.HasKey(p => p.Id);
            point.Property(p => p.FunctionKey).HasMaxLength(Text.KeyMaxLength);
            point.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            point.Property(p => p.Value).HasMaxLength(ContactPoint.ValueMaxLength);
            point.Property(p => p.Visibility).HasConversion<string>().HasMaxLength(20);
            point.Property(p => p.Label).HasMaxLength(ContactPoint.LabelMaxLength);
            point.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId);
            point.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId);
            point.HasIndex(p => new { p.TenantId, p.OrganisationId });
            point.HasIndex(p => new { p.TenantId, p.PersonId });
            point.HasIndex(p => new { p.TenantId, p.FunctionKey });
        });
        modelBuilder.Entity<ConsentRecord>(record =>
        {
            record.ToTable("consent_records", t => t.HasCheckConstraint("ck_consent_records_given_is_complete",
                "kind <> 'Given' OR (consent_id = id AND visibility IS NOT NULL AND text_version IS NOT NULL AND cardinality(contact_point_ids) > 0)"));
            record.HasKey(r => r.Id);
            record.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            record.Property(r => r.Visibility).HasConversion<string>().HasMaxLength(20);
            record.Property(r => r.Basis).HasConversion<string>().HasMaxLength(20);
            record.Property(r => r.TextVersion).HasMaxLength(Person.TextVersionMaxLength);
            record.Property(r => r.RecordedBy).HasMaxLength(100);
            record.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId);
            record.HasIndex(r => new { r.TenantId, r.PersonId });
            // A consent is withdrawn once.
            record.HasIndex(r => r.ConsentId).IsUnique().HasFilter("kind = 'Withdrawn'").HasDatabaseName("ix_consent_records_one_withdrawal");
        });
        modelBuilder.Entity<Function>(function =>
        {
            function.ToTable("functions");
            function.HasKey(f => new { f.TenantId, f.Key });
            function.Property(f => f.Key).HasMaxLength(Text.KeyMaxLength);
            function.Property(f => f.Name).HasMaxLength(Text.NameMaxLength);
        });
        modelBuilder.Entity<Topic>(topic =>
        {
            topic.ToTable("topics");
            topic.HasKey(t => new { t.TenantId, t.Key });
            topic.Property(t => t.Key).HasMaxLength(Text.KeyMaxLength);
            topic.Property(t => t.Name).HasMaxLength(Text.NameMaxLength);
            topic.Property(t => t.Theme).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<RoutingRule>(rule =>
        {
            rule.ToTable("routing_rules", t => t.HasCheckConstraint("ck_routing_rules_one_target", "num_nonnulls(function_key, organisation_id) = 1"));
            rule.HasKey(r => r.Id);
            rule.Property(r => r.TopicKey).HasMaxLength(Text.KeyMaxLength);
            rule.Property(r => r.FunctionKey).HasMaxLength(Text.KeyMaxLength);
            rule.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId);
            // One rule per topic and wijk, "every" (null) included.
            rule.HasIndex(r => new { r.TenantId, r.TopicKey, r.AreaId }).IsUnique().AreNullsDistinct(false);
        });
        modelBuilder.Entity<Assignment>(assignment =>
        {
            assignment.ToTable("assignments", t => t.HasCheckConstraint("ck_assignments_until_after_from", "until IS NULL OR until >= \"from\""));
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.FunctionKey).HasMaxLength(Text.KeyMaxLength);
            assignment.Property(a => a.Version).IsRowVersion();
            assignment.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId);
            assignment.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId);
            assignment.HasMany(a => a.Areas).WithOne().HasForeignKey(a => a.AssignmentId).OnDelete(DeleteBehavior.Cascade);
            assignment.Navigation(a => a.Areas).HasField("_areas");
            assignment.HasIndex(a => new { a.TenantId, a.PersonId });
            assignment.HasIndex(a => new { a.TenantId, a.OrganisationId });
            assignment.Ignore(a => a.AreaIds);
        });
        modelBuilder.Entity<AssignmentArea>(area =>
        {
            area.ToTable("assignment_areas");
            area.HasKey(a => new { a.AssignmentId, a.AreaId });
            area.Property(a => a.FunctionKey).HasMaxLength(Text.KeyMaxLength);
            // The days as one range, for the exclusion constraint (see OneHolderConstraint).
            area.Property<NpgsqlRange<DateOnly>>("Period").HasComputedColumnSql("daterange(\"from\", until, '[]')", stored: true);
            area.HasIndex(a => new { a.TenantId, a.AreaId, a.FunctionKey });
        });
        modelBuilder.Entity<CopiedOfficeHour>(officeHour =>
        {
            officeHour.ToTable("office_hours");
            officeHour.HasKey(o => o.Id);
            officeHour.Property(o => o.Id).ValueGeneratedNever();
            officeHour.Property(o => o.TenantId).HasMaxLength(40);
            officeHour.Property(o => o.Function).HasMaxLength(120);
            officeHour.Property(o => o.HostName).HasMaxLength(120);
            officeHour.Property(o => o.Mode).HasMaxLength(20);
            officeHour.Property(o => o.Location).HasMaxLength(400);
            officeHour.Property(o => o.OnlineUrl).HasMaxLength(500);
            officeHour.OwnsMany(o => o.Sessions, sessions => sessions.ToJson());
            // A wijk's office hours by function: what "who" reads.
            officeHour.HasIndex(o => new { o.TenantId, o.AreaId, o.Function });
        });
        modelBuilder.Entity<Venue>(venue =>
        {
            venue.ToTable("venues");
            venue.HasKey(v => v.Id);
            venue.Property(v => v.Name).HasMaxLength(Text.NameMaxLength);
            venue.Property(v => v.Address).HasMaxLength(Venue.AddressMaxLength);
            venue.Property(v => v.Postcode).HasMaxLength(7);
            venue.Property(v => v.City).HasMaxLength(Text.NameMaxLength);
            venue.Property(v => v.AccessibilityNotes).HasMaxLength(Venue.NotesMaxLength);
            venue.OwnsMany(v => v.OpeningHours, hours => hours.ToJson());
            venue.Property(v => v.Version).IsRowVersion();
            venue.HasOne<Organisation>().WithMany().HasForeignKey(v => v.OrganisationId);
            venue.HasIndex(v => new { v.TenantId, v.AreaId });
        });
        modelBuilder.Entity<SecretLink>(link =>
        {
            link.ToTable("secret_links", t => t.HasCheckConstraint("ck_secret_links_one_listing", "num_nonnulls(person_id, organisation_id) = 1"));
            link.HasKey(l => l.Id);
            link.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(30);
            link.Property(l => l.TokenHash).HasMaxLength(64);
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId);
            link.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId);
            link.HasIndex(l => new { l.TenantId, l.PersonId });
        });
        modelBuilder.Entity<ListingChange>(change =>
        {
            change.ToTable("listing_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Field).HasMaxLength(30);
            change.Property(c => c.Before).HasMaxLength(ListingChange.ValueMaxLength);
            change.Property(c => c.After).HasMaxLength(ListingChange.ValueMaxLength);
            change.Property(c => c.ChangedBy).HasMaxLength(100);
            change.Property(c => c.ChangedAs).HasMaxLength(20);
            change.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId);
            change.HasIndex(c => new { c.TenantId, c.OrganisationId, c.ChangedAt });
        });
        modelBuilder.Entity<ListingReport>(report =>
        {
            report.ToTable("listing_reports");
            report.HasKey(r => r.Id);
            report.Property(r => r.ListingKind).HasConversion<string>().HasMaxLength(20);
            report.Property(r => r.ListingName).HasMaxLength(Text.NameMaxLength);
            report.Property(r => r.Note).HasMaxLength(ListingReport.NoteMaxLength);
            report.Property(r => r.Resolution).HasMaxLength(ListingReport.NoteMaxLength);
            report.Property(r => r.ResolvedBy).HasMaxLength(100);
            // One open report per resident and listing: a second is the same report.
            report.HasIndex(r => new { r.TenantId, r.ListingId, r.ReportedBy }).IsUnique().HasFilter("resolved_at IS NULL");
            report.HasIndex(r => new { r.TenantId, r.ReportedAt });
        });
        modelBuilder.Entity<CopiedPostcodeRange>(range =>
        {
            range.ToTable("postcode_ranges");
            range.HasKey(r => new { r.TenantId, r.From });
        });
        modelBuilder.AddAreaCopy();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.FilterByTenant(() => tenant.TenantId);
    }
}
