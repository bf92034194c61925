using Buurt.AreaCopy;
using Buurt.Contracts.Initiatives;
using Buurt.Notifications.Data;

namespace Buurt.Notifications.Messaging;

/// <summary>
/// At start, for every municipality identity knows, this service asks initiatives who follows its
/// initiatives (<see cref="FollowersReplayRequested"/>, through the outbox; answered with an
/// <see cref="InitiativeFollowersReplayed"/> per initiative). So supports and comments made before
/// their events existed, or lost to a purged queue, reach the followers copy; readiness
/// ("followers-requested") waits until the requests are in the outbox.
/// </summary>
public static class FollowerRequests
{
    public static IHostApplicationBuilder AddFollowerRequests(this IHostApplicationBuilder builder) =>
        builder.AddRequestsAtStart<NotificationsDbContext>("followers-requested", "The municipalities (to ask initiatives who follows what)", (tenant, now) =>
            [new FollowersReplayRequested(tenant, Guid.CreateVersion7(now), now, "notifications")]);
}
