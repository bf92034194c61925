using System.Text.Json;
using Buurt.AreaCopy;
using Buurt.Initiatives.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NpgsqlTypes;

namespace Buurt.Initiatives.Data;

/// <summary>The initiatives database: initiatives and everything around them, and the outbox/inbox. Every query sees one tenant.</summary>
public sealed class InitiativesDbContext(DbContextOptions<InitiativesDbContext> options, ITenantContext tenant)
    : DbContext(options)
{
    /// <summary>The generated Dutch full-text column over title and description (not part of the domain).</summary>
    public const string SearchVector = "SearchVector";

    public DbSet<Initiative> Initiatives => Set<Initiative>();

    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<Support> Supports => Set<Support>();

    public DbSet<Poll> Polls => Set<Poll>();

    public DbSet<Vote> Votes => Set<Vote>();

    public DbSet<ProgressUpdate> Updates => Set<ProgressUpdate>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<CommentReport> CommentReports => Set<CommentReport>();

    public DbSet<Evaluation> Evaluations => Set<Evaluation>();

    public DbSet<Rating> Ratings => Set<Rating>();

    public DbSet<WijkPriority> Priorities => Set<WijkPriority>();

    public DbSet<TenantSettings> Settings => Set<TenantSettings>();

    /// <summary>The copy of identity's wijken and buurten.</summary>
    public DbSet<CopiedArea> Areas => Set<CopiedArea>();

    /// <summary>The tenant's settings, or the defaults while its admin has set none.</summary>
    public async Task<TenantSettings> SettingsAsync(CancellationToken cancellationToken = default) =>
        await Settings.FirstOrDefaultAsync(cancellationToken) ?? TenantSettings.Default(tenant.RequiredTenantId);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("btree_gin");
        modelBuilder.Entity<Initiative>(initiative =>
        {
            initiative.HasKey(i => i.Id);
            initiative.Property(i => i.Title).HasMaxLength(Initiative.TitleMaxLength);
            initiative.Property(i => i.Description).HasMaxLength(Initiative.DescriptionMaxLength);
            initiative.Property(i => i.RequestedAmount).HasPrecision(12, 2);
            initiative.Property(i => i.FinalCost).HasPrecision(12, 2);
            initiative.Property(i => i.Theme).HasConversion<string>().HasMaxLength(20);
            initiative.Property(i => i.SubTheme).HasMaxLength(TenantSettings.MaxSubThemeLength);
            initiative.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
            initiative.Property(i => i.AddressText).HasMaxLength(Initiative.AddressMaxLength);
            initiative.Property(i => i.PublicName).HasMaxLength(Initiative.PublicNameMaxLength);
            initiative.Property(i => i.DeclineReason).HasMaxLength(Initiative.NoteMaxLength);
            initiative.ComplexProperty(i => i.Location, location =>
            {
                location.Property(p => p.Lat).HasColumnName("location_lat");
                location.Property(p => p.Lon).HasColumnName("location_lon");
            });
            initiative.Property<NpgsqlTsVector>(SearchVector)
                .HasComputedColumnSql("to_tsvector('dutch', title || ' ' || description)", stored: true);
            // Tenant first, in the same GIN index (btree_gin): a search reads only its tenant's matches.
            initiative.HasIndex("TenantId", SearchVector).HasMethod("GIN");
            initiative.Property(i => i.Version).IsRowVersion();
            // The list's filters, each with the newest first; the map's box has its own index (see the migration).
            initiative.HasIndex(i => new { i.TenantId, i.SubmittedAt });
            initiative.HasIndex(i => new { i.TenantId, i.AreaId, i.SubmittedAt });
            initiative.HasIndex(i => new { i.TenantId, i.Status, i.SubmittedAt });
            initiative.HasIndex(i => i.AnswerDueBy).HasFilter("NOT answer_overdue_notified AND answer_due_by IS NOT NULL");
            // The deadline watch's second claim: promises not yet told as due soon.
            initiative.HasIndex([nameof(Initiative.AnswerDueBy)], "ix_initiatives_answer_due_soon").HasDatabaseName("ix_initiatives_answer_due_soon").HasFilter("NOT answer_due_soon_notified AND answer_due_by IS NOT NULL");
        });
        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.ActorRole).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.From).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.To).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.Note).HasMaxLength(Initiative.NoteMaxLength + Commitment.DescriptionMaxLength + 2);
            entry.Property(e => e.Reason).HasMaxLength(Initiative.NoteMaxLength);
            entry.HasOne<Initiative>().WithMany().HasForeignKey(e => e.InitiativeId);
            entry.HasIndex(e => new { e.InitiativeId, e.At });
        });
        modelBuilder.Entity<Deal>(deal =>
        {
            deal.HasKey(d => d.Id);
            deal.Property(d => d.Amount).HasPrecision(12, 2);
            deal.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
            deal.Property(d => d.FundingStatus).HasConversion<string>().HasMaxLength(20);
            deal.Property(d => d.FundingRejectionReason).HasMaxLength(40);
            deal.Property(d => d.FundingRejectionDetail).HasMaxLength(500);
            deal.Property(d => d.Approver).HasMaxLength(20);
            deal.HasOne<Initiative>().WithMany().HasForeignKey(d => d.InitiativeId);
            deal.HasIndex(d => new { d.InitiativeId, d.Version }).IsUnique();
            deal.HasMany(d => d.Commitments).WithOne().HasForeignKey(c => c.DealId);
            deal.Navigation(d => d.Commitments).HasField("_commitments");
        });
        modelBuilder.Entity<Commitment>(commitment =>
        {
            commitment.HasKey(c => c.Id);
            commitment.Property(c => c.Side).HasConversion<string>().HasMaxLength(20);
            commitment.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            commitment.Property(c => c.Description).HasMaxLength(Commitment.DescriptionMaxLength);
            commitment.Property(c => c.Owner).HasMaxLength(Commitment.OwnerMaxLength);
            commitment.Property(c => c.LastDoneNote).HasMaxLength(Commitment.NoteMaxLength);
            commitment.ComplexProperty(c => c.Recurrence, recurrence =>
            {
                recurrence.Property(r => r.Frequency).HasConversion<string>().HasMaxLength(20).HasColumnName("recurrence_frequency");
                recurrence.Property(r => r.Interval).HasColumnName("recurrence_interval");
                recurrence.Property(r => r.Until).HasColumnName("recurrence_until");
            });
            commitment.HasIndex(c => c.NextDue).HasFilter("status = 'Open' AND next_due IS NOT NULL");
        });
        modelBuilder.Entity<Support>(support =>
        {
            support.HasKey(s => new { s.InitiativeId, s.ResidentId });
            support.HasOne<Initiative>().WithMany().HasForeignKey(s => s.InitiativeId);
        });
        modelBuilder.Entity<Poll>(poll =>
        {
            poll.HasKey(p => p.Id);
            poll.Property(p => p.Question).HasMaxLength(Poll.QuestionMaxLength);
            poll.Property(p => p.Results).HasConversion<string>().HasMaxLength(20);
            poll.HasOne<Initiative>().WithMany().HasForeignKey(p => p.InitiativeId);
            poll.HasIndex(p => p.InitiativeId);
        });
        modelBuilder.Entity<Vote>(vote =>
        {
            vote.HasKey(v => new { v.PollId, v.ResidentId });
            vote.HasOne<Poll>().WithMany().HasForeignKey(v => v.PollId);
        });
        modelBuilder.Entity<ProgressUpdate>(update =>
        {
            update.HasKey(u => u.Id);
            update.Property(u => u.AuthorRole).HasConversion<string>().HasMaxLength(20);
            update.Property(u => u.Text).HasMaxLength(ProgressUpdate.TextMaxLength);
            update.HasOne<Initiative>().WithMany().HasForeignKey(u => u.InitiativeId);
            update.HasIndex(u => new { u.InitiativeId, u.At });
        });
        modelBuilder.Entity<Comment>(comment =>
        {
            comment.HasKey(c => c.Id);
            comment.Property(c => c.Text).HasMaxLength(Comment.TextMaxLength);
            comment.Property(c => c.HiddenReason).HasMaxLength(Comment.ReasonMaxLength);
            comment.HasOne<Initiative>().WithMany().HasForeignKey(c => c.InitiativeId);
            comment.HasIndex(c => new { c.InitiativeId, c.At });
            comment.Property(c => c.Version).IsRowVersion();
            comment.HasIndex(c => new { c.TenantId, c.ReportCount }).HasFilter("hidden_at IS NULL AND report_count > 0");
        });
        modelBuilder.Entity<CommentReport>(report =>
        {
            report.HasKey(r => new { r.CommentId, r.ReporterId });
            report.Property(r => r.Reason).HasMaxLength(Comment.ReasonMaxLength);
            report.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId);
        });
        modelBuilder.Entity<Evaluation>(evaluation =>
        {
            evaluation.HasKey(e => e.InitiativeId);
            evaluation.Property(e => e.Story).HasMaxLength(Evaluation.StoryMaxLength);
            evaluation.Property(e => e.Reviews).HasColumnType("jsonb").HasConversion(JsonConverter<List<CommitmentReview>>(), JsonComparer<List<CommitmentReview>>());
            evaluation.HasOne<Initiative>().WithOne().HasForeignKey<Evaluation>(e => e.InitiativeId);
        });
        modelBuilder.Entity<Rating>(rating =>
        {
            rating.HasKey(r => new { r.InitiativeId, r.ResidentId });
            rating.Property(r => r.Comment).HasMaxLength(Rating.CommentMaxLength);
            rating.HasOne<Initiative>().WithMany().HasForeignKey(r => r.InitiativeId);
        });
        modelBuilder.Entity<WijkPriority>(priority =>
        {
            priority.HasKey(p => p.Id);
            priority.Property(p => p.Theme).HasConversion<string>().HasMaxLength(20);
            priority.Property(p => p.Title).HasMaxLength(WijkPriority.TitleMaxLength);
            priority.Property(p => p.Goal).HasMaxLength(WijkPriority.GoalMaxLength);
            priority.HasIndex(p => new { p.TenantId, p.AreaId, p.From });
        });
        modelBuilder.Entity<TenantSettings>(settings =>
        {
            settings.HasKey(s => s.TenantId);
            settings.Property(s => s.FastTrackMaxAmount).HasPrecision(12, 2);
            settings.Property(s => s.ResponseDays).HasColumnType("jsonb").HasConversion(JsonConverter<Dictionary<InitiativeStatus, int>>(), JsonComparer<Dictionary<InitiativeStatus, int>>());
            settings.Property(s => s.SubThemes).HasColumnType("jsonb").HasConversion(JsonConverter<List<SubTheme>>(), JsonComparer<List<SubTheme>>());
        });
        modelBuilder.AddAreaCopy();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.FilterByTenant(() => tenant.TenantId);
    }

    private static readonly JsonSerializerOptions s_json = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }

    /// <summary>A small value kept as JSON in one column, compared by its JSON.</summary>
    private static ValueConverter<T, string> JsonConverter<T>()
        where T : class => new(v => JsonSerializer.Serialize(v, s_json), s => JsonSerializer.Deserialize<T>(s, s_json)!);

    private static ValueComparer<T> JsonComparer<T>()
        where T : class => new(
            (a, b) => JsonSerializer.Serialize(a, s_json) == JsonSerializer.Serialize(b, s_json),
            v => JsonSerializer.Serialize(v, s_json).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, s_json), s_json)!);
}
