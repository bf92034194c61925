using System.Net;
using System.Net.Http.Json;
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

    private Task<int> FollowerRowsAsync(Guid initiative) =>
        CountAsync(db => db.Followers.CountAsync(f => f.InitiativeId == initiative));

    private Task<int> CountAsync(Func<NotificationsDbContext, Task<int>> count) =>
        service.InScopeAsync(Demo.Hilversum, s => count(s.GetRequiredService<NotificationsDbContext>()));
}
