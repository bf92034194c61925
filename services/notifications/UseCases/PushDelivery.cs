using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.UseCases;

/// <summary>The application server's VAPID keys (section "Push"); without them no push is queued or sent.</summary>
public sealed class PushOptions
{
    /// <summary>The P-256 public key (65 bytes, base64url): the web app subscribes with it (applicationServerKey).</summary>
    public string? PublicKey { get; set; }

    /// <summary>The private key (32 bytes, base64url); a secret.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Who the push services may contact about our pushes (RFC 8292 "sub").</summary>
    public string Subject { get; set; } = "mailto:beheer@buurt.example";

    /// <summary>How long a push service keeps a message for a device that is offline.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The push services a subscription may name (a host, or <c>*.</c> and a domain): the service
    /// sends requests to whatever a subscription says, so an arbitrary one would let anyone make it
    /// call into the cluster. The browsers' own services by default.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    public static readonly IReadOnlyList<string> BrowserPushServices =
        ["fcm.googleapis.com", "*.push.services.mozilla.com", "*.push.apple.com", "*.notify.windows.com"];

    /// <summary>The configured hosts, or the browsers' services when none are configured.</summary>
    public IReadOnlyList<string> PushServiceHosts => AllowedHosts.Count > 0 ? [.. AllowedHosts] : BrowserPushServices;

    public bool Enabled => PublicKey is { Length: > 0 } && PrivateKey is { Length: > 0 };
}

/// <summary>Hands one push message to the subscription's push service (RFC 8030, encrypted per RFC 8291, VAPID per RFC 8292).</summary>
public interface IPushClient
{
    /// <summary><see cref="PushSubscriptionGoneException"/> when the service says the subscription is no more (404, 410).</summary>
    Task SendAsync(PushSubscription subscription, OutgoingPush push, CancellationToken cancellationToken);
}

/// <summary>The push service no longer knows the subscription (the app was uninstalled, permission withdrawn).</summary>
public sealed class PushSubscriptionGoneException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends the push queue, one message per transaction, claimed with <c>FOR UPDATE SKIP LOCKED</c>
/// like mail. A subscription the push service calls gone is deleted, with what still waited for it;
/// another failure is tried again after a back-off and given up after the last try.
/// </summary>
public sealed class PushDelivery(NotificationsDbContext db, IOptions<NotificationOptions> options, NotificationMetrics metrics, TimeProvider time)
{
    public async Task<bool> SendNextAsync(IPushClient client, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var push = (await db.Pushes.FromSql($"""
            SELECT * FROM outgoing_pushes
            WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= {now}
            ORDER BY sequence
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken)).FirstOrDefault();
        if (push is null)
        {
            return false;
        }
        var subscription = await db.PushSubscriptions.IgnoreQueryFilters().FirstAsync(s => s.Id == push.SubscriptionId, cancellationToken);
        try
        {
            await client.SendAsync(subscription, push, cancellationToken);
            push.MarkSent(time.GetUtcNow());
            metrics.Pushed("sent");
        }
        catch (PushSubscriptionGoneException)
        {
            // Its waiting messages go with it (the foreign key cascades).
            db.PushSubscriptions.Remove(subscription);
            metrics.Pushed("gone");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            push.RecordFailure(e.Message, now, options.Value.Retry);
            metrics.Pushed("failed");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
