using Buurt.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.Data;

/// <summary>The SQL of the mail queue: claiming in order, per lane, and the figures its gauges show.</summary>
public static class MailQueue
{
    /// <summary>
    /// The queue's lanes: each channel's rows are claimed and sent apart, so that a way out that is
    /// down (the SMS sidecar, the SMTP server) holds up only its own channel.
    /// </summary>
    public static readonly IReadOnlyList<Channel> Lanes = [Channel.Email, Channel.Sms];

    /// <summary>
    /// The next waiting rows of one lane that are due, oldest first, locked for this transaction; rows
    /// another replica holds are skipped, so no two replicas send the same one. A mail waiting behind a
    /// refused one of the same account is not held up by it: order is by queue position among due rows.
    /// Read through <c>ix_outgoing_mails_waiting_lane</c> (channel, sequence): another lane's backlog is never scanned.
    /// </summary>
    public static Task<List<OutgoingMail>> ClaimDueAsync(this NotificationsDbContext db, Channel lane, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        db.Mails.FromSql($"""
            SELECT * FROM outgoing_mails
            WHERE channel = {lane.ToString()} AND sent_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {now}
            ORDER BY sequence
            LIMIT {limit}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);

    /// <summary>
    /// The mobile number each account of these texts has now (null: none, or erased), read from the
    /// account copy over every tenant (the sender has none): a text goes to the current number.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, string?>> CurrentNumbersAsync(this NotificationsDbContext db, IEnumerable<OutgoingMail> texts,
        CancellationToken cancellationToken)
    {
        var accounts = texts.Select(t => t.AccountId).Distinct().ToList();
        return await db.Recipients.IgnoreQueryFilters().AsNoTracking().Where(r => accounts.Contains(r.AccountId))
            .ToDictionaryAsync(r => r.AccountId, r => r.PhoneNumber, cancellationToken);
    }

    /// <summary>Per lane: waiting rows, the age of the oldest, and dead letters; over every tenant.</summary>
    public static async Task<IReadOnlyDictionary<Channel, QueueFigures>> FiguresAsync(this NotificationsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.Mails.Where(m => m.SentAt == null && m.DeadLetteredAt == null).GroupBy(m => m.Channel)
            .Select(g => new { Lane = g.Key, Count = g.LongCount(), Oldest = g.Min(m => (DateTimeOffset?)m.CreatedAt) })
            .ToDictionaryAsync(r => r.Lane, cancellationToken);
        // A text that lost its number is not waiting for a replay: not counted, so its alert keeps meaning "the binding refuses".
        var dead = await db.Mails.Where(m => m.DeadLetteredAt != null && !(m.Channel == Channel.Sms && m.To == "")).GroupBy(m => m.Channel)
            .Select(g => new { Lane = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(r => r.Lane, r => r.Count, cancellationToken);
        return Lanes.ToDictionary(lane => lane, lane => new QueueFigures(
            waiting.GetValueOrDefault(lane)?.Count ?? 0,
            waiting.GetValueOrDefault(lane)?.Oldest is { } oldest ? now - oldest : TimeSpan.Zero,
            dead.GetValueOrDefault(lane)));
    }
}

/// <summary>One lane of the mail queue at a glance.</summary>
public readonly record struct QueueFigures(long Waiting, TimeSpan OldestWaitingAge, long DeadLettered);
