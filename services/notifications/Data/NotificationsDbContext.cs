using Buurt.Messaging;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.Data;

/// <summary>
/// The notifications database: the copies of accounts, initiatives and municipalities, preferences,
/// the in-app inbox, the mail queue, the outbox and inbox. Every query sees one tenant, except the
/// mail sender's and the housekeeping's, which go over all.
/// </summary>
public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options, ITenantContext tenant)
    : DbContext(options)
{
    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<InitiativeFacts> Initiatives => Set<InitiativeFacts>();

    public DbSet<Municipality> Municipalities => Set<Municipality>();

    public DbSet<Follower> Followers => Set<Follower>();

    public DbSet<Preference> Preferences => Set<Preference>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutgoingMail> Mails => Set<OutgoingMail>();

    public DbSet<DigestItem> DigestItems => Set<DigestItem>();

    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();

    public DbSet<OutgoingPush> Pushes => Set<OutgoingPush>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Recipient>(recipient =>
        {
            recipient.ToTable("recipients");
            recipient.HasKey(r => r.AccountId);
            recipient.Property(r => r.Email).HasMaxLength(254);
            recipient.Property(r => r.PhoneNumber).HasMaxLength(20);
            recipient.Property(r => r.DisplayName).HasMaxLength(100);
            recipient.Property(r => r.Language).HasMaxLength(5);
            recipient.Property(r => r.UnsubscribeToken).HasMaxLength(32);
            // Staff are found by role and wijk: GIN over the arrays.
            recipient.HasIndex(r => r.Roles).HasMethod("gin");
            recipient.HasIndex(r => r.Wijken).HasMethod("gin");
            recipient.HasIndex(r => new { r.TenantId, r.UnsubscribeToken });
        });
        modelBuilder.Entity<InitiativeFacts>(initiative =>
        {
            initiative.ToTable("initiatives");
            initiative.HasKey(i => i.InitiativeId);
            initiative.Property(i => i.Title).HasMaxLength(200);
        });
        modelBuilder.Entity<Follower>(follower =>
        {
            follower.ToTable("followers");
            // Who follows an initiative is read by the key's first column; an erased account's rows by the second index.
            follower.HasKey(f => new { f.InitiativeId, f.AccountId, f.Reason });
            follower.Property(f => f.Reason).HasConversion<string>().HasMaxLength(20);
            follower.HasIndex(f => f.AccountId);
        });
        modelBuilder.Entity<Municipality>(municipality =>
        {
            municipality.ToTable("municipalities");
            municipality.HasKey(m => m.TenantId);
            municipality.Property(m => m.Name).HasMaxLength(100);
            municipality.Property(m => m.Host).HasMaxLength(253);
            municipality.Property(m => m.TimeZone).HasMaxLength(50).HasDefaultValue("Europe/Amsterdam");
        });
        modelBuilder.Entity<Preference>(preference =>
        {
            preference.ToTable("preferences");
            preference.HasKey(p => new { p.AccountId, p.Kind, p.Channel });
            preference.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
            preference.Property(p => p.Channel).HasConversion<string>().HasMaxLength(10);
            preference.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
            notification.Property(n => n.Title).HasMaxLength(300);
            notification.Property(n => n.Link).HasMaxLength(500);
            // The in-app channel's delivery key: one notification per event and person, whatever redelivers or races.
            notification.HasIndex(n => new { n.EventId, n.AccountId }).IsUnique();
            notification.HasIndex(n => new { n.TenantId, n.AccountId, n.OccurredAt });
            notification.HasIndex(n => new { n.TenantId, n.AccountId }).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
            notification.HasIndex(n => n.CreatedAt);
        });
        modelBuilder.Entity<OutgoingMail>(mail =>
        {
            mail.ToTable("outgoing_mails");
            mail.HasKey(m => m.Id);
            mail.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            mail.Property(m => m.TenantId).HasMaxLength(TenantModel.MaxLength);
            mail.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
            mail.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
            mail.Property(m => m.To).HasMaxLength(254);
            mail.Property(m => m.FromAddress).HasMaxLength(254);
            mail.Property(m => m.FromName).HasMaxLength(100);
            mail.Property(m => m.Subject).HasMaxLength(300);
            mail.Property(m => m.UnsubscribeUrl).HasMaxLength(500);
            mail.Property(m => m.LastError).HasMaxLength(2000);
            mail.Property(m => m.AttachmentName).HasMaxLength(100);
            // The delivery key of e-mail and of SMS.
            mail.HasIndex(m => new { m.EventId, m.AccountId, m.Channel }).IsUnique();
            // What the sender claims: a lane's waiting rows in order; the channel first, so that one lane's backlog is not read by the other's claim.
            mail.HasIndex(m => new { m.Channel, m.Sequence }).HasFilter("sent_at IS NULL AND dead_lettered_at IS NULL").HasDatabaseName("ix_outgoing_mails_waiting_lane");
            mail.HasIndex(m => new { m.TenantId, m.DeadLetteredAt });
            mail.HasIndex(m => m.CreatedAt);
            mail.SharedAcrossTenants();
        });
        modelBuilder.Entity<DigestItem>(item =>
        {
            item.ToTable("digest_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
            item.Property(i => i.Subject).HasMaxLength(300);
            item.Property(i => i.Link).HasMaxLength(500);
            // What goes into the digest is the e-mail channel too: one per event and person.
            item.HasIndex(i => new { i.EventId, i.AccountId }).IsUnique();
            item.HasIndex(i => new { i.TenantId, i.CreatedAt }).HasFilter("digested_at IS NULL").HasDatabaseName("ix_digest_items_waiting");
        });
        modelBuilder.Entity<PushSubscription>(subscription =>
        {
            subscription.ToTable("push_subscriptions");
            subscription.HasKey(p => p.Id);
            subscription.Property(p => p.Endpoint).HasMaxLength(PushSubscription.MaxEndpointLength);
            subscription.Property(p => p.P256dh).HasMaxLength(100);
            subscription.Property(p => p.Auth).HasMaxLength(50);
            // An endpoint is one browser's: subscribing it again (another person signed in) moves it.
            subscription.HasIndex(p => p.Endpoint).IsUnique();
            subscription.HasIndex(p => new { p.TenantId, p.AccountId });
        });
        modelBuilder.Entity<OutgoingPush>(push =>
        {
            push.ToTable("outgoing_pushes");
            push.HasKey(p => p.Id);
            push.Property(p => p.Sequence).UseIdentityAlwaysColumn();
            push.Property(p => p.TenantId).HasMaxLength(TenantModel.MaxLength);
            push.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
            push.Property(p => p.Title).HasMaxLength(300);
            push.Property(p => p.Body).HasMaxLength(1000);
            push.Property(p => p.Link).HasMaxLength(500);
            push.Property(p => p.LastError).HasMaxLength(2000);
            // The push channel's delivery key: one message per event and device.
            push.HasIndex(p => new { p.EventId, p.SubscriptionId }).IsUnique();
            push.HasIndex(p => p.Sequence).HasFilter("sent_at IS NULL AND given_up_at IS NULL").HasDatabaseName("ix_outgoing_pushes_waiting");
            push.HasIndex(p => p.CreatedAt);
            // A subscription that is gone takes its waiting messages with it.
            push.HasOne<PushSubscription>().WithMany().HasForeignKey(p => p.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            push.SharedAcrossTenants();
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.FilterByTenant(() => tenant.TenantId);
    }
}
