using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.UseCases;

/// <summary>A person's devices for Web Push: subscribe (again), list, unsubscribe.</summary>
public sealed class PushSubscriptions(NotificationsDbContext db, ITenantContext tenant, TimeProvider time, IOptions<PushOptions> options)
{
    /// <summary>
    /// Keeps the browser's subscription for the person. The same endpoint again replaces the earlier
    /// one (new keys, new quiet hours, or another person signed in on that browser).
    /// </summary>
    public async Task<PushSubscription> SubscribeAsync(Guid accountId, string? endpoint, string? p256dh, string? auth, string? quietFrom, string? quietUntil,
        CancellationToken cancellationToken)
    {
        var subscription = PushSubscription.Of(tenant.RequiredTenantId, accountId, endpoint, p256dh, auth, time.GetUtcNow(), options.Value.PushServiceHosts,
            quietFrom, quietUntil);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PushSubscriptions.IgnoreQueryFilters().Where(s => s.Endpoint == subscription.Endpoint).ExecuteDeleteAsync(cancellationToken);
        db.PushSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return subscription;
    }

    public async Task<IReadOnlyList<PushSubscription>> OfAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.PushSubscriptions.AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Forgets one of the person's devices; false when they have none by that id.</summary>
    public async Task<bool> UnsubscribeAsync(Guid accountId, Guid id, CancellationToken cancellationToken) =>
        await db.PushSubscriptions.Where(s => s.AccountId == accountId && s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
}
