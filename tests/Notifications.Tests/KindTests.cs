using Buurt.Contracts.Identity;
using Buurt.Notifications.Domain;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Buurt.Notifications.Tests;

/// <summary>
/// Every kind of message reaches its reader as a real mail (read back from smtp4dev), in Dutch and
/// in English: subject, the facts in the plain-text and HTML parts, the municipality as sender, and
/// the unsubscribe headers exactly on mail that is not transactional. The in-app copy says the same.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class KindTests(NotificationsService service)
{
    public static TheoryData<string, string, string, string[]> Kinds => new()
    {
        { "initiative-moved", "nl", "Uw initiatief 'Bankje bij de speeltuin' is nu: interne check",
            ["Beste Sanne Test,", "Toelichting van de gemeente: Wijkteam kijkt mee", "U krijgt uiterlijk 4 december 2026 antwoord van de gemeente.", "http://hilversum.localhost:8080/initiatives/"] },
        { "initiative-moved", "en", "Your initiative 'Bankje bij de speeltuin' is now: internal check",
            ["Dear Sanne Test,", "The municipality's note: Wijkteam kijkt mee", "The municipality will answer by 4 December 2026."] },
        { "initiative-declined", "nl", "Uw initiatief 'Bankje bij de speeltuin' is nu: afgewezen", ["Reden: Past niet in het wijkplan."] },
        { "initiative-declined", "en", "Your initiative 'Bankje bij de speeltuin' is now: declined", ["Reason: Past niet in het wijkplan."] },
        { "deal-proposed", "nl", "Buurtdeal voor 'Bankje bij de speeltuin': uw akkoord gevraagd", ["met € 850,50 uit het wijkbudget"] },
        { "deal-proposed", "en", "Neighbourhood deal for 'Bankje bij de speeltuin': your acceptance is asked", ["with € 850.50 from the wijk budget"] },
        { "funding-reserved", "nl", "Geld voor 'Bankje bij de speeltuin' is gereserveerd", ["Het wijkbudget heeft € 850,50 gereserveerd"] },
        { "funding-reserved", "en", "Money for 'Bankje bij de speeltuin' is reserved", ["The wijk budget reserved € 850.50"] },
        { "funding-rejected", "nl", "Geld voor 'Bankje bij de speeltuin' is nog niet toegekend", ["kon € 850,50", "Reden: Er is nog 300,00 euro over in Zuid."] },
        { "funding-rejected", "en", "Money for 'Bankje bij de speeltuin' is not granted yet", ["could not reserve € 850.50", "The district director will revise the deal."] },
        { "new-initiative", "nl", "Nieuw initiatief in uw wijk: 'Bankje bij de speeltuin'", ["Beste Marieke Test,", "in een wijk waarvoor u werkt"] },
        { "new-initiative", "en", "New initiative in your wijk: 'Bankje bij de speeltuin'", ["Dear Marieke Test,", "in a wijk you work for"] },
        { "answer-overdue", "nl", "Antwoord te laat: 'Bankje bij de speeltuin'", ["(status: interne check) was beloofd voor 4 december 2026"] },
        { "answer-overdue", "en", "Answer overdue: 'Bankje bij de speeltuin'", ["(status: internal check) was promised by 4 December 2026"] },
        { "welcome", "nl", "Welkom bij Buurt", ["Uw account bij Gemeente Hilversum is klaar."] },
        { "welcome", "en", "Welcome to Buurt", ["Your account with Gemeente Hilversum is ready."] },
        { "password-reset", "nl", "Buurt: nieuw wachtwoord", ["Kies een nieuw wachtwoord met de code in deze mail.", "Uw code: CODE-123"] },
        { "password-reset", "en", "Buurt: new password", ["Choose a new password with the code in this mail.", "Your code: CODE-123"] },
        { "staff-invitation", "nl", "Welkom bij Buurt: kies uw wachtwoord", ["Kies een wachtwoord met de code in deze mail.", "Uw code: CODE-123"] },
        { "staff-invitation", "en", "Welcome to Buurt: choose your password", ["Choose a password with the code in this mail.", "Your code: CODE-123"] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_kind_arrives_as_a_mail_in_the_readers_language(string scene, string language, string subject, string[] fragments)
    {
        var (account, kind) = await PlayAsync(scene, language);

        var mail = (await service.MailsToAsync(account.Email)).Single();

        Assert.Equal(subject, mail.Subject);
        Assert.Equal("Gemeente Hilversum", mail.From.Mailboxes.Single().Name);
        Assert.Equal("noreply@buurt.example", mail.From.Mailboxes.Single().Address);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(fragment), mail.HtmlBody, StringComparison.Ordinal);
        }
        Assert.Contains($"<html lang=\"{language}\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(kind.IsTransactional(), mail.Headers[HeaderId.ListUnsubscribe] is null);
        Assert.Equal(kind.IsTransactional() ? null : "List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);

        var inApp = await service.NotificationsOfAsync(account);
        if (kind.CarriesSecret())
        {
            Assert.Empty(inApp); // a code is never kept in the inbox
        }
        else
        {
            Assert.Equal(subject, inApp.Single().Title);
            Assert.Contains(fragments[^1], inApp.Single().Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_municipality_with_its_own_sender_sends_from_it()
    {
        var account = await service.NewAccountAsync(tenant: Demo.Voorbeeldstad, selfRegistered: true);

        var mail = (await service.MailsToAsync(account.Email)).Single();

        Assert.Equal(("Gemeente Voorbeeldstad", "buurt@voorbeeldstad.example"), (mail.From.Mailboxes.Single().Name, mail.From.Mailboxes.Single().Address));
    }

    [Fact]
    public async Task Typed_text_is_encoded_in_the_HTML_part()
    {
        var resident = await service.NewAccountAsync();
        var initiative = Guid.CreateVersion7();

        await service.PublishAsync(Events.Moved(initiative, resident.Id, note: "<script>alert(1)</script> & meer", title: "Bank <b>hier</b>"));

        var mail = (await service.MailsToAsync(resident.Email)).Single();
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>hier</b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; meer", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> & meer", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_the_initiators_made_themselves_and_the_move_a_deal_proposal_tells_send_nothing()
    {
        var resident = await service.NewAccountAsync();
        var initiative = Guid.CreateVersion7();

        await service.PublishAsync(Events.Moved(initiative, resident.Id, to: "withdrawn"));
        await service.PublishAsync(Events.Moved(initiative, resident.Id, to: "deal-proposed"));
        await service.PublishAsync(Events.Moved(initiative, resident.Id, to: "reciprocity-talk", note: null));

        var mail = (await service.MailsToAsync(resident.Email)).Single();
        Assert.Contains("gesprek over wederkerigheid", mail.Subject, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(await service.Mail.MessagesToAsync(resident.Email));
    }

    /// <summary>Publishes what leads to one message of the scene to a fresh account in <paramref name="language"/>.</summary>
    private async Task<(Account Account, NotificationKind Kind)> PlayAsync(string scene, string language)
    {
        var area = Guid.CreateVersion7();
        var initiative = Guid.CreateVersion7();
        switch (scene)
        {
            case "initiative-moved" or "initiative-declined":
            {
                var resident = await service.NewAccountAsync(language);
                await service.PublishAsync(scene == "initiative-moved"
                    ? Events.Moved(initiative, resident.Id)
                    : Events.Moved(initiative, resident.Id, to: "declined", note: null, reason: "Past niet in het wijkplan."));
                return (resident, NotificationKind.InitiativeMoved);
            }
            case "deal-proposed":
            {
                var resident = await service.NewAccountAsync(language);
                await service.PublishAsync(Events.Proposed(initiative, resident.Id));
                return (resident, NotificationKind.DealProposed);
            }
            case "funding-reserved" or "funding-rejected":
            {
                // The budget's answer names no initiator: the service knows it from the submission.
                var resident = await service.NewAccountAsync(language);
                await service.PublishAsync(Events.Submitted(initiative, area, resident.Id));
                await Eventually.TrueAsync(async () => await service.InScopeAsync(Demo.Hilversum, async s =>
                    await s.GetRequiredService<Data.NotificationsDbContext>().Initiatives.FindAsync(initiative) is not null), what: "the initiative's facts");
                if (scene == "funding-reserved")
                {
                    await service.PublishAsync(Events.Reserved(initiative));
                }
                else
                {
                    await service.PublishAsync(Events.Rejected(initiative));
                }
                return (resident, NotificationKind.FundingDecided);
            }
            case "new-initiative":
            {
                var director = await service.NewAccountAsync(language, "director", area);
                await service.PublishAsync(Events.Submitted(initiative, area, Guid.CreateVersion7()));
                return (director, NotificationKind.NewInitiative);
            }
            case "answer-overdue":
            {
                var director = await service.NewAccountAsync(language, "director", area);
                // Submitted in another wijk, so only the overdue answer reaches this director.
                await service.PublishAsync(Events.Submitted(initiative, Guid.CreateVersion7(), Guid.CreateVersion7()));
                await Eventually.TrueAsync(async () => await service.InScopeAsync(Demo.Hilversum, async s =>
                    await s.GetRequiredService<Data.NotificationsDbContext>().Initiatives.FindAsync(initiative) is not null), what: "the initiative's facts");
                await service.PublishAsync(Events.Overdue(initiative, area));
                return (director, NotificationKind.AnswerOverdue);
            }
            case "welcome":
                return (await service.NewAccountAsync(language, selfRegistered: true), NotificationKind.Welcome);
            case "password-reset" or "staff-invitation":
            {
                var id = Guid.CreateVersion7();
                var account = new Account(id, $"code.{id:N}@test.example", "Joost Test", Demo.Hilversum);
                if (scene == "password-reset")
                {
                    await service.PublishAsync(new PasswordResetRequested(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, id, account.Email, account.Name, language, "CODE-123"));
                }
                else
                {
                    await service.PublishAsync(new StaffInvited(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, id, account.Email, account.Name, language, "CODE-123"));
                }
                return (account, scene == "password-reset" ? NotificationKind.PasswordReset : NotificationKind.StaffInvitation);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(scene), scene, null);
        }
    }
}
