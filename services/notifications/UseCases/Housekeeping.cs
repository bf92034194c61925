using Buurt.Contracts.Identity;
using Buurt.Contracts.Notifications;
using Buurt.Messaging;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.UseCases;

/// <summary>Periodic work over every municipality: the retention of messages and the copy of the municipalities.</summary>
public sealed class Housekeeping(NotificationsDbContext db, IOptions<NotificationOptions> options, TimeProvider time)
{
    /// <summary>
    /// Deletes in-app notifications, digest items and finished mails (sent or dead-lettered) older than 90 days,
    /// and every mail with a code older than its lifetime (a code is useless by then; an unsent one
    /// is never sent late). Returns how many rows went.
    /// </summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - Retention.Messages;
        var secretsCutoff = now - options.Value.SecretLifetime;
        return await db.Notifications.IgnoreQueryFilters().Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken)
            + await db.Mails.Where(m => m.CreatedAt < cutoff && (m.SentAt != null || m.DeadLetteredAt != null)).ExecuteDeleteAsync(cancellationToken)
            + await db.Mails.Where(m => Kinds.WithCodes.Contains(m.Kind) && m.CreatedAt < secretsCutoff).ExecuteDeleteAsync(cancellationToken)
            + await db.DigestItems.IgnoreQueryFilters().Where(i => i.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken)
            + await db.Pushes.Where(p => p.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps the municipalities' names and hosts as identity lists them. A municipality seen for the
    /// first time asks identity (through the outbox) to replay its accounts, once, so that accounts
    /// made before this service's queues existed reach the copy.
    /// </summary>
    public async Task CopyMunicipalitiesAsync(TenantList tenants, CancellationToken cancellationToken)
    {
        var known = await db.Municipalities.IgnoreQueryFilters().ToDictionaryAsync(m => m.TenantId, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var tenant in tenants.Items)
        {
            var host = tenant.Hosts.FirstOrDefault() ?? tenant.Slug;
            if (!known.TryGetValue(tenant.Slug, out var municipality))
            {
                municipality = Municipality.Of(tenant.Slug, tenant.Name, host, tenant.TimeZone);
                db.Municipalities.Add(municipality);
            }
            else
            {
                municipality.Rename(tenant.Name, host, tenant.TimeZone);
            }
            if (municipality.AccountsReplayRequestedAt is null)
            {
                municipality.AccountsReplayRequested(now);
                db.AddIntegrationEvent(new AccountsReplayRequested(tenant.Slug, Guid.CreateVersion7(now), now));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
