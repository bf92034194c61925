using System.Net;
using System.Net.Http.Json;
using Buurt.Notifications.Data;
using Buurt.Notifications.UseCases;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The daily digest: kinds a person moved to it by e-mail wait (the app still shows them at once)
/// and arrive as one mail from 08:00 in the municipality's zone, once a day; its own unsubscribe
/// link ends the digest. The job's clock is the test's: it calls the use case with the time.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class DigestTests(NotificationsService service)
{
    private const string Api = "/api/notifications/v1";
    private static readonly TimeZoneInfo s_amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static int s_days = 10;

    /// <summary>A local time, days ahead, in Amsterdam: each test's digest day is its own.</summary>
    private static DateTimeOffset LocalAt(int daysAhead, int hour, int minute)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, s_amsterdam).DateTime).AddDays(daysAhead);
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, s_amsterdam.GetUtcOffset(local));
    }

    private Task<int> SendDigestsAsync(DateTimeOffset now) =>
        service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<Digests>().SendDueAsync(now, CancellationToken.None));

    [Fact]
    public async Task Kinds_moved_to_the_digest_arrive_once_as_one_mail_from_eight_oclock_and_at_once_in_the_app()
    {
        var (account, client) = await service.NewSignedInResidentAsync();
        await client.PutAsJsonAsync($"{Api}/preferences/initiative-moved", new { email = "digest" }).OkAsync();
        await client.PutAsJsonAsync($"{Api}/preferences/deal-proposed", new { email = "digest" }).OkAsync();
        var initiative = Guid.CreateVersion7();

        await service.PublishAsync(Events.Moved(initiative, account.Id));
        await service.PublishAsync(Events.Proposed(initiative, account.Id));
        await Eventually.TrueAsync(async () => (await service.NotificationsOfAsync(account)).Count == 3, what: "the welcome and both in the app");
        Assert.Equal(2, await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<NotificationsDbContext>().DigestItems.CountAsync(i => i.AccountId == account.Id)));

        var day = Interlocked.Increment(ref s_days);
        Assert.Equal(0, await SendDigestsAsync(LocalAt(day, 7, 59))); // not before eight
        Assert.True(await SendDigestsAsync(LocalAt(day, 8, 1)) >= 1);
        Assert.Equal(0, await SendDigestsAsync(LocalAt(day, 9, 0))); // once a day

        var digest = (await service.Mail.WaitForAsync(m => m.To.Mailboxes.Single().Address == account.Email && m.Subject!.StartsWith("Uw overzicht", StringComparison.Ordinal))).Single();
        Assert.Equal("Uw overzicht van Buurt: 2 berichten", digest.Subject);
        Assert.Contains("- Uw initiatief 'Bankje bij de speeltuin' is nu: interne check: http://hilversum.localhost:8080/initiatieven/", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Buurtdeal voor 'Bankje bij de speeltuin': uw akkoord gevraagd", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"http://hilversum.localhost:8080/initiatieven/", digest.HtmlBody, StringComparison.Ordinal);
        Assert.EndsWith("/digest>", digest.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        // Only the welcome and the digest: no mail of their own for the two.
        await Task.Delay(500);
        Assert.Equal(2, (await service.Mail.MessagesToAsync(account.Email)).Count);
    }

    [Fact]
    public async Task The_digest_speaks_the_readers_language_and_its_link_ends_it()
    {
        var (account, client) = await service.NewSignedInResidentAsync("en");
        await client.PutAsJsonAsync($"{Api}/preferences/deal-proposed", new { email = "digest" }).OkAsync();
        await service.PublishAsync(Events.Proposed(Guid.CreateVersion7(), account.Id));
        await Eventually.TrueAsync(async () => await service.InScopeAsync(Demo.Hilversum, s =>
            s.GetRequiredService<NotificationsDbContext>().DigestItems.AnyAsync(i => i.AccountId == account.Id)), what: "the item for the digest");

        await SendDigestsAsync(LocalAt(Interlocked.Increment(ref s_days), 8, 30));

        var digest = (await service.Mail.WaitForAsync(m => m.To.Mailboxes.Single().Address == account.Email && m.Subject!.StartsWith("Your Buurt digest", StringComparison.Ordinal))).Single();
        Assert.Equal("Your Buurt digest: 1 messages", digest.Subject);
        var link = new Uri(digest.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        Assert.Equal(HttpStatusCode.OK, (await service.Client().PostAsync(link.PathAndQuery, null)).StatusCode);
        var preferences = await client.GetAsync($"{Api}/preferences").OkAsync();
        Assert.Equal("off", preferences.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "deal-proposed")
            .GetProperty("channels").GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("deal-proposed", "inApp", "inApp")] // the app lists everything as it comes
    [InlineData("password-reset", "email", "kind")] // transactional: always at once
    public async Task The_digest_is_for_mail_that_may_wait(string kind, string channel, string field)
    {
        var (_, client) = await service.NewSignedInResidentAsync();

        await client.PutAsJsonAsync($"{Api}/preferences/{kind}", new Dictionary<string, string> { [channel] = "digest" }).ProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
