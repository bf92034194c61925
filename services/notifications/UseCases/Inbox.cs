using Buurt.Notifications.Data;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.UseCases;

/// <summary>A person's in-app inbox: what they read, and marking it read.</summary>
public sealed class Inbox(NotificationsDbContext db, TimeProvider time)
{
    /// <summary>Marks one of the person's notifications read; another's or none is a 404 (no one learns what exists).</summary>
    public async Task MarkReadAsync(Guid accountId, Guid notificationId, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId && n.AccountId == accountId, cancellationToken)
            ?? throw RuleException.NotFound($"You have no notification {notificationId}.");
        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks every unread notification of the person read; how many that were.</summary>
    public Task<int> MarkAllReadAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Notifications.Where(n => n.AccountId == accountId && n.ReadAt == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, now), cancellationToken);
    }
}
