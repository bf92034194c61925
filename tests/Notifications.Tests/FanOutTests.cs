using Buurt.Contracts.Identity;
using Buurt.Messaging;
using Buurt.Notifications.Data;
using Buurt.Notifications.UseCases;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Notifications.Tests;

/// <summary>
/// An update on an initiative with more followers than <see cref="NotificationOptions.BulkFrom"/> takes the
/// set-based path (binary COPY): every follower gets one notification and one queued mail, once.
/// A service of its own: its mails would hold up the other tests' in the sender's queue.
/// </summary>
public sealed class FanOutTests(NotificationsService service) : IClassFixture<NotificationsService>
{
    [Fact]
    public async Task A_large_fan_out_is_stored_in_one_go_once_even_when_the_event_comes_again_under_another_message_id()
    {
        const int followers = NotificationOptions.DefaultBulkFrom * 3;
        var initiative = Guid.CreateVersion7();
        var accounts = Enumerable.Range(0, followers).Select(i => Guid.CreateVersion7()).ToList();
        foreach (var id in accounts)
        {
            await service.PublishAsync(new AccountRegistered(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, id, $"volger.{id:N}@test.example",
                "Volger Test", accounts.IndexOf(id) % 2 == 0 ? "nl" : "en", ["resident"], [Demo.Zuid], false));
            await service.PublishAsync(Events.Supported(initiative, id));
        }
        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == followers
                && await CountAsync(db => db.Recipients.CountAsync(r => accounts.Contains(r.AccountId))) == followers,
            what: $"{followers} followers in the copy", timeout: TimeSpan.FromSeconds(60));

        var update = Events.UpdatePosted(initiative, Guid.CreateVersion7(), Guid.CreateVersion7());
        await service.PublishAsync(update);
        await Eventually.TrueAsync(async () => await CountAsync(db => db.Notifications.CountAsync(n => n.EventId == update.EventId)) == followers,
            what: "a notification for every follower");
        Assert.Equal(followers, await CountAsync(db => db.Mails.CountAsync(m => m.EventId == update.EventId)));

        // The same event under another message id passes the inbox; the delivery keys hold.
        await service.Factory.Services.GetRequiredService<IBus>().Publish(update, context =>
        {
            context.MessageId = Guid.NewGuid();
            context.Headers.Set(BuurtMessageHeaders.Tenant, update.TenantId);
        });
        var marker = Events.UpdatePosted(initiative, Guid.CreateVersion7(), Guid.CreateVersion7(), excerpt: "Daarna");
        await service.PublishAsync(marker);
        await Eventually.TrueAsync(async () => await CountAsync(db => db.Notifications.CountAsync(n => n.EventId == marker.EventId)) == followers,
            what: "the next update's notifications");
        Assert.Equal(followers, await CountAsync(db => db.Notifications.CountAsync(n => n.EventId == update.EventId)));
        Assert.Equal(followers, await CountAsync(db => db.Mails.CountAsync(m => m.EventId == update.EventId)));
        var english = await CountAsync(db => db.Notifications.Where(n => n.EventId == update.EventId && n.Title == "News about 'Bankje bij de speeltuin'").CountAsync());
        Assert.Equal(followers / 2, english);
    }

    private Task<int> FollowerRowsAsync(Guid initiative) =>
        CountAsync(db => db.Followers.CountAsync(f => f.InitiativeId == initiative));

    private Task<int> CountAsync(Func<NotificationsDbContext, Task<int>> count) =>
        service.InScopeAsync(Demo.Hilversum, s => count(s.GetRequiredService<NotificationsDbContext>()));
}
