using System.Security.Cryptography;
using System.Text;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.UseCases;

/// <summary>
/// The daily digest: once a day, from <c>Notifications:DigestHour</c> (08:00) in each municipality's
/// zone, one mail per person with what they chose to read that way and what came in before that
/// hour. Each municipality is claimed with <c>FOR UPDATE SKIP LOCKED</c> and marked with the day in
/// the same transaction as the queued mails and the items they took, so replicas never send a day's
/// digest twice; the mail's event id is derived from (municipality, person, day), so its unique
/// delivery key refuses a second one as well.
/// </summary>
public sealed class Digests(NotificationsDbContext db, IOptions<NotificationOptions> options, NotificationMetrics metrics, TimeProvider time)
{
    private readonly NotificationOptions _options = options.Value;

    /// <summary>
    /// Sends every municipality's digest that is due at <paramref name="now"/> (the job's clock);
    /// the mails are queued at the real time. How many mails were queued.
    /// </summary>
    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime(); // PostgreSQL keeps instants in UTC
        var queued = 0;
        foreach (var tenantId in await db.Municipalities.IgnoreQueryFilters().Select(m => m.TenantId).ToListAsync(cancellationToken))
        {
            queued += await SendDueAsync(tenantId, now, cancellationToken);
        }
        return queued;
    }

    private async Task<int> SendDueAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var municipality = await db.Municipalities.FromSql($"SELECT * FROM municipalities WHERE tenant_id = {tenantId} FOR UPDATE SKIP LOCKED")
            .IgnoreQueryFilters().FirstOrDefaultAsync(cancellationToken);
        if (municipality?.DigestDue(now, _options.DigestHour) is not { } day)
        {
            return 0;
        }
        var cutoff = municipality.DigestCutoff(day, _options.DigestHour);
        var items = await db.DigestItems.IgnoreQueryFilters()
            .Where(i => i.TenantId == tenantId && i.DigestedAt == null && i.CreatedAt < cutoff)
            .OrderBy(i => i.OccurredAt).ToListAsync(cancellationToken);
        var accounts = items.Select(i => i.AccountId).Distinct().ToList();
        var recipients = await db.Recipients.IgnoreQueryFilters().Where(r => accounts.Contains(r.AccountId) && r.ErasedAt == null)
            .ToDictionaryAsync(r => r.AccountId, cancellationToken);
        var queued = 0;
        var queuedAt = time.GetUtcNow();
        foreach (var group in items.GroupBy(i => i.AccountId))
        {
            if (recipients.TryGetValue(group.Key, out var recipient) && recipient.Email is { } email)
            {
                var message = new Message(EventIdOf(tenantId, group.Key, day), NotificationKind.Digest, queuedAt)
                {
                    DigestLines = [.. group.Select(i => new DigestLine(i.Subject, i.Link))],
                };
                if (!await db.Mails.AnyAsync(m => m.EventId == message.EventId && m.AccountId == group.Key, cancellationToken))
                {
                    var unsubscribe = _options.LinkTo(municipality, tenantId,
                        $"api/notifications/v1/unsubscribe/{recipient.UnsubscribeToken}/{NotificationKind.Digest.ApiName()}");
                    var mail = MessageTexts.Render(message, recipient.DisplayName, recipient.Language, municipality.Name, null, unsubscribe);
                    db.Mails.Add(OutgoingMail.Queue(message, recipient, email, _options.SenderOf(municipality, tenantId), mail, unsubscribe, attachment: null, queuedAt));
                    metrics.Made(Channel.Email.ApiName(), NotificationKind.Digest.ApiName());
                    queued++;
                }
            }
            foreach (var item in group)
            {
                item.Digested(queuedAt);
            }
        }
        municipality.DigestSent(day);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    /// <summary>The same id for the same person's digest of the same day, whoever makes it.</summary>
    private static Guid EventIdOf(string tenantId, Guid accountId, DateOnly day) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"digest:{tenantId}:{accountId}:{day:yyyy-MM-dd}"))[..16]);
}
