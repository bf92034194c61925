using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The signed-in person's inbox (newest first, paged, unread count, mark read) and their preferences
/// per kind and channel, through the API with real tokens; bad input gets a problem naming the field.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class InboxAndPreferenceTests(NotificationsService service)
{
    private const string Api = "/api/notifications/v1";

    /// <summary>A resident with their welcome and <paramref name="count"/> notifications of moves of one initiative, waited for.</summary>
    private async Task<(Account Account, HttpClient Client)> ResidentWithNotificationsAsync(int count)
    {
        var (account, client) = await service.NewSignedInResidentAsync();
        var initiative = Guid.CreateVersion7();
        foreach (var to in new[] { "internal-check", "reciprocity-talk", "in-execution", "completed" }.Take(count))
        {
            await service.PublishAsync(Events.Moved(initiative, account.Id, to: to));
        }
        await Eventually.TrueAsync(async () => (await service.NotificationsOfAsync(account)).Count == count + 1, what: $"the welcome and {count} notifications");
        return (account, client);
    }

    [Fact]
    public async Task The_inbox_lists_the_persons_own_notifications_newest_first_in_pages()
    {
        var (_, client) = await ResidentWithNotificationsAsync(3);
        var (_, other) = await ResidentWithNotificationsAsync(1);

        var first = await client.GetAsync($"{Api}/notifications?pageSize=2").OkAsync();
        var second = await client.GetAsync($"{Api}/notifications?pageSize=2&page=2").OkAsync();

        Assert.Equal(4, first.GetProperty("total").GetInt32()); // the welcome came first
        var titles = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(n => n.GetProperty("title").GetString()).Take(3).ToList();
        Assert.Equal(["in-execution", "reciprocity-talk", "internal-check"], titles.Select(t => t!.Contains("in uitvoering", StringComparison.Ordinal) ? "in-execution"
            : t.Contains("wederkerigheid", StringComparison.Ordinal) ? "reciprocity-talk" : "internal-check"));
        var item = first.GetProperty("items")[0];
        Assert.Equal("initiative-moved", item.GetProperty("kind").GetString());
        Assert.StartsWith("initiatieven/", item.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("readAt").ValueKind);
        Assert.Equal(2, (await other.GetAsync($"{Api}/notifications").OkAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Marking_one_and_then_all_read_brings_the_unread_count_down()
    {
        var (_, client) = await ResidentWithNotificationsAsync(3);
        Assert.Equal(4, (await client.GetAsync($"{Api}/notifications/unread-count").OkAsync()).GetProperty("unread").GetInt32());
        var newest = (await client.GetAsync($"{Api}/notifications").OkAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"{Api}/notifications/{newest}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"{Api}/notifications/{newest}/read", null)).StatusCode); // again: fine

        Assert.Equal(3, (await client.GetAsync($"{Api}/notifications/unread-count").OkAsync()).GetProperty("unread").GetInt32());
        Assert.Equal(3, (await client.PostAsync($"{Api}/notifications/read", null).OkAsync()).GetProperty("marked").GetInt32());
        Assert.Equal(0, (await client.GetAsync($"{Api}/notifications/unread-count").OkAsync()).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Anothers_notification_cannot_be_marked_and_the_inbox_needs_a_sign_in()
    {
        var (owner, _) = await ResidentWithNotificationsAsync(1);
        var (_, stranger) = await service.NewSignedInResidentAsync();
        var theirs = (await service.NotificationsOfAsync(owner))[0].Id;

        await stranger.PostAsync($"{Api}/notifications/{theirs}/read", null).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Null((await service.NotificationsOfAsync(owner))[0].ReadAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().GetAsync($"{Api}/notifications")).StatusCode);
    }

    public static TheoryData<string, string, object?, string> BadRequests => new()
    {
        { "GET", "/notifications?page=0", null, "page" },
        { "GET", "/notifications?pageSize=101", null, "pageSize" },
        { "GET", "/notifications?page=x", null, "page" },
        { "POST", "/notifications/not-a-guid/read", null, "id" },
        { "PUT", "/preferences/nonsense", new { email = "off" }, "kind" },
        { "PUT", "/preferences/password-reset", new { email = "off" }, "kind" }, // transactional: always on
        { "PUT", "/preferences/welcome", new { inApp = "off" }, "kind" },
        { "PUT", "/preferences/deal-proposed", new { email = "sometimes" }, "email" },
        { "PUT", "/preferences/deal-proposed", new { inApp = "digest" }, "inApp" }, // phase 2
        { "PUT", "/preferences/deal-proposed", new { }, "email" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_400_naming_the_field_and_changes_nothing(string method, string path, object? body, string field)
    {
        var (account, client) = await ResidentWithNotificationsAsync(1);
        var before = await client.GetAsync($"{Api}/preferences").OkAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), Api + path) { Content = body is null ? null : JsonContent.Create(body) };
        await client.SendAsync(request).ProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before.ToString(), (await client.GetAsync($"{Api}/preferences").OkAsync()).ToString());
        Assert.All(await service.NotificationsOfAsync(account), n => Assert.Null(n.ReadAt));
    }

    [Fact]
    public async Task Every_kind_is_listed_with_its_channels_and_transactional_ones_are_fixed()
    {
        var (_, client) = await service.NewSignedInResidentAsync();

        var items = (await client.GetAsync($"{Api}/preferences").OkAsync()).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("kind").GetString()!);

        Assert.Equal(["initiative-moved", "deal-proposed", "funding-decided", "new-initiative", "answer-overdue", "deal-accepted", "funding-rejected",
            "commitment-due", "initiative-update", "comment-reported", "answer-due-soon", "registration-confirmed", "registration-waitlisted", "registration-promoted", "registration-cancelled", "booking-confirmed",
            "booking-cancelled", "office-hour-booked", "activity-reminder", "booking-reminder", "welcome", "password-reset", "staff-invitation",
            "occurrence-cancelled", "activity-cancelled"], items.Keys);
        Assert.Equal("""{"email":"immediately","in-app":"immediately","push":"immediately"}""", items["deal-proposed"].GetProperty("channels").GetRawText());
        Assert.Equal("""{"email":"immediately"}""", items["password-reset"].GetProperty("channels").GetRawText());
        Assert.True(items["password-reset"].GetProperty("transactional").GetBoolean());
        Assert.False(items["initiative-moved"].GetProperty("transactional").GetBoolean());
        Assert.True(items["booking-confirmed"].GetProperty("transactional").GetBoolean());
        Assert.False(items["activity-reminder"].GetProperty("transactional").GetBoolean()); // a courtesy, unlike the confirmation
        Assert.Equal("""{"email":"immediately","in-app":"immediately","push":"immediately"}""", items["booking-reminder"].GetProperty("channels").GetRawText());
        Assert.False(items["initiative-update"].GetProperty("transactional").GetBoolean()); // news: preferences and unsubscribe apply
        Assert.Equal("""{"email":"immediately","in-app":"immediately","push":"immediately"}""", items["initiative-update"].GetProperty("channels").GetRawText());
    }

    [Fact]
    public async Task Mail_switched_off_for_a_kind_still_reaches_the_inbox_and_the_other_kinds_still_mail()
    {
        var (account, client) = await service.NewSignedInResidentAsync();
        var initiative = Guid.CreateVersion7();

        var chosen = await client.PutAsJsonAsync($"{Api}/preferences/initiative-moved", new { email = "off" }).OkAsync();
        Assert.Contains(chosen.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "initiative-moved"
            && i.GetProperty("channels").GetProperty("email").GetString() == "off" && i.GetProperty("channels").GetProperty("in-app").GetString() == "immediately");
        await service.PublishAsync(Events.Moved(initiative, account.Id));
        await service.PublishAsync(Events.Proposed(initiative, account.Id));

        await service.Mail.WaitForAsync(m => m.To.Mailboxes.Single().Address == account.Email && m.Subject!.Contains("akkoord", StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => (await service.NotificationsOfAsync(account)).Count == 3, what: "the welcome and both in the inbox");
        Assert.DoesNotContain(await service.Mail.MessagesToAsync(account.Email), m => m.Subject!.Contains("is nu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_inbox_switched_off_for_a_kind_keeps_the_mail()
    {
        var (account, client) = await service.NewSignedInResidentAsync();
        await client.PutAsJsonAsync($"{Api}/preferences/deal-proposed", new { inApp = "off" }).OkAsync();

        await service.PublishAsync(Events.Proposed(Guid.CreateVersion7(), account.Id));

        await service.MailsToAsync(account.Email);
        Assert.DoesNotContain(await service.NotificationsOfAsync(account), n => n.Kind == Domain.NotificationKind.DealProposed);
    }
}
