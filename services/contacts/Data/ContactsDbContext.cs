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
