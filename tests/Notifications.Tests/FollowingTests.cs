using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contracts.Initiatives;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Buurt.Notifications.Tests;

/// <summary>
/// Residents hear of updates on the initiatives they follow (their own, ones they support or
/// commented on), never of their own; the followers copy keeps each reason apart and copes with
/// events in any order; a large fan-out is stored at once and exactly once; preferences and the
/// one-click unsubscribe apply.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class FollowingTests(NotificationsService service)
{
    [Fact]
    public async Task Followers_hear_an_update_in_their_language_and_neither_its_author_nor_former_supporters_do()
    {
        var initiative = Guid.CreateVersion7();
        var initiator = await service.NewAccountAsync();
        var supporter = await service.NewAccountAsync("en");
        var commenter = await service.NewAccountAsync();
        var both = await service.NewAccountAsync(); // supported, commented, took the support back: still a commenter
        var withdrawn = await service.NewAccountAsync();
        var overtaken = await service.NewAccountAsync(); // the withdrawal arrives before the support it ends
        var stranger = await service.NewAccountAsync();
        var at = DateTimeOffset.UtcNow;
        await service.PublishAsync(Events.Supported(initiative, supporter.Id));
        await service.PublishAsync(Events.Commented(initiative, commenter.Id));
        await service.PublishAsync(Events.Supported(initiative, both.Id, at));
        await service.PublishAsync(Events.Commented(initiative, both.Id));
        await service.PublishAsync(Events.SupportWithdrawn(initiative, both.Id, at.AddSeconds(1)));
        await service.PublishAsync(Events.Supported(initiative, withdrawn.Id, at));
        await service.PublishAsync(Events.SupportWithdrawn(initiative, withdrawn.Id, at.AddSeconds(1)));
        await service.PublishAsync(Events.SupportWithdrawn(initiative, overtaken.Id, at.AddSeconds(1)));
        await service.PublishAsync(Events.Supported(initiative, overtaken.Id, at));
        await Eventually.TrueAsync(async () => await CountAsync(db => db.Followers.CountAsync(f => f.InitiativeId == initiative && f.StartedAt != null)) == 6
                && await CountAsync(db => db.Followers.CountAsync(f => f.InitiativeId == initiative && f.EndedAt != null)) == 3,
            what: "six reasons started, three ended");

        // The initiator writes it: the followers hear, the initiator does not.
        var update = Events.UpdatePosted(initiative, initiator.Id, author: initiator.Id);
        await service.PublishAsync(update);

        var english = (await service.MailsToAsync(supporter.Email)).Single();
        Assert.Equal("News about 'Bankje bij de speeltuin'", english.Subject);
        Assert.Contains("“De grond is geleverd.”", english.TextBody, StringComparison.Ordinal);
        Assert.NotNull(english.Headers[HeaderId.ListUnsubscribe]); // not transactional
        Assert.Equal("Nieuws over 'Bankje bij de speeltuin'", (await service.MailsToAsync(commenter.Email)).Single().Subject);
        Assert.Single(await service.MailsToAsync(both.Email));
        // Every notification of an event is made in one transaction: those that have none now never get one.
        foreach (var silent in new[] { initiator, withdrawn, overtaken, stranger })
        {
            Assert.DoesNotContain(await service.NotificationsOfAsync(silent), n => n.EventId == update.EventId);
        }
        Assert.Equal(NotificationKind.InitiativeUpdate, (await service.NotificationsOfAsync(supporter)).Single().Kind);

        // Staff write the next one: now the initiator hears it too.
        var byStaff = Events.UpdatePosted(initiative, initiator.Id, author: Guid.CreateVersion7(), role: "staff", excerpt: "De bank wordt dinsdag geplaatst.");
        await service.PublishAsync(byStaff);
        var toInitiator = (await service.MailsToAsync(initiator.Email)).Single();
        Assert.Contains("De gemeente heeft nieuws gedeeld over 'Bankje bij de speeltuin':", toInitiator.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_who_switched_the_mail_off_or_unsubscribed_reads_it_in_the_app_only()
    {
        var initiative = Guid.CreateVersion7();
        var (chooser, client) = await service.NewSignedInResidentAsync();
        var unsubscriber = await service.NewAccountAsync();
        await service.PublishAsync(Events.Supported(initiative, chooser.Id));
        await service.PublishAsync(Events.Commented(initiative, unsubscriber.Id));
        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == 2, what: "two followers");
        await client.PutAsJsonAsync("/api/notifications/v1/preferences/initiative-update", new { email = "off" }).OkAsync();

        var first = Events.UpdatePosted(initiative, Guid.CreateVersion7(), Guid.CreateVersion7());
        await service.PublishAsync(first);
        var mail = (await service.MailsToAsync(unsubscriber.Email)).Single();
        Assert.Contains(await service.NotificationsOfAsync(chooser), n => n.EventId == first.EventId);
        Assert.DoesNotContain(await service.MailsOfAsync(chooser), m => m.EventId == first.EventId);

        var link = new Uri(mail.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        Assert.EndsWith("/initiative-update", link.AbsolutePath, StringComparison.Ordinal);
        var posted = await service.Client().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var second = Events.UpdatePosted(initiative, Guid.CreateVersion7(), Guid.CreateVersion7(), excerpt: "Tweede bericht");
        await service.PublishAsync(second);
        await Eventually.TrueAsync(async () => (await service.NotificationsOfAsync(unsubscriber)).Any(n => n.EventId == second.EventId), what: "the second update in the app");
        Assert.Single(await service.MailsOfAsync(unsubscriber)); // the first update's
    }

    [Fact]
    public async Task A_move_reaches_the_followers_once_each_the_initiator_in_their_own_words_and_not_who_switched_it_off()
    {
        var initiative = Guid.CreateVersion7();
        var initiator = await service.NewAccountAsync();
        var supporter = await service.NewAccountAsync("en");
        var commenter = await service.NewAccountAsync();
        var (switchedOff, client) = await service.NewSignedInResidentAsync();
        var stranger = await service.NewAccountAsync();
        await service.PublishAsync(Events.Commented(initiative, initiator.Id)); // the initiator also comments: still one message
        await service.PublishAsync(Events.Supported(initiative, initiator.Id));
        await service.PublishAsync(Events.Supported(initiative, supporter.Id));
        await service.PublishAsync(Events.Commented(initiative, supporter.Id)); // two reasons: still one message
        await service.PublishAsync(Events.Commented(initiative, commenter.Id));
        await service.PublishAsync(Events.Supported(initiative, switchedOff.Id));
        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == 6, what: "six reasons to follow");
        await client.PutAsJsonAsync("/api/notifications/v1/preferences/initiative-update", new { email = "off", inApp = "off", push = "off" }).OkAsync();

        var moved = Events.Moved(initiative, initiator.Id, to: "reciprocity-talk", note: "We praten graag met u over wat u zelf doet.");
        await service.PublishAsync(moved);

        var english = (await service.MailsToAsync(supporter.Email)).Single();
        Assert.Equal("Initiative 'Bankje bij de speeltuin' is now: reciprocity talk", english.Subject);
        foreach (var part in new[] { english.TextBody, System.Net.WebUtility.HtmlDecode(english.HtmlBody) })
        {
            Assert.Contains("The initiative 'Bankje bij de speeltuin', which you follow, has a new status: reciprocity talk.", part, StringComparison.Ordinal);
            Assert.Contains("We praten graag met u over wat u zelf doet.", part, StringComparison.Ordinal);
            Assert.Contains("The municipality will give the next answer by 4 December 2026.", part, StringComparison.Ordinal);
            Assert.Contains("You follow this initiative", part, StringComparison.Ordinal);
        }
        Assert.NotNull(english.Headers[HeaderId.ListUnsubscribe]);
        Assert.EndsWith("/initiative-update>", english.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        var dutch = (await service.MailsToAsync(commenter.Email)).Single();
        Assert.Equal("Initiatief 'Bankje bij de speeltuin' is nu: gesprek over wederkerigheid", dutch.Subject);
        Assert.Contains("De gemeente geeft uiterlijk 4 december 2026 het volgende antwoord.", dutch.TextBody, StringComparison.Ordinal);

        // The initiator hears it once, in their own kind and words.
        var own = (await service.MailsToAsync(initiator.Email)).Single();
        Assert.Equal("Uw initiatief 'Bankje bij de speeltuin' is nu: gesprek over wederkerigheid", own.Subject);
        Assert.Equal([NotificationKind.InitiativeMoved], (await service.NotificationsOfAsync(initiator)).Select(n => n.Kind));
        Assert.Single(await service.MailsOfAsync(initiator));
        Assert.Equal([NotificationKind.InitiativeUpdate], (await service.NotificationsOfAsync(supporter)).Select(n => n.Kind));
        Assert.Single(await service.MailsOfAsync(supporter));
        // Made in the consumer's one transaction: who has nothing now never gets it.
        Assert.DoesNotContain(await service.NotificationsOfAsync(switchedOff), n => n.EventId == moved.EventId);
        Assert.DoesNotContain(await service.MailsOfAsync(switchedOff), m => m.EventId == moved.EventId);
        Assert.Empty(await service.NotificationsOfAsync(stranger));

        // Redelivered under another message id: nothing new for anyone.
        await service.PublishAsync(moved);
        var withdrawn = Events.Moved(initiative, initiator.Id, to: "withdrawn", note: "We zijn verhuisd.");
        await service.PublishAsync(withdrawn);

        // A withdrawal the initiator made is news to the followers only, with the initiators' note.
        var second = await service.MailsToAsync(commenter.Email, 2);
        Assert.Contains("Het initiatief 'Bankje bij de speeltuin', dat u volgt, heeft een nieuwe status: ingetrokken.", second[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("Toelichting van de initiatiefnemers: We zijn verhuisd.", second[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(2, (await service.NotificationsOfAsync(commenter)).Count);
        Assert.Single(await service.MailsOfAsync(initiator));
        Assert.DoesNotContain(await service.NotificationsOfAsync(initiator), n => n.EventId == withdrawn.EventId);
        Assert.Single(await service.NotificationsOfAsync(supporter), n => n.EventId == moved.EventId);
        Assert.DoesNotContain(await service.NotificationsOfAsync(switchedOff), n => n.EventId == withdrawn.EventId);
    }

    [Fact]
    public async Task At_start_the_service_asks_initiatives_for_the_followers_of_every_municipality()
    {
        var requests = await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<NotificationsDbContext>().Set<Buurt.Messaging.Outbox.OutboxMessage>()
            .AsNoTracking().IgnoreQueryFilters().Where(m => m.Type.StartsWith(typeof(FollowersReplayRequested).FullName + ",")).ToListAsync());
        Assert.Contains(requests, m => m.TenantId == Demo.Hilversum);
        Assert.Contains(requests, m => m.TenantId == Demo.Voorbeeldstad);
        Assert.All(requests, m => Assert.Equal("notifications", JsonSerializer.Deserialize<FollowersReplayRequested>(m.Payload, JsonSerializerOptions.Web)!.Requester));
    }

    [Fact]
    public async Task Followers_from_before_the_follow_events_come_with_the_replay_the_newest_fact_winning_and_a_second_replay_changes_nothing()
    {
        var initiative = Guid.CreateVersion7(); // submitted before the events named its initiator: unknown here
        var initiator = await service.NewAccountAsync();
        var oldSupporter = await service.NewAccountAsync();
        var oldCommenter = await service.NewAccountAsync("en");
        var withdrewSince = await service.NewAccountAsync(); // the copy heard the withdrawal, newer than the replayed support
        var supportedAgain = await service.NewAccountAsync(); // the copy heard a newer support than the replay's
        var erased = await service.NewAccountAsync();
        var then = DateTimeOffset.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.AddDays(-400).ToUnixTimeSeconds()); // whole seconds: the database keeps microseconds
        await service.PublishAsync(Events.SupportWithdrawn(initiative, withdrewSince.Id, then.AddDays(2)));
        await service.PublishAsync(Events.Supported(initiative, supportedAgain.Id, then.AddDays(3)));
        await service.PublishAsync(new Contracts.Identity.AccountErased(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, erased.Id));
        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == 2
                && await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == erased.Id && r.ErasedAt != null) is not null,
            what: "the live facts and the erasure");

        InitiativeFollowersReplayed Replay() => new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, initiator.Id, Events.Title,
            [new(oldSupporter.Id, then), new(withdrewSince.Id, then.AddDays(1)), new(supportedAgain.Id, then), new(erased.Id, then)],
            [new(oldCommenter.Id, then), new(oldSupporter.Id, then.AddDays(1))]);
        await service.PublishAsync(Replay());
        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == 5, what: "the replayed reasons in the copy");
        var first = await FollowersAsync(initiative);
        var consumed = await ReplaysConsumedAsync();
        await service.PublishAsync(Replay()); // the next start asks again
        await Eventually.TrueAsync(async () => await ReplaysConsumedAsync() == consumed + 1, what: "the second replay consumed");
        Assert.Equal(first, await FollowersAsync(initiative));
        Assert.Contains(first, f => f is { Reason: FollowReason.Supporter, Following: false } && f.AccountId == withdrewSince.Id);
        Assert.Contains(first, f => f is { Reason: FollowReason.Supporter, Following: true } && f.AccountId == supportedAgain.Id && f.StartedAt == then.AddDays(3));
        Assert.DoesNotContain(first, f => f.AccountId == erased.Id);

        // The initiative is known now: its update reaches its initiator too.
        var update = Events.UpdatePosted(initiative, initiator.Id, author: Guid.CreateVersion7(), role: "staff");
        await service.PublishAsync(update);
        foreach (var follower in new[] { initiator, oldSupporter, oldCommenter, supportedAgain })
        {
            Assert.Single(await service.MailsToAsync(follower.Email));
        }
        Assert.DoesNotContain(await service.NotificationsOfAsync(withdrewSince), n => n.EventId == update.EventId);
    }

    [Fact]
    public async Task A_support_whose_withdrawal_was_lost_ends_with_the_next_replay_but_a_support_the_snapshot_may_have_missed_and_a_comment_do_not()
    {
        var initiative = Guid.CreateVersion7();
        var initiator = await service.NewAccountAsync();
        var withdrawalLost = await service.NewAccountAsync(); // supported long ago; the withdrawal never arrived
        var justSupported = await service.NewAccountAsync(); // supported a minute before the replay's snapshot
        var commenter = await service.NewAccountAsync();
        var stillSupporting = await service.NewAccountAsync();
        var now = DateTimeOffset.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await service.PublishAsync(Events.Supported(initiative, withdrawalLost.Id, now.AddDays(-30)));
        await service.PublishAsync(Events.Supported(initiative, justSupported.Id, now.AddMinutes(-1)));
        await service.PublishAsync(Events.Supported(initiative, stillSupporting.Id, now.AddDays(-20)));
        await service.PublishAsync(Events.Commented(initiative, commenter.Id));
        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == 4, what: "the live facts");

        // Initiatives' snapshot lists only the support it has; the replay's time is when it was read.
        await service.PublishAsync(new InitiativeFollowersReplayed(Demo.Hilversum, Guid.CreateVersion7(), now, initiative, Demo.Zuid, initiator.Id,
            Events.Title, [new(stillSupporting.Id, now.AddDays(-20))], []));
        await Eventually.TrueAsync(async () => (await FollowersAsync(initiative)).Any(f => f.AccountId == withdrawalLost.Id && !f.Following),
            what: "the support whose withdrawal was lost ended");

        var followers = await FollowersAsync(initiative);
        Assert.Contains(followers, f => f.AccountId == withdrawalLost.Id && f.EndedAt == now);
        Assert.Contains(followers, f => f is { Reason: FollowReason.Supporter, Following: true } && f.AccountId == justSupported.Id);
        Assert.Contains(followers, f => f is { Reason: FollowReason.Supporter, Following: true } && f.AccountId == stillSupporting.Id);
        Assert.Contains(followers, f => f is { Reason: FollowReason.Commenter, Following: true } && f.AccountId == commenter.Id);

        var update = Events.UpdatePosted(initiative, initiator.Id, author: Guid.CreateVersion7(), role: "staff");
        await service.PublishAsync(update);
        foreach (var follower in new[] { initiator, justSupported, stillSupporting, commenter })
        {
            Assert.Single(await service.MailsToAsync(follower.Email));
        }
        Assert.DoesNotContain(await service.NotificationsOfAsync(withdrawalLost), n => n.EventId == update.EventId);
    }

    [Fact]
    public async Task A_reported_comment_and_an_answer_due_soon_reach_the_directors_of_the_wijk_only()
    {
        var area = Guid.CreateVersion7();
        var director = await service.NewAccountAsync(role: "director", wijk: area);
        var elsewhere = await service.NewAccountAsync(role: "director");
        var resident = await service.NewAccountAsync(wijk: area);
        var reported = Events.CommentReported(Guid.CreateVersion7(), area);
        var due = Events.AnswerDueSoon(Guid.CreateVersion7(), area);

        await service.PublishAsync(reported);
        await service.PublishAsync(due);

        Assert.Equal(2, (await service.MailsToAsync(director.Email, 2)).Count);
        var inbox = await service.NotificationsOfAsync(director);
        Assert.Equal([NotificationKind.CommentReported, NotificationKind.AnswerDueSoon], inbox.Select(n => n.Kind).Order());
        Assert.All(inbox, n => Assert.StartsWith("initiatieven/", n.Link, StringComparison.Ordinal));
        Assert.Empty(await service.NotificationsOfAsync(elsewhere));
        Assert.Empty(await service.NotificationsOfAsync(resident));
    }

    [Fact]
    public async Task An_erased_account_follows_nothing_any_more()
    {
        var initiative = Guid.CreateVersion7();
        var resident = await service.NewAccountAsync();
        await service.PublishAsync(Events.Supported(initiative, resident.Id));
        await service.PublishAsync(Events.Commented(initiative, resident.Id));
        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == 2, what: "two reasons to follow");

        await service.PublishAsync(new Contracts.Identity.AccountErased(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id));

        await Eventually.TrueAsync(async () => await FollowerRowsAsync(initiative) == 0, what: "the erased account's follower rows gone");
    }

    [Fact]
    public void A_reason_follows_while_its_newest_start_is_newer_than_its_newest_end()
    {
        var at = DateTimeOffset.UtcNow;
        var follower = Follower.Of(Demo.Hilversum, Guid.NewGuid(), Guid.NewGuid(), FollowReason.Supporter);
        follower.Ended(at.AddSeconds(1));
        Assert.False(follower.IsFollowing);
        follower.Started(at); // the support the withdrawal ended, late
        Assert.False(follower.IsFollowing);
        follower.Started(at.AddSeconds(2)); // supported again
        Assert.True(follower.IsFollowing);
        follower.Ended(at); // an old withdrawal, late
        Assert.True(follower.IsFollowing);
    }

    private Task<List<(Guid AccountId, FollowReason Reason, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, bool Following)>> FollowersAsync(Guid initiative) =>
        service.InScopeAsync(Demo.Hilversum, async s => (await s.GetRequiredService<NotificationsDbContext>().Followers.AsNoTracking()
                .Where(f => f.InitiativeId == initiative).OrderBy(f => f.AccountId).ThenBy(f => f.Reason).ToListAsync())
            .Select(f => (f.AccountId, f.Reason, f.StartedAt, f.EndedAt, f.IsFollowing)).ToList());

    private Task<int> ReplaysConsumedAsync() =>
        CountAsync(db => db.Set<Buurt.Messaging.Inbox.InboxMessage>().CountAsync(m => m.Consumer == "notifications-initiative-followers-replayed"));

    private Task<int> FollowerRowsAsync(Guid initiative) =>
        CountAsync(db => db.Followers.CountAsync(f => f.InitiativeId == initiative));

    private Task<int> CountAsync(Func<NotificationsDbContext, Task<int>> count) =>
        service.InScopeAsync(Demo.Hilversum, s => count(s.GetRequiredService<NotificationsDbContext>()));
}
