using System.Net;
using System.Net.Http.Json;
using Buurt.Contracts.Identity;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The one-click unsubscribe of a mail's List-Unsubscribe link (a GET only shows a page; the POST
/// acts); identity's own mails arriving through this service with a code that works; a changed or
/// erased account; and the 90 days after which messages are deleted.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class UnsubscribeAndAccountTests(NotificationsService service)
{
    /// <summary>The link of a mail's List-Unsubscribe header, as a path for the service's client.</summary>
    private static string UnsubscribePath(MimeMessage mail)
    {
        var header = mail.Headers[HeaderId.ListUnsubscribe] ?? throw new InvalidOperationException("No List-Unsubscribe header.");
        var link = new Uri(header.Trim('<', '>'));
        Assert.Equal("hilversum.localhost", link.Host); // the municipality's own host: the gateway knows the tenant from it
        return link.PathAndQuery;
    }

    [Fact]
    public async Task Opening_the_unsubscribe_link_only_asks_and_the_one_click_POST_switches_that_kinds_mail_off()
    {
        var resident = await service.NewAccountAsync();
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(Events.Moved(initiative, resident.Id));
        var path = UnsubscribePath((await service.MailsToAsync(resident.Email)).Single());

        // A mail scanner following the link changes nothing.
        var page = await service.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
        Assert.Contains("Wilt u geen mails meer krijgen over: nieuwe status van uw initiatief?", html, StringComparison.Ordinal);
        await service.PublishAsync(Events.Moved(initiative, resident.Id, to: "reciprocity-talk"));
        await service.MailsToAsync(resident.Email, 2);

        // The mail client's one-click POST (RFC 8058).
        var posted = await service.Client().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("U bent afgemeld", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await service.PublishAsync(Events.Moved(initiative, resident.Id, to: "in-execution"));
        await service.PublishAsync(Events.Proposed(initiative, resident.Id));
        await service.Mail.WaitForAsync(m => m.To.Mailboxes.Single().Address == resident.Email && m.Subject!.Contains("akkoord", StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => (await service.NotificationsOfAsync(resident)).Any(n => n.Status() == "in-execution"), what: "the move in the inbox");
        Assert.Equal(3, (await service.Mail.MessagesToAsync(resident.Email)).Count); // two moves and the deal; not the third move
    }

    [Fact]
    public async Task The_unsubscribe_page_speaks_the_readers_language_and_an_unknown_link_is_404()
    {
        var resident = await service.NewAccountAsync("en");
        await service.PublishAsync(Events.Proposed(Guid.CreateVersion7(), resident.Id));
        var path = UnsubscribePath((await service.MailsToAsync(resident.Email)).Single());

        Assert.Contains("Do you want no more mails about: proposed neighbourhood deals?", await service.Client().GetStringAsync(path), StringComparison.Ordinal);
        var unknown = await service.Client().PostAsync("/api/notifications/v1/unsubscribe/0123456789abcdef0123456789abcdef/deal-proposed", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var transactional = await service.Client().PostAsync(path.Replace("deal-proposed", "password-reset", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.NotFound, transactional.StatusCode);
    }

    [Fact]
    public async Task Identitys_password_reset_arrives_as_a_real_mail_whose_code_sets_the_password()
    {
        var identity = service.Identity!;
        var response = await identity.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets", new { email = Demo.Partner, language = "en" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var mail = (await service.Mail.WaitForAsync(m => m.To.Mailboxes.Single().Address == Demo.Partner && m.Subject == "Buurt: new password")).Last();
        var code = mail.TextBody!.Split('\n').Single(l => l.StartsWith("Your code: ", StringComparison.Ordinal))["Your code: ".Length..].Trim();
        var confirmed = await identity.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email = Demo.Partner, token = code, password = "Partner-2026-nieuw" });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.NotEmpty(await identity.TokenAsync(Demo.Hilversum, Demo.Partner, "Partner-2026-nieuw"));

        // Once sent, the code is not kept here either.
        var queued = await Eventually.ValueAsync(() => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<NotificationsDbContext>().Mails.AsNoTracking()
            .Where(m => m.To == Demo.Partner && m.Kind == NotificationKind.PasswordReset).ToListAsync()), m => m.All(x => x.SentAt != null), what: "the reset mail marked sent");
        Assert.All(queued, m => Assert.Equal(("", ""), (m.TextBody, m.HtmlBody)));
    }

    [Fact]
    public async Task A_changed_account_is_greeted_by_its_new_name_in_its_new_language()
    {
        var resident = await service.NewAccountAsync();

        await service.PublishAsync(new AccountChanged(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id, resident.Email,
            "Sanne Nieuw", "en", ["resident"], [Demo.Zuid]));
        await Eventually.TrueAsync(async () => (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == resident.Id))!.Language == "en", what: "the change");
        // An older state that arrives late does not win.
        await service.PublishAsync(new AccountChanged(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow.AddHours(-1), resident.Id, resident.Email,
            "Sanne Oud", "nl", ["resident"], [Demo.Zuid]));
        await service.PublishAsync(Events.Proposed(Guid.CreateVersion7(), resident.Id));

        var mail = (await service.MailsToAsync(resident.Email)).Single();
        Assert.StartsWith("Dear Sanne Nieuw,", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erased_account_is_forgotten_with_its_inbox_and_mail_and_hears_nothing_more()
    {
        var resident = await service.NewAccountAsync();
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(Events.Moved(initiative, resident.Id));
        await service.MailsToAsync(resident.Email);

        await service.PublishAsync(new AccountErased(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id));
        await Eventually.TrueAsync(async () => (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == resident.Id))!.IsErased, what: "the erasure");
        // A replay of its old state cannot bring it back.
        await service.PublishAsync(new AccountChanged(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id, resident.Email,
            "Sanne Test", "nl", ["resident"], [Demo.Zuid]));
        await service.PublishAsync(Events.Moved(initiative, resident.Id, to: "reciprocity-talk"));
        await Task.Delay(1000);

        var copy = (await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == resident.Id))!;
        Assert.Equal((null, ""), (copy.Email, copy.DisplayName));
        Assert.Empty(await service.NotificationsOfAsync(resident));
        Assert.Empty(await service.MailsOfAsync(resident));
        Assert.Single(await service.Mail.MessagesToAsync(resident.Email)); // only the one before
    }

    [Fact]
    public async Task Messages_older_than_90_days_are_deleted_and_a_code_after_a_day()
    {
        var resident = await service.NewAccountAsync();
        await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), resident.Id));
        await service.PublishAsync(Events.Proposed(Guid.CreateVersion7(), resident.Id));
        await service.PublishAsync(new PasswordResetRequested(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, resident.Id, resident.Email,
            resident.Name, "nl", "CODE-9"));
        await service.MailsToAsync(resident.Email, 3);
        await Eventually.TrueAsync(async () => (await service.MailsOfAsync(resident)).All(m => m.SentAt != null), what: "the mails sent");

        // Age the move's notification and mail past 90 days, and the code's mail past a day.
        await service.InScopeAsync(Demo.Hilversum, async s =>
        {
            var db = s.GetRequiredService<NotificationsDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE notifications SET created_at = now() - interval '91 days' WHERE account_id = {resident.Id} AND kind = 'InitiativeMoved'");
            await db.Database.ExecuteSqlAsync($"UPDATE outgoing_mails SET created_at = now() - interval '91 days' WHERE account_id = {resident.Id} AND kind = 'InitiativeMoved'");
            return await db.Database.ExecuteSqlAsync($"UPDATE outgoing_mails SET created_at = now() - interval '25 hours' WHERE account_id = {resident.Id} AND kind = 'PasswordReset'");
        });

        await service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<Housekeeping>().ApplyRetentionAsync(CancellationToken.None));

        Assert.Equal([NotificationKind.DealProposed], (await service.NotificationsOfAsync(resident)).Select(n => n.Kind));
        Assert.Equal([NotificationKind.DealProposed], (await service.MailsOfAsync(resident)).Select(m => m.Kind));
    }
}

internal static class NotificationTestExtensions
{
    /// <summary>The status a move's notification names, by its English or Dutch words ("in uitvoering").</summary>
    public static string? Status(this Notification notification) =>
        notification.Title.Contains("in uitvoering", StringComparison.Ordinal) || notification.Title.Contains("in execution", StringComparison.Ordinal) ? "in-execution" : null;
}
