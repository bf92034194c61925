using System.Net;
using System.Net.Http.Json;
using Buurt.Contracts.Identity;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The notifications service with Hilversum's text messages going through a Dapr SMS binding
/// ("Notifications:SmsBindings:hilversum") to a played sidecar; Voorbeeldstad has none. Mail goes over SMTP.
/// </summary>
public sealed class SmsNotificationsService : SidecarNotificationsService
{
    public const string Binding = "buurt-sms";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Notifications:SmsBindings:hilversum"] = Binding;
        settings["Notifications:MaxAttempts"] = "2";
    }

    /// <summary>A Dutch mobile number no other test uses, in E.164.</summary>
    public static string NewNumber() => "+316" + Random.Shared.Next(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The binding calls that reached the played sidecar for a number.</summary>
    public List<(string Name, string Operation, IReadOnlyDictionary<string, string> Metadata, string Data)> TextsTo(string number) =>
        [.. Sidecar.Received.Where(c => c.Metadata.GetValueOrDefault("toNumber") == number)];
}

/// <summary>
/// Text messages: through the municipality's SMS binding (DaprClient's real call, read by the played
/// sidecar with Dapr's protobuf types) with operation <c>create</c>, the number as <c>toNumber</c> and a
/// short text; once per event and person; only for the kinds that suit a text, only to people with a
/// number, only where the municipality has a binding; preferences; refusals dead-lettered and replayed;
/// an erased or changed account's number forgotten.
/// </summary>
public sealed class SmsTests(SmsNotificationsService service) : IClassFixture<SmsNotificationsService>
{
    private const string Api = "/api/notifications/v1";

    [Fact]
    public async Task A_booking_confirmation_is_texted_once_through_the_binding_with_create_the_number_and_a_short_text()
    {
        var number = SmsNotificationsService.NewNumber();
        var resident = await service.NewAccountAsync(phoneNumber: number);
        var englishNumber = SmsNotificationsService.NewNumber();
        var visitor = await service.NewAccountAsync("en", phoneNumber: englishNumber);
        var booked = Events.Booked(resident.Id);

        await service.PublishAsync(booked);
        await service.PublishAsync(booked); // a second copy of the event (another message id)
        await service.PublishAsync(Events.Booked(visitor.Id));

        var call = await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(number)), until: c => c.Count > 0, what: "the binding called for the resident");
        var (name, operation, metadata, data) = Assert.Single(call);
        Assert.Equal((SmsNotificationsService.Binding, "create"), (name, operation));
        Assert.Equal(new[] { "toNumber" }, metadata.Keys);
        Assert.Equal("Gemeente Hilversum: uw afspraak met wijkwethouder Anna de Vries op ma 7 dec 19:00 staat vast. Annuleren kan met de link in uw e-mail.", data);
        var english = await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(englishNumber)), until: c => c.Count > 0, what: "the English text");
        Assert.Equal("Gemeente Hilversum: your appointment with wijkwethouder Anna de Vries on Mon 7 Dec 19:00 is confirmed. To cancel, use the link in your e-mail.",
            Assert.Single(english).Data);

        // The mail goes as well (over SMTP); each channel's row once, both sent.
        await service.MailsToAsync(resident.Email);
        var rows = await Eventually.ValueAsync(() => service.MailsOfAsync(resident), until: r => r.Count == 2 && r.All(m => m.SentAt is not null), what: "mail and text sent");
        Assert.Equal([Channel.Email, Channel.Sms], rows.Select(r => r.Channel).Order());
        Assert.Equal(number, rows.Single(r => r.Channel == Channel.Sms).To);
        await Task.Delay(500);
        Assert.Single(service.TextsTo(number));
    }

    [Fact]
    public async Task Only_the_kinds_that_suit_a_text_go_by_sms_only_to_residents_with_a_number_and_only_where_the_municipality_has_a_binding()
    {
        var number = SmsNotificationsService.NewNumber();
        var resident = await service.NewAccountAsync(phoneNumber: number);
        var withoutNumber = await service.NewAccountAsync();
        var elsewhereNumber = SmsNotificationsService.NewNumber();
        var elsewhere = await service.NewAccountAsync(tenant: Demo.Voorbeeldstad, phoneNumber: elsewhereNumber);

        await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), resident.Id)); // an initiative's move: a mail's work
        await service.PublishAsync(Events.OccurrenceCancelled((resident.Id, "registered"), (withoutNumber.Id, "waitlisted")));
        await service.PublishAsync(Events.Booked(elsewhere.Id) with { TenantId = Demo.Voorbeeldstad });

        var text = await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(number)), until: c => c.Count > 0, what: "the cancellation texted");
        Assert.Equal("Gemeente Hilversum: Samen eten op ma 7 dec 19:00 gaat niet door. Meer in uw e-mail.", Assert.Single(text).Data);
        await service.MailsToAsync(resident.Email, 2);
        await service.MailsToAsync(withoutNumber.Email);
        await service.MailsToAsync(elsewhere.Email);
        Assert.Equal([NotificationKind.OccurrenceCancelled], (await service.MailsOfAsync(resident)).Where(m => m.Channel == Channel.Sms).Select(m => m.Kind));
        Assert.DoesNotContain(await service.MailsOfAsync(withoutNumber), m => m.Channel == Channel.Sms);
        Assert.DoesNotContain(await service.MailsOfAsync(elsewhere), m => m.Channel == Channel.Sms);
        Assert.Empty(service.TextsTo(elsewhereNumber));
    }

    [Fact]
    public async Task The_sms_channel_is_offered_once_the_resident_gave_identity_a_number_and_a_reminder_can_be_switched_off_there()
    {
        var (account, client) = await service.NewSignedInResidentAsync();
        var identity = service.Identity!.Client(Demo.Hilversum);
        identity.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;

        var before = await client.GetAsync($"{Api}/preferences").OkAsync();
        Assert.DoesNotContain(before.GetProperty("items").EnumerateArray(), k => k.GetProperty("channels").TryGetProperty("sms", out _));
        // No channel yet, but the municipality does send texts: the page can ask for the number.
        Assert.True(before.GetProperty("smsOffered").GetBoolean());
        await client.PutAsJsonAsync($"{Api}/preferences/booking-reminder", new { sms = "off" }).ProblemAsync(HttpStatusCode.BadRequest, "sms");

        await identity.PatchAsJsonAsync("/api/identity/v1/me", new { phoneNumber = "06-12 34 56 78" }).OkAsync();
        await Eventually.TrueAsync(async () => (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == account.Id))?.PhoneNumber == "+31612345678",
            what: "the number in the copy");

        var after = (await client.GetAsync($"{Api}/preferences").OkAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("channels"));
        Assert.Equal("immediately", after["booking-reminder"].GetProperty("sms").GetString());
        Assert.Equal("immediately", after["booking-confirmed"].GetProperty("sms").GetString());
        Assert.False(after["initiative-moved"].TryGetProperty("sms", out _));
        Assert.False(after["welcome"].TryGetProperty("sms", out _));
        await client.PutAsJsonAsync($"{Api}/preferences/booking-confirmed", new { sms = "off" }).ProblemAsync(HttpStatusCode.BadRequest, "kind");
        await client.PutAsJsonAsync($"{Api}/preferences/initiative-moved", new { sms = "off" }).ProblemAsync(HttpStatusCode.BadRequest, "sms");
        await client.PutAsJsonAsync($"{Api}/preferences/booking-reminder", new { sms = "digest" }).ProblemAsync(HttpStatusCode.BadRequest, "sms");

        var changed = await client.PutAsJsonAsync($"{Api}/preferences/booking-reminder", new { sms = "off" }).OkAsync();
        Assert.True(changed.GetProperty("smsOffered").GetBoolean());
        Assert.Equal("off", changed.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "booking-reminder")
            .GetProperty("channels").GetProperty("sms").GetString());
        await service.PublishAsync(Events.BookingReminder(account.Id));
        await service.PublishAsync(Events.RegistrationReminder(account.Id));

        // The booking reminder by mail only; the activity's reminder (left on) by text as well.
        await service.MailsToAsync(account.Email, 3); // the welcome and both reminders
        var texts = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(account)).Where(m => m.Channel == Channel.Sms).ToList(),
            until: t => t.Count > 0 && t.All(m => m.SentAt is not null), what: "the activity reminder texted");
        Assert.Equal([NotificationKind.ActivityReminder], texts.Select(t => t.Kind));
        Assert.Equal("Gemeente Hilversum: herinnering: Samen eten op ma 7 dec 19:00. Tot dan!", Assert.Single(service.TextsTo("+31612345678")).Data);
    }

    [Fact]
    public async Task A_municipality_without_an_sms_binding_says_it_offers_no_texts_and_refuses_the_channel()
    {
        var elsewhere = await service.AsAsync(Demo.VoorbeeldstadResident, Demo.Voorbeeldstad);

        var preferences = await elsewhere.GetAsync($"{Api}/preferences").OkAsync();
        Assert.False(preferences.GetProperty("smsOffered").GetBoolean());
        Assert.DoesNotContain(preferences.GetProperty("items").EnumerateArray(), k => k.GetProperty("channels").TryGetProperty("sms", out _));
        await elsewhere.PutAsJsonAsync($"{Api}/preferences/booking-reminder", new { sms = "off" }).ProblemAsync(HttpStatusCode.BadRequest, "sms");
        var chosen = await elsewhere.PutAsJsonAsync($"{Api}/preferences/booking-reminder", new { email = "immediately" }).OkAsync();
        Assert.False(chosen.GetProperty("smsOffered").GetBoolean());
    }

    [Fact]
    public async Task A_queued_text_goes_to_the_number_the_resident_has_when_it_is_sent_and_not_at_all_once_they_removed_it()
    {
        var (oldNumber, newNumber, removedNumber) = (SmsNotificationsService.NewNumber(), SmsNotificationsService.NewNumber(), SmsNotificationsService.NewNumber());
        var changing = await service.NewAccountAsync(phoneNumber: oldNumber);
        var removing = await service.NewAccountAsync(phoneNumber: removedNumber);
        var admin = await service.AsAsync(Demo.Admin);
        await service.Sidecar.StopAsync();
        try
        {
            await service.PublishAsync(Events.Booked(changing.Id));
            await service.PublishAsync(Events.Booked(removing.Id));
            var waiting = await Eventually.ValueAsync(() => TextsOfAsync([changing, removing]), until: t => t.Count == 2 && t.Any(m => m.LastError is not null),
                what: "both texts queued and tried while the sidecar is down");
            // The two events may be taken in either order (the consumer runs them side by side).
            Assert.Equal(oldNumber, waiting.Single(t => t.AccountId == changing.Id).To);
            Assert.Equal(removedNumber, waiting.Single(t => t.AccountId == removing.Id).To);

            // Meanwhile one resident gives identity another number, the other removes theirs.
            await service.PublishAsync(new AccountChanged(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, changing.Id, changing.Email, changing.Name, "nl",
                ["resident"], [Demo.Zuid]) { PhoneNumber = newNumber });
            await service.PublishAsync(new AccountChanged(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, removing.Id, removing.Email, removing.Name, "nl",
                ["resident"], [Demo.Zuid]));
            await Eventually.TrueAsync(async () => (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == changing.Id))!.PhoneNumber == newNumber
                && (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == removing.Id))!.PhoneNumber is null, what: "the copy with the new and no number");
        }
        finally
        {
            await service.Sidecar.StartAgainAsync();
        }

        var sent = await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(newNumber)), until: c => c.Count > 0, what: "the text at the new number");
        Assert.StartsWith("Gemeente Hilversum: uw afspraak met wijkwethouder", Assert.Single(sent).Data, StringComparison.Ordinal);
        var notSent = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(removing)).Single(m => m.Channel == Channel.Sms),
            until: m => m.DeadLetteredAt is not null, what: "the text without a number given up");
        Assert.Equal((null, "", 0, OutgoingMail.NoNumber), (notSent.SentAt, notSent.To, notSent.Attempts, notSent.LastError));
        // Marked sent in the commit after the binding's answer, a moment after the sidecar has it.
        var row = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(changing)).Single(m => m.Channel == Channel.Sms),
            until: m => m.SentAt is not null, what: "the text marked sent");
        Assert.Equal(newNumber, row.To);

        // The reason is there for the municipality to see; the old numbers got nothing, the new one the text once.
        var listed = await admin.GetAsync($"{Api}/mails/dead-letters?pageSize=100").OkAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("lastError").GetString() == OutgoingMail.NoNumber);
        await service.MailsToAsync(removing.Email);
        await Task.Delay(500);
        Assert.Empty(service.TextsTo(oldNumber));
        Assert.Empty(service.TextsTo(removedNumber));
        Assert.Single(service.TextsTo(newNumber));
        Assert.Null((await service.MailsOfAsync(removing)).Single(m => m.Channel == Channel.Sms).SentAt);
    }

    [Fact]
    public async Task A_text_the_binding_keeps_refusing_is_dead_lettered_with_its_tries_listed_and_goes_once_when_replayed()
    {
        var number = SmsNotificationsService.NewNumber();
        var resident = await service.NewAccountAsync(phoneNumber: number);
        var admin = await service.AsAsync(Demo.Admin);
        service.Sidecar.Refuses = m => m.GetValueOrDefault("toNumber") == number;
        try
        {
            await service.PublishAsync(Events.BookingCancelled(resident.Id, byResident: false));
            var dead = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(resident)).SingleOrDefault(m => m.Channel == Channel.Sms),
                until: m => m?.DeadLetteredAt is not null, what: "the text dead-lettered");
            Assert.Equal(2, dead!.Attempts);
            await service.MailsToAsync(resident.Email); // the mail was not held up

            var listed = await admin.GetAsync($"{Api}/mails/dead-letters").OkAsync();
            var item = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("to").GetString() == number);
            Assert.Contains("not a valid phone number", item.GetProperty("lastError").GetString()!, StringComparison.Ordinal);
        }
        finally
        {
            service.Sidecar.Refuses = _ => false;
        }

        Assert.True((await admin.PostAsync($"{Api}/mails/dead-letters/replay", null).OkAsync()).GetProperty("replayed").GetInt32() >= 1);
        var text = await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(number)), until: c => c.Count > 0, what: "the replayed text");
        Assert.Equal("Gemeente Hilversum: uw afspraak met wijkwethouder Anna de Vries op ma 7 dec 19:00 is geannuleerd. De reden staat in uw e-mail.", Assert.Single(text).Data);
        await Eventually.TrueAsync(async () => (await service.MailsOfAsync(resident)).Single(m => m.Channel == Channel.Sms).SentAt is not null, what: "the text marked sent");
    }

    [Fact]
    public async Task With_the_sidecar_down_a_text_waits_spending_no_try_and_goes_once_when_it_is_back()
    {
        var number = SmsNotificationsService.NewNumber();
        var resident = await service.NewAccountAsync("en", phoneNumber: number);
        await service.Sidecar.StopAsync();
        try
        {
            await service.PublishAsync(Events.ActivityCancelled((resident.Id, "registered", 1)));
            var waiting = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(resident)).SingleOrDefault(m => m.Channel == Channel.Sms),
                until: m => m is { LastError: not null }, what: "the text tried while the sidecar is down");
            Assert.Null(waiting!.SentAt);
            Assert.Equal(0, waiting.Attempts);
            Assert.Contains("Dapr binding buurt-sms", waiting.LastError, StringComparison.Ordinal);
        }
        finally
        {
            await service.Sidecar.StartAgainAsync();
        }

        var text = await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(number)), until: c => c.Count > 0, what: "the text once the sidecar is back");
        Assert.Equal("Gemeente Hilversum: Samen eten will not take place any more, nor on Mon 14 Dec 19:00. More in your e-mail.", Assert.Single(text).Data);
        await service.MailsToAsync(resident.Email);
    }

    [Fact]
    public async Task With_the_sms_sidecar_down_mails_still_arrive_and_the_texts_go_once_each_in_their_order_when_it_is_back()
    {
        var numbers = Enumerable.Range(0, 3).Select(_ => SmsNotificationsService.NewNumber()).ToList();
        var texted = new List<Account>();
        foreach (var number in numbers)
        {
            texted.Add(await service.NewAccountAsync(phoneNumber: number));
        }
        var others = new[] { await service.NewAccountAsync(), await service.NewAccountAsync("en") };
        await service.Sidecar.StopAsync();
        try
        {
            foreach (var resident in texted)
            {
                await service.PublishAsync(Events.Booked(resident.Id)); // a mail and a text each
            }
            foreach (var other in others)
            {
                await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), other.Id)); // queued behind the waiting texts
            }

            // Every mail arrives while the texts wait in their own lane, spending no try.
            foreach (var resident in texted.Concat(others))
            {
                await service.MailsToAsync(resident.Email);
            }
            var waiting = await Eventually.ValueAsync(() => TextsOfAsync(texted), until: t => t.Count == 3 && t.Any(m => m.LastError is not null),
                what: "the texts tried while the sidecar is down");
            Assert.All(waiting, t => Assert.True(t is { SentAt: null, Attempts: 0 }, $"{t.To}: sent {t.SentAt}, {t.Attempts} tries"));
            Assert.Contains("Dapr binding buurt-sms", waiting.OrderBy(t => t.Sequence).First().LastError, StringComparison.Ordinal);
            Assert.Empty(numbers.SelectMany(service.TextsTo));

            // The gauges tell the lanes apart: no mail waits (the 30-minute mail alert stays quiet), the texts do.
            await Eventually.TrueAsync(async () =>
            {
                var metrics = await service.Client(null).GetStringAsync("/metrics");
                return Gauges.GaugeValues(metrics, "buurt_notifications_mails_waiting").SequenceEqual([0])
                    && Gauges.Gauge(metrics, "buurt_notifications_texts_waiting") >= 3
                    && Gauges.Gauge(metrics, "buurt_notifications_oldest_waiting_text_age_seconds") > 0;
            }, what: "mails_waiting 0, texts_waiting at least 3 and the oldest text's age");
        }
        finally
        {
            await service.Sidecar.StartAgainAsync();
        }

        var sent = await Eventually.ValueAsync(() => TextsOfAsync(texted), until: t => t.All(m => m.SentAt is not null), what: "the texts sent once the sidecar is back");
        await Task.Delay(500); // a text sent twice would show by now
        var received = service.Sidecar.Received.Select(c => c.Metadata.GetValueOrDefault("toNumber")).OfType<string>().Where(numbers.Contains).ToList();
        Assert.Equal(sent.OrderBy(t => t.Sequence).Select(t => t.To), received); // once each, in the lane's order
    }

    [Fact]
    public async Task With_the_SMTP_server_down_a_text_still_goes_out_and_the_mail_follows_once_when_it_is_back()
    {
        var number = SmsNotificationsService.NewNumber();
        var resident = await service.NewAccountAsync(phoneNumber: number);
        await service.Mail.StopAsync();
        try
        {
            await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), resident.Id)); // a mail first in line
            await service.PublishAsync(Events.Booked(resident.Id));

            var text = await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(number)), until: c => c.Count > 0, what: "the text while SMTP is down");
            Assert.StartsWith("Gemeente Hilversum: uw afspraak met wijkwethouder", Assert.Single(text).Data, StringComparison.Ordinal);
            var mails = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(resident)).Where(m => m.Channel == Channel.Email).ToList(),
                until: m => m.Count == 2, what: "the two mails queued while SMTP is down");
            // The lane's first in line is tried (another test's mail may be ahead of ours); the others wait, spending no tries.
            var first = await Eventually.ValueAsync(FirstWaitingMailAsync, until: m => m?.LastError is not null, what: "the e-mail lane's first mail tried");
            Assert.Contains("SMTP 127.0.0.1", first!.LastError, StringComparison.Ordinal);
            mails = [.. (await service.MailsOfAsync(resident)).Where(m => m.Channel == Channel.Email)];
            Assert.All(mails, m => Assert.True(m is { SentAt: null, Attempts: 0 }, $"{m.Kind}: sent {m.SentAt}, {m.Attempts} tries"));
        }
        finally
        {
            await service.Mail.StartAgainAsync();
        }

        await service.MailsToAsync(resident.Email, 2, TimeSpan.FromSeconds(90)); // a restarted smtp4dev on a busy machine
        await Task.Delay(500);
        Assert.Equal(2, (await service.Mail.MessagesToAsync(resident.Email)).Count);
        Assert.Single(service.TextsTo(number));
    }

    /// <summary>The first mail waiting in the e-mail lane, of any test (the one the sender tries).</summary>
    private Task<OutgoingMail?> FirstWaitingMailAsync() => service.InScopeAsync(Demo.Hilversum, s =>
        s.GetRequiredService<NotificationsDbContext>().Mails.AsNoTracking()
            .Where(m => m.Channel == Channel.Email && m.SentAt == null && m.DeadLetteredAt == null).OrderBy(m => m.Sequence).FirstOrDefaultAsync());

    private async Task<List<OutgoingMail>> TextsOfAsync(IEnumerable<Account> accounts)
    {
        var texts = new List<OutgoingMail>();
        foreach (var account in accounts)
        {
            texts.AddRange((await service.MailsOfAsync(account)).Where(m => m.Channel == Channel.Sms));
        }
        return texts;
    }

    [Fact]
    public async Task A_removed_number_is_forgotten_and_texts_no_more_and_an_erased_account_leaves_no_number_or_text_behind()
    {
        var number = SmsNotificationsService.NewNumber();
        var resident = await service.NewAccountAsync(phoneNumber: number);
        await service.PublishAsync(Events.Promoted(resident.Id));
        await Eventually.ValueAsync(() => Task.FromResult(service.TextsTo(number)), until: c => c.Count > 0, what: "the promotion texted");

        // The resident removed the number at identity: the copy forgets it, the next booking is mailed only.
        await service.PublishAsync(new AccountChanged(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id, resident.Email, resident.Name, "nl",
            ["resident"], [Demo.Zuid]));
        await Eventually.TrueAsync(async () => (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == resident.Id))!.PhoneNumber is null, what: "the number forgotten");
        await service.PublishAsync(Events.Booked(resident.Id));
        await service.MailsToAsync(resident.Email, 2);
        Assert.Single(await service.MailsOfAsync(resident), m => m.Channel == Channel.Sms);

        // Given again, then erased: no number in the copy, no text in the queue, and a late event does not bring it back.
        var late = new AccountChanged(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id, resident.Email, resident.Name, "nl",
            ["resident"], [Demo.Zuid]) { PhoneNumber = number };
        await service.PublishAsync(late);
        await Eventually.TrueAsync(async () => (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == resident.Id))!.PhoneNumber == number, what: "the number again");
        await service.PublishAsync(new AccountErased(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id));
        await Eventually.TrueAsync(async () => (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == resident.Id))!.IsErased, what: "the account erased");
        await service.PublishAsync(late with { EventId = Guid.CreateVersion7() });
        await service.PublishAsync(Events.Booked(resident.Id));
        await Task.Delay(1000);

        var copy = (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == resident.Id))!;
        Assert.Null(copy.PhoneNumber);
        Assert.Empty(await service.MailsOfAsync(resident));
        Assert.Single(service.TextsTo(number)); // only the promotion, before the removal
    }
}

/// <summary>The words of a text message: one SMS (at most 160 GSM characters), in GSM characters only, in both languages.</summary>
public sealed class SmsTextTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 7, 19, 0, 0, TimeSpan.FromHours(1));

    public static TheoryData<NotificationKind, string> KindsAndLanguages()
    {
        var data = new TheoryData<NotificationKind, string>();
        foreach (var kind in Kinds.TextedKinds)
        {
            data.Add(kind, "nl");
            data.Add(kind, "en");
        }
        return data;
    }

    private static Message Of(NotificationKind kind, string what) =>
        new(Guid.CreateVersion7(), kind, s_start) { What = what, StartsAt = s_start, TimeZone = "Europe/Amsterdam" };

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void A_long_title_in_any_alphabet_is_shortened_to_one_message_of_gsm_characters(NotificationKind kind, string language)
    {
        var title = string.Concat(Enumerable.Repeat("Zoë’s “koffie” — ☕ 🎉 ", 10));

        var text = MessageTexts.Sms(Of(kind, title), language, "Gemeente Súdwest-Fryslân");

        Assert.True(Gsm.Length(text) <= Gsm.MaxLength, $"{Gsm.Length(text)} characters: {text}");
        Assert.True(Gsm.IsGsm(text), text);
        Assert.StartsWith("Gemeente Sudwest-Fryslan: ", text, StringComparison.Ordinal);
        Assert.Contains("Zoe's \"koffie\" - ? ? Zoe", text, StringComparison.Ordinal);
        Assert.Contains("...", text, StringComparison.Ordinal);
        Assert.Contains("19:00", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void A_short_title_is_told_whole(NotificationKind kind, string language)
    {
        var text = MessageTexts.Sms(Of(kind, "Samen eten"), language, "Gemeente Hilversum");

        Assert.Contains("Samen eten", text, StringComparison.Ordinal);
        Assert.DoesNotContain("...", text, StringComparison.Ordinal);
        Assert.True(Gsm.Length(text) <= Gsm.MaxLength && Gsm.IsGsm(text), text);
    }

    [Fact]
    public void The_euro_sign_and_brackets_count_twice()
    {
        Assert.Equal(5, Gsm.Length("€[a"));
        Assert.Equal("Zoe...", Gsm.Shortened("Zoe koffie", 7));
        Assert.Equal("caf\u00e9 Zoe", Gsm.From("café Zoë"));
    }
}
