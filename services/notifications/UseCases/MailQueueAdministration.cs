using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.UseCases;

/// <summary>A municipality's administrator sees the mails that were given up on and sends them again.</summary>
public sealed class MailQueueAdministration(NotificationsDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>The municipality's dead-lettered mails, newest first.</summary>
    public Task<PagedList<OutgoingMail>> DeadLettersAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        return db.Mails.AsNoTracking().Where(m => m.TenantId == tenantId && m.DeadLetteredAt != null)
            .OrderByDescending(m => m.DeadLetteredAt).ThenByDescending(m => m.Sequence).ToPageAsync(page, cancellationToken);
    }

    /// <summary>Puts every dead-lettered mail of the municipality back in the queue, with fresh tries; how many.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var now = time.GetUtcNow();
        var dead = await db.Mails.Where(m => m.TenantId == tenantId && m.DeadLetteredAt != null).ToListAsync(cancellationToken);
        var replayed = dead.Count(m => m.Replay(now));
        await db.SaveChangesAsync(cancellationToken);
        return replayed;
    }
}
