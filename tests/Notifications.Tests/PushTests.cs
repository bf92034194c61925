using System.Net;
using System.Net.Http.Json;
using Buurt.Notifications.Domain;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Notifications.Tests;

/// <summary>
/// Web Push: a browser subscribes through the API, a notification reaches its push service encrypted
/// for that browser and signed with VAPID (the fake service decrypts it as a browser would), a
/// subscription the push service calls gone (410) is removed, bad subscriptions are 400s naming the
/// field, and quiet hours hold a push until they end.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class PushTests(NotificationsService service)
{
    [Fact]
    public async Task A_subscribed_browser_gets_the_notification_encrypted_for_it_and_a_gone_subscription_is_removed()
    {
        await using var pushService = await FakePushService.StartAsync();
        var (resident, client) = await service.NewSignedInResidentAsync();
        Assert.Equal(FakePushService.Vapid.PublicKey,
            (await client.GetAsync("/api/notifications/v1/push/public-key").OkAsync()).GetProperty("publicKey").GetString());
        var phone = pushService.NewSubscription();
        var oldTablet = pushService.NewSubscription(gone: true);
        var created = await client.PostAsJsonAsync("/api/notifications/v1/push/subscriptions", Subscription(phone));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        (await client.PostAsJsonAsync("/api/notifications/v1/push/subscriptions", Subscription(oldTablet))).EnsureSuccessStatusCode();

        await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), resident.Id));

        await Eventually.ValueAsync(async () => (Pushes: await PushesAsync(resident), Refused: string.Join("; ", pushService.Refused)),
            state => !pushService.Received.IsEmpty, what: "the push at the fake push service");
        var (id, message) = Assert.Single(pushService.Received);
        Assert.EndsWith(id, phone.Endpoint, StringComparison.Ordinal);
        Assert.Equal("Uw initiatief 'Bankje bij de speeltuin' is nu: interne check", message.GetProperty("title").GetString());
        Assert.Equal("Uw initiatief 'Bankje bij de speeltuin' heeft een nieuwe status: interne check.", message.GetProperty("body").GetString());
        Assert.StartsWith("http://hilversum.localhost:8080/initiatieven/", message.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Empty(pushService.Refused);

        var left = await Eventually.ValueAsync(async () => (await client.GetAsync("/api/notifications/v1/push/subscriptions").OkAsync()).GetProperty("items"),
            items => items.GetArrayLength() == 1, what: "the gone subscription removed");
        Assert.Equal(phone.Endpoint, left[0].GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task A_push_switched_off_is_not_sent_and_a_device_can_be_unsubscribed()
    {
        await using var pushService = await FakePushService.StartAsync();
        var (resident, client) = await service.NewSignedInResidentAsync();
        var phone = pushService.NewSubscription();
        var created = await client.PostAsJsonAsync("/api/notifications/v1/push/subscriptions", Subscription(phone)).OkAsync();
        (await client.PutAsJsonAsync("/api/notifications/v1/preferences/initiative-moved", new { push = "off" })).EnsureSuccessStatusCode();

        await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), resident.Id));
        await service.MailsToAsync(resident.Email); // the mail went, so the push would have been queued with it
        await Task.Delay(1000);
        Assert.Empty(pushService.Received);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/notifications/v1/push/subscriptions/{created.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(0, (await client.GetAsync("/api/notifications/v1/push/subscriptions").OkAsync()).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/notifications/v1/push/subscriptions/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("ftp://push.example/x", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", null, "endpoint")]
    [InlineData("https://169.254.169.254/latest/meta-data", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", null, "endpoint")]
    [InlineData("https://fcm.googleapis.com.evil.example/x", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", null, "endpoint")]
    [InlineData("https://push.example/x", "c2hvcnQ", "AAAAAAAAAAAAAAAAAAAAAA", null, "keys.p256dh")]
    [InlineData("https://push.example/x", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "!!", null, "keys.auth")]
    [InlineData("https://push.example/x", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", "25:00", "quietFrom")]
    public async Task A_malformed_subscription_is_a_400_naming_the_field(string endpoint, string p256dh, string auth, string? quietFrom, string field)
    {
        var (_, client) = await service.NewSignedInResidentAsync();

        var response = await client.PostAsJsonAsync("/api/notifications/v1/push/subscriptions",
            new { endpoint, keys = new { p256dh, auth }, quietFrom, quietUntil = quietFrom is null ? null : "07:00" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", true)]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc", true)]
    [InlineData("https://web.push.apple.com/abc", true)]
    [InlineData("https://wns2-db5p.notify.windows.com/w/?token=abc", true)]
    [InlineData("https://push.apple.com.example/abc", false)]
    [InlineData("https://127.0.0.1:5000/abc", false)]
    [InlineData("https://notifications.internal/abc", false)]
    public void By_default_only_the_browsers_push_services_are_accepted(string endpoint, bool accepted)
    {
        var subscribe = () => PushSubscription.Of(Demo.Hilversum, Guid.NewGuid(), endpoint,
            "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", DateTimeOffset.UtcNow,
            new Buurt.Notifications.UseCases.PushOptions().PushServiceHosts);

        if (accepted)
        {
            Assert.Equal(endpoint, subscribe().Endpoint);
        }
        else
        {
            Assert.Equal("endpoint", Assert.Throws<Buurt.ServiceDefaults.Domain.RuleException>(subscribe).Field);
        }
    }

    [Theory]
    [InlineData("2026-12-07T23:30:00+01:00", "2026-12-08T07:00:00+01:00")] // in the quiet night: held until 07:00
    [InlineData("2026-12-08T06:59:00+01:00", "2026-12-08T07:00:00+01:00")]
    [InlineData("2026-12-08T12:00:00+01:00", "2026-12-08T12:00:00+01:00")] // daytime: at once
    [InlineData("2026-03-29T01:30:00+01:00", "2026-03-29T07:00:00+02:00")] // the night the clocks go forward: 07:00 summer time
    public void Quiet_hours_hold_a_push_until_they_end_in_the_municipalitys_time(string now, string due)
    {
        var device = PushSubscription.Of(Demo.Hilversum, Guid.NewGuid(), "https://push.example/x",
            "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", DateTimeOffset.UtcNow,
            ["push.example"], "22:00", "07:00");

        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            device.DueAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), "Europe/Amsterdam"));
    }

    /// <summary>The account's queued pushes in words, for a failure message.</summary>
    private Task<string> PushesAsync(Account account) => service.InScopeAsync(account.Tenant, async s =>
        string.Join("; ", (await s.GetRequiredService<Data.NotificationsDbContext>().Pushes.Where(p => p.AccountId == account.Id).ToListAsync())
            .Select(p => $"sent {p.SentAt}, tries {p.Attempts}, {p.LastError}")));

    private static object Subscription((string Endpoint, string P256dh, string Auth) s) => new { endpoint = s.Endpoint, keys = new { p256dh = s.P256dh, auth = s.Auth } };
}
