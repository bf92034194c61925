using System.Net;
using System.Net.Http.Json;
using Buurt.Notifications.Domain;
using Buurt.Testing;
using MimeKit;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The reminder a day before is a courtesy a resident may switch off (unlike the confirmation), and
/// the contacts links (a consent's withdrawal, a listing's verification) reach the address the event
/// names by mail only: never in an inbox, the body blanked once sent, and once per event.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class RemindersAndLinksTests(NotificationsService service)
{
    private const string Api = "/api/notifications/v1";

    [Fact]
    public async Task A_reminder_switched_off_by_mail_still_reaches_the_inbox_and_one_left_on_carries_an_unsubscribe_link()
    {
        var (account, client) = await service.NewSignedInResidentAsync();
        await service.MailsToAsync(account.Email); // the welcome

        var chosen = await client.PutAsJsonAsync($"{Api}/preferences/activity-reminder", new { email = "off" });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode); // not transactional: a reminder may be switched off
        await service.PublishAsync(Events.RegistrationReminder(account.Id));
        await service.PublishAsync(Events.BookingReminder(account.Id));

        var mails = await service.MailsToAsync(account.Email, 2);
        var reminder = Assert.Single(mails, m => m.Subject!.StartsWith("Herinnering", StringComparison.Ordinal));
        Assert.StartsWith("Herinnering: spreekuur", reminder.Subject, StringComparison.Ordinal);
        Assert.NotNull(reminder.Headers[HeaderId.ListUnsubscribe]);
        await Eventually.TrueAsync(async () => (await service.NotificationsOfAsync(account)).Count(n => n.Kind == NotificationKind.ActivityReminder) == 1,
            what: "the activity's reminder in the inbox");
        await Task.Delay(500);
        Assert.DoesNotContain(await service.Mail.MessagesToAsync(account.Email), m => m.Subject!.Contains("Samen eten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_consent_link_reaches_the_person_once_by_mail_only_and_the_kept_mail_loses_the_link_once_sent()
    {
        var person = Guid.CreateVersion7();
        var email = $"person.{person:N}@test.example";
        var issued = Events.ConsentLinkIssued(email, "Dennis Test", "nl", person);

        await service.PublishAsync(issued);
        await service.PublishAsync(issued); // redelivered or published twice: one mail

        var mail = (await service.MailsToAsync(email)).Single();
        Assert.Contains(Events.ConsentLink, mail.TextBody, StringComparison.Ordinal);
        Assert.Null(mail.Headers[HeaderId.ListUnsubscribe]); // a receipt, not a subscription
        var holder = new Account(person, email, "Dennis Test", Demo.Hilversum);
        var stored = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(holder)).Single(), m => m.SentAt != null, what: "the mail sent");
        Assert.Equal(("", ""), (stored.TextBody, stored.HtmlBody)); // the link lives on only in the mailbox
        Assert.Empty(await service.NotificationsOfAsync(holder));
        Assert.Null(await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == person)); // an address, not an account of the copy
        await Task.Delay(500);
        Assert.Single(await service.Mail.MessagesToAsync(email));
    }

    [Fact]
    public async Task A_person_erased_at_contacts_takes_their_link_mail_and_its_address_along()
    {
        var person = Guid.CreateVersion7();
        var email = $"erased.{person:N}@test.example";
        var holder = new Account(person, email, "Dennis Test", Demo.Hilversum);
        await service.PublishAsync(Events.ConsentLinkIssued(email, "Dennis Test", "nl", person));
        await Eventually.ValueAsync(async () => (await service.MailsOfAsync(holder)).SingleOrDefault(), m => m?.SentAt != null, what: "the mail sent");

        await service.PublishAsync(new Contracts.Contacts.PersonErased(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, person));

        await Eventually.TrueAsync(async () => (await service.MailsOfAsync(holder)).Count == 0, what: "the erased person's mail row gone");
    }

    [Fact]
    public async Task A_verification_link_goes_in_the_addressees_language_and_is_blanked_once_sent()
    {
        var listing = Guid.CreateVersion7();
        var email = $"listing.{listing:N}@test.example";

        await service.PublishAsync(Events.VerificationDue(email, "en", listing));

        var mail = (await service.MailsToAsync(email)).Single();
        Assert.StartsWith("Is this still right?", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"http://hilversum.localhost:8080/{Events.VerificationLink}", mail.HtmlBody, StringComparison.Ordinal);
        var stored = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(new Account(listing, email, "", Demo.Hilversum))).Single(),
            m => m.SentAt != null, what: "the mail sent");
        Assert.DoesNotContain("secret-verification-token", stored.TextBody + stored.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(NotificationKind.ListingVerification, stored.Kind);
    }
}
