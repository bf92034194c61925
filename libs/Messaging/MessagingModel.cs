using System.Diagnostics;
using Buurt.Contracts;
using Buurt.Messaging.Inbox;
using Buurt.Messaging.Outbox;
using Buurt.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Messaging;

/// <summary>The outbox and inbox tables in a service's own DbContext, and how a change raises an event.</summary>
public static class MessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Call from <c>OnModelCreating</c>; the tables then travel with the service's migrations.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            // The dispatcher publishes every tenant's events; each row names its tenant.
            outbox.SharedAcrossTenants();
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.HasIndex(m => m.Sequence).IsUnique();
            outbox.Property(m => m.Type).HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            outbox.Property(m => m.TenantId).HasMaxLength(40);
            outbox.Property(m => m.TraceParent).HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            // The dispatcher's claim query reads only pending rows, in order.
            outbox.HasIndex(m => new { m.NextAttemptAt, m.Sequence })
                .HasFilter("sent_at IS NULL AND dead_lettered_at IS NULL")
                .HasDatabaseName("ix_outbox_messages_pending");
            // Housekeeping every 15 s: the retention delete and the dead-letter gauge would
            // otherwise read the whole table (a week of sent rows).
            outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_sent");
            outbox.HasIndex(m => m.DeadLetteredAt).HasFilter("dead_lettered_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_dead_lettered");
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.SharedAcrossTenants();
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.Property(m => m.TenantId).HasMaxLength(40);
            inbox.HasIndex(m => m.ProcessedAt);
        });
        return modelBuilder;
    }

    /// <summary>
    /// Stores the event with the change: it is published only if the same <c>SaveChanges</c> (or
    /// transaction) commits, and then at least once.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IIntegrationEvent integrationEvent) =>
        db.Set<OutboxMessage>().Add(OutboxMessage.For(integrationEvent, Activity.Current, DateTimeOffset.UtcNow));
}
