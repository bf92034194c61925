using Buurt.Contracts.Identity;
using Buurt.Notifications.Domain;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
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
            ["Beste Sanne Test,", "Toelichting van de gemeente: Wijkteam kijkt mee", "U krijgt uiterlijk 4 december 2026 antwoord van de gemeente.", "http://hilversum.localhost:8080/initiatieven/"] },
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
        { "deal-accepted", "nl", "Buurtdeal gesloten: 'Bankje bij de speeltuin'", ["Beste Marieke Test,", "met € 850,50 uit het wijkbudget"] },
        { "deal-accepted", "en", "Deal accepted: 'Bankje bij de speeltuin'", ["Every party accepted the deal for 'Bankje bij de speeltuin', with € 850.50"] },
        { "funding-rejected-staff", "nl", "Geld niet gereserveerd: 'Bankje bij de speeltuin'", ["Pas de deal aan.", "Reden: Er is nog 300,00 euro over in Zuid."] },
        { "funding-rejected-staff", "en", "Funds not reserved: 'Bankje bij de speeltuin'", ["could not reserve € 850.50", "Reason: Er is nog 300,00 euro over in Zuid."] },
        { "commitment-due", "nl", "Afspraak uit uw buurtdeal is verlopen: 'Bankje bij de speeltuin'", ["(Bewoners Stroeslaan) die op 4 december 2026 klaar zou zijn"] },
        { "commitment-due", "en", "A commitment of your deal is due: 'Bankje bij de speeltuin'", ["(Bewoners Stroeslaan) was due on 4 December 2026"] },
        { "initiative-update", "nl", "Nieuws over 'Bankje bij de speeltuin'",
            ["De initiatiefnemers van 'Bankje bij de speeltuin' hebben nieuws gedeeld:", "“De grond is geleverd.”", "omdat u het steunt"] },
        { "initiative-update", "en", "News about 'Bankje bij de speeltuin'",
            ["The initiators of 'Bankje bij de speeltuin' shared news:", "“De grond is geleverd.”", "because it is yours, you support it"] },
        { "comment-reported", "nl", "Reactie gemeld bij 'Bankje bij de speeltuin'",
            ["Beste Marieke Test,", "Iemand heeft een reactie bij initiatief 'Bankje bij de speeltuin' gemeld.", "Reden: Reclame voor een webwinkel", "http://hilversum.localhost:8080/initiatieven/"] },
        { "comment-reported", "en", "Comment reported on 'Bankje bij de speeltuin'",
            ["Someone reported a comment on initiative 'Bankje bij de speeltuin'.", "Reason: Reclame voor een webwinkel", "http://hilversum.localhost:8080/initiatieven/"] },
        { "answer-due-soon", "nl", "Antwoord binnenkort verwacht: 'Bankje bij de speeltuin'",
            ["(status: interne check) is beloofd voor 4 december 2026, binnen twee werkdagen."] },
        { "answer-due-soon", "en", "Answer due soon: 'Bankje bij de speeltuin'",
            ["(status: internal check) is promised by 4 December 2026, within two working days."] },
        { "registration-confirmed", "nl", "Aangemeld: Samen eten op maandag 7 december 2026, 19:00", ["Er is een plaats voor u.", "In de bijlage staat", "Uw code bij de deur: K7QX2"] },
        { "registration-confirmed", "en", "Registered: Samen eten on Monday 7 December 2026, 19:00", ["There is a place for you.", "Your code at the door: K7QX2"] },
        { "registration-waitlisted", "nl", "Wachtlijst: Samen eten op maandag 7 december 2026, 19:00", ["U staat op de wachtlijst, op plaats 3."] },
        { "registration-waitlisted", "en", "Waiting list: Samen eten on Monday 7 December 2026, 19:00", ["You are on the waiting list, at place 3."] },
        { "registration-promoted", "nl", "Er is een plaats voor u: Samen eten op maandag 7 december 2026, 19:00", ["die is nu van u.", "Uw code bij de deur: K7QX2"] },
        { "registration-promoted", "en", "A place for you: Samen eten on Monday 7 December 2026, 19:00", ["it is yours now.", "Your code at the door: K7QX2"] },
        { "registration-cancelled", "nl", "Afgemeld: Samen eten op maandag 7 december 2026, 19:00", ["De gemeente heeft uw aanmelding voor 'Samen eten' op maandag 7 december 2026, 19:00 geannuleerd."] },
        { "registration-cancelled", "en", "Registration cancelled: Samen eten on Monday 7 December 2026, 19:00", ["The municipality cancelled your registration"] },
        { "booking-confirmed", "nl", "Afspraak: spreekuur van wijkwethouder Anna de Vries op maandag 7 december 2026, 19:00",
            ["Annuleer de afspraak: http://hilversum.localhost:8080/afspraken/annuleren/secret-cancel-token", "Onderwerp: Parkeren"] },
        { "booking-confirmed", "en", "Appointment: office hour of wijkwethouder Anna de Vries on Monday 7 December 2026, 19:00",
            ["Cancel the appointment: http://hilversum.localhost:8080/afspraken/annuleren/secret-cancel-token", "Topic: Parkeren"] },
        { "booking-cancelled", "nl", "Afspraak geannuleerd: spreekuur van wijkwethouder Anna de Vries op maandag 7 december 2026, 19:00", ["Reden: De wethouder is ziek."] },
        { "booking-cancelled", "en", "Appointment cancelled: office hour of wijkwethouder Anna de Vries on Monday 7 December 2026, 19:00", ["Reason: De wethouder is ziek."] },
        { "office-hour-booked", "nl", "Nieuwe afspraak op uw spreekuur: maandag 7 december 2026, 19:00", ["Een inwoner heeft een afspraak gemaakt", "Onderwerp: Parkeren"] },
        { "office-hour-booked", "en", "New appointment at your office hour: Monday 7 December 2026, 19:00", ["A resident booked an appointment", "Topic: Parkeren"] },
        { "activity-reminder", "nl", "Herinnering: Samen eten op maandag 7 december 2026, 19:00", ["U bent aangemeld voor 'Samen eten'", "Waar: Buurthuis De Geus", "Uw code bij de deur: K7QX2"] },
        { "activity-reminder", "en", "Reminder: Samen eten on Monday 7 December 2026, 19:00", ["You are registered for 'Samen eten'", "Where: Buurthuis De Geus", "Your code at the door: K7QX2"] },
        { "booking-reminder", "nl", "Herinnering: spreekuur van wijkwethouder Anna de Vries op maandag 7 december 2026, 19:00",
            ["Annuleer de afspraak in Buurt", "Waar: Raadhuis · https://meet.example/spreekuur", "Onderwerp: Parkeren"] },
        { "booking-reminder", "en", "Reminder: office hour of wijkwethouder Anna de Vries on Monday 7 December 2026, 19:00",
            ["Cancel the appointment in Buurt", "Where: Raadhuis · https://meet.example/spreekuur", "Topic: Parkeren"] },
        { "consent-withdrawal-link", "nl", "Uw toestemming aan Gemeente Hilversum: zo trekt u die in",
            ["U heeft Gemeente Hilversum toestemming gegeven om uw telefoonnummer en e-mailadres te tonen aan iedereen.",
                "Toestemming intrekken: http://hilversum.localhost:8080/" + Events.ConsentLink, "in het wijknetwerk van de gemeente staan"] },
        { "consent-withdrawal-link", "en", "Your consent to Gemeente Hilversum: how to withdraw it",
            ["You allowed Gemeente Hilversum to show your phone number and e-mail address to everyone.",
                "Withdraw consent: http://hilversum.localhost:8080/" + Events.ConsentLink] },
        { "listing-verification", "nl", "Klopt dit nog? 'Buurthuis De Geus' in het wijknetwerk",
            ["Beste Buurthuis De Geus,", "De gegevens zijn voor het laatst bevestigd op 20 november 2025.",
                "Bekijken en bevestigen: http://hilversum.localhost:8080/" + Events.VerificationLink] },
        { "listing-verification", "en", "Is this still right? 'Buurthuis De Geus' in the wijk network",
            ["Its details were last confirmed on 20 November 2025.", "See and confirm: http://hilversum.localhost:8080/" + Events.VerificationLink] },
        { "welcome", "nl", "Welkom bij Buurt", ["Uw account bij Gemeente Hilversum is klaar."] },
        { "welcome", "en", "Welcome to Buurt", ["Your account with Gemeente Hilversum is ready."] },
        { "password-reset", "nl", "Buurt: nieuw wachtwoord", ["Kies een nieuw wachtwoord met de code in deze mail.", "Uw code: CODE-123"] },
        { "password-reset", "en", "Buurt: new password", ["Choose a new password with the code in this mail.", "Your code: CODE-123"] },
        { "staff-invitation", "nl", "Welkom bij Buurt: kies uw wachtwoord", ["Kies een wachtwoord met de code in deze mail.", "Uw code: CODE-123",
            "Kies uw wachtwoord: http://hilversum.localhost:8080/account/reset?email=code."] },
        { "staff-invitation", "en", "Welcome to Buurt: choose your password", ["Choose a password with the code in this mail.", "Your code: CODE-123",
            "Choose your password: http://hilversum.localhost:8080/account/reset?email=code."] },
        { "occurrence-cancelled", "nl", "Gaat niet door: Samen eten op maandag 7 december 2026, 19:00",
            ["'Samen eten' op maandag 7 december 2026, 19:00 gaat niet door.", "U was hiervoor aangemeld.", "Reden: De zaal is dicht."] },
        { "occurrence-cancelled", "en", "Cancelled: Samen eten on Monday 7 December 2026, 19:00",
            ["'Samen eten' on Monday 7 December 2026, 19:00 will not take place.", "You were registered for it.", "Reason: De zaal is dicht."] },
        { "activity-cancelled", "nl", "Gaat niet door: Samen eten op maandag 7 december 2026, 19:00",
            ["de gemeente heeft de activiteit geannuleerd, ook op maandag 7 december 2026, 19:00.", "U stond hiervoor op de wachtlijst.", "Reden: Geen vrijwilligers meer."] },
        { "activity-cancelled", "en", "Cancelled: Samen eten on Monday 7 December 2026, 19:00",
            ["the municipality cancelled the activity, including on Monday 7 December 2026, 19:00.", "You were on its waiting list.", "Reason: Geen vrijwilligers meer."] },
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
            case "deal-accepted" or "funding-rejected-staff":
            {
                var director = await service.NewAccountAsync(language, "director", area);
                // Submitted in another wijk, so only the deal's news reaches this director.
                await service.PublishAsync(Events.Submitted(initiative, Guid.CreateVersion7(), Guid.CreateVersion7()));
                await Eventually.TrueAsync(async () => await service.InScopeAsync(Demo.Hilversum, async s =>
                    await s.GetRequiredService<Data.NotificationsDbContext>().Initiatives.FindAsync(initiative) is not null), what: "the initiative's facts");
                await (scene == "deal-accepted"
                    ? service.PublishAsync(Events.Accepted(initiative, area))
                    : service.PublishAsync(Events.Rejected(initiative) with { AreaId = area }));
                return (director, scene == "deal-accepted" ? NotificationKind.DealAccepted : NotificationKind.FundingRejected);
            }
            case "commitment-due":
            {
                var resident = await service.NewAccountAsync(language);
                await service.PublishAsync(Events.Submitted(initiative, area, resident.Id));
                await Eventually.TrueAsync(async () => await service.InScopeAsync(Demo.Hilversum, async s =>
                    await s.GetRequiredService<Data.NotificationsDbContext>().Initiatives.FindAsync(initiative) is not null), what: "the initiative's facts");
                await service.PublishAsync(Events.CommitmentOverdue(initiative, side: "municipal")); // the municipality's own: not the residents' to hear
                await service.PublishAsync(Events.CommitmentOverdue(initiative));
                return (resident, NotificationKind.CommitmentDue);
            }
            case "initiative-update":
            {
                // A supporter hears the initiators' update.
                var resident = await service.NewAccountAsync(language);
                await service.PublishAsync(Events.Supported(initiative, resident.Id));
                await Eventually.TrueAsync(async () => await service.InScopeAsync(Demo.Hilversum, async s =>
                    await s.GetRequiredService<Data.NotificationsDbContext>().Followers.AnyAsync(f => f.InitiativeId == initiative)), what: "the supporter as follower");
                await service.PublishAsync(Events.UpdatePosted(initiative, Guid.CreateVersion7(), Guid.CreateVersion7()));
                return (resident, NotificationKind.InitiativeUpdate);
            }
            case "comment-reported" or "answer-due-soon":
            {
                var director = await service.NewAccountAsync(language, "director", area);
                await (scene == "comment-reported"
                    ? service.PublishAsync(Events.CommentReported(initiative, area))
                    : service.PublishAsync(Events.AnswerDueSoon(initiative, area)));
                return (director, scene == "comment-reported" ? NotificationKind.CommentReported : NotificationKind.AnswerDueSoon);
            }
            case "registration-confirmed" or "registration-waitlisted" or "registration-promoted" or "registration-cancelled":
            {
                var resident = await service.NewAccountAsync(language);
                await (scene switch
                {
                    "registration-confirmed" => service.PublishAsync(Events.Registered(resident.Id)),
                    "registration-waitlisted" => service.PublishAsync(Events.Waitlisted(resident.Id)),
                    "registration-promoted" => service.PublishAsync(Events.Promoted(resident.Id)),
                    _ => service.PublishAsync(Events.RegistrationCancelled(resident.Id, byResident: false)),
                });
                return (resident, scene switch
                {
                    "registration-confirmed" => NotificationKind.RegistrationConfirmed,
                    "registration-waitlisted" => NotificationKind.RegistrationWaitlisted,
                    "registration-promoted" => NotificationKind.RegistrationPromoted,
                    _ => NotificationKind.RegistrationCancelled,
                });
            }
            case "booking-confirmed" or "booking-cancelled":
            {
                var resident = await service.NewAccountAsync(language);
                if (scene == "booking-confirmed")
                {
                    await service.PublishAsync(Events.Booked(resident.Id, area));
                }
                else
                {
                    await service.PublishAsync(Events.BookingCancelled(resident.Id, byResident: true)); // their own: nothing to tell
                    await service.PublishAsync(Events.BookingCancelled(resident.Id, byResident: false));
                }
                return (resident, scene == "booking-confirmed" ? NotificationKind.BookingConfirmed : NotificationKind.BookingCancelled);
            }
            case "office-hour-booked":
            {
                var director = await service.NewAccountAsync(language, "director", area);
                await service.PublishAsync(Events.Booked(Guid.CreateVersion7(), area));
                return (director, NotificationKind.OfficeHourBooked);
            }
            case "activity-reminder" or "booking-reminder":
            {
                var resident = await service.NewAccountAsync(language);
                await (scene == "activity-reminder"
                    ? service.PublishAsync(Events.RegistrationReminder(resident.Id))
                    : service.PublishAsync(Events.BookingReminder(resident.Id)));
                return (resident, scene == "activity-reminder" ? NotificationKind.ActivityReminder : NotificationKind.BookingReminder);
            }
            case "consent-withdrawal-link" or "listing-verification":
            {
                // Addressed by the event: a person of the wijk network without an account.
                var id = Guid.CreateVersion7();
                var person = new Account(id, $"network.{id:N}@test.example", "Dennis Test", Demo.Hilversum);
                await (scene == "consent-withdrawal-link"
                    ? service.PublishAsync(Events.ConsentLinkIssued(person.Email, person.Name, language))
                    : service.PublishAsync(Events.VerificationDue(person.Email, language)));
                return (person, scene == "consent-withdrawal-link" ? NotificationKind.ConsentWithdrawalLink : NotificationKind.ListingVerification);
            }
            case "occurrence-cancelled":
            {
                var resident = await service.NewAccountAsync(language);
                await service.PublishAsync(Events.OccurrenceCancelled((resident.Id, "registered")));
                return (resident, NotificationKind.OccurrenceCancelled);
            }
            case "activity-cancelled":
            {
                var resident = await service.NewAccountAsync(language);
                await service.PublishAsync(Events.ActivityCancelled((resident.Id, "waitlisted", 0)));
                return (resident, NotificationKind.ActivityCancelled);
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
