using Buurt.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.Data;

/// <summary>The SQL of the mail queue: claiming in order, and the figures its gauges show.</summary>
public static class MailQueue
{
    /// <summary>
    /// The next waiting mails that are due, oldest first, locked for this transaction; rows another
    /// replica holds are skipped, so no two replicas send the same mail. A mail waiting behind a
    /// refused one of the same account is not held up by it: order is by queue position among due mails.
    /// </summary>
    public static Task<List<OutgoingMail>> ClaimDueAsync(this NotificationsDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        db.Mails.FromSql($"""
            SELECT * FROM outgoing_mails
            WHERE sent_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
            ORDER BY sequence
            LIMIT {limit}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);

    /// <summary>Waiting mails, the age of the oldest, and dead letters; over every tenant.</summary>
    public static async Task<QueueFigures> FiguresAsync(this NotificationsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = db.Mails.Where(m => m.SentAt == null && m.DeadLetteredAt == null);
        var oldest = await waiting.MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        return new QueueFigures(
            await waiting.LongCountAsync(cancellationToken),
            oldest is null ? TimeSpan.Zero : now - oldest.Value,
            await db.Mails.LongCountAsync(m => m.DeadLetteredAt != null, cancellationToken));
    }
}

/// <summary>The mail queue at a glance.</summary>
public readonly record struct QueueFigures(long Waiting, TimeSpan OldestWaitingAge, long DeadLettered);
