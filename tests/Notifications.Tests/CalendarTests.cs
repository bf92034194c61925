using Buurt.Testing;
using MimeKit;
using IcalCalendar = Ical.Net.Calendar;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The calendar's news: a booking or registration confirmation carries the .ics the calendar's own
/// appointment code writes (its UID, times in the zone with its VTIMEZONE, summary, link), the
/// booking's cancel link is in the mail only (not in the app, and blanked once sent), and the host
/// of the office hour hears of the booking.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class CalendarTests(NotificationsService service)
{
    [Fact]
    public async Task A_booking_confirmation_carries_the_calendars_ics_and_a_cancel_link_that_only_the_mail_keeps()
    {
        var resident = await service.NewAccountAsync();
        var booking = Guid.CreateVersion7();

        await service.PublishAsync(Events.Booked(resident.Id, booking: booking));

        var mail = (await service.MailsToAsync(resident.Email)).Single();
        var (part, calendar) = Ics(mail);
        Assert.Equal("afspraak.ics", part.FileName);
        Assert.Equal("PUBLISH", part.ContentType.Parameters["method"]);
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Contains(calendar.TimeZones, z => z.TzId == Events.Zone);
        var appointment = Assert.Single(calendar.Events);
        Assert.Equal($"{booking}@buurt", appointment.Uid); // the personal feed's UID: a calendar app keeps one event
        Assert.Equal("Spreekuur wijkwethouder Anna de Vries", appointment.Summary);
        Assert.Equal((Events.Zone, new DateTime(2026, 12, 7, 19, 0, 0)), (appointment.DtStart!.TzId, appointment.DtStart!.Value));
        Assert.Equal(new DateTime(2026, 12, 7, 19, 15, 0), appointment.DtEnd!.Value);
        Assert.Equal("CONFIRMED", appointment.Status);
        Assert.Equal(new Uri($"http://hilversum.localhost:8080/api/calendar/v1/bookings/{booking}"), appointment.Url);

        var inApp = (await service.NotificationsOfAsync(resident)).Single();
        Assert.DoesNotContain("secret-cancel-token", inApp.Body, StringComparison.Ordinal);
        var stored = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(resident)).Single(), m => m.SentAt != null, what: "the mail sent");
        Assert.Equal(("", ""), (stored.TextBody, stored.HtmlBody)); // the cancel link lives on only in the mailbox
    }

    [Fact]
    public async Task A_registration_confirmation_carries_the_occurrence_as_ics_and_a_waiting_place_none()
    {
        var resident = await service.NewAccountAsync();
        var registration = Guid.CreateVersion7();

        await service.PublishAsync(Events.Waitlisted(resident.Id));
        await service.PublishAsync(Events.Registered(resident.Id, registration));

        var mails = await service.MailsToAsync(resident.Email, 2);
        Assert.Empty(mails.Single(m => m.Subject!.StartsWith("Wachtlijst", StringComparison.Ordinal)).Attachments);
        var (part, calendar) = Ics(mails.Single(m => m.Subject!.StartsWith("Aangemeld", StringComparison.Ordinal)));
        Assert.Equal("activiteit.ics", part.FileName);
        var occurrence = Assert.Single(calendar.Events);
        Assert.Equal($"{registration}@buurt", occurrence.Uid);
        Assert.Equal(Events.Activity, occurrence.Summary);
        Assert.Equal((new DateTime(2026, 12, 7, 19, 0, 0), new DateTime(2026, 12, 7, 21, 0, 0)), (occurrence.DtStart!.Value, occurrence.DtEnd!.Value));
    }

    [Fact]
    public async Task The_host_named_by_the_office_hour_hears_of_the_booking_and_not_the_other_staff_of_the_wijk()
    {
        var wijk = Guid.CreateVersion7();
        var host = await NewStaffAsync("alderman", wijk, Events.HostName);
        var director = await service.NewAccountAsync(role: "director", wijk: wijk);

        await service.PublishAsync(Events.Booked(Guid.CreateVersion7(), wijk));

        var mail = (await service.MailsToAsync(host.Email)).Single();
        Assert.StartsWith("Nieuwe afspraak op uw spreekuur", mail.Subject, StringComparison.Ordinal);
        Assert.Empty(mail.Attachments); // the .ics is the resident's
        await Task.Delay(1000);
        Assert.Empty(await service.Mail.MessagesToAsync(director.Email));
    }

    [Fact]
    public async Task Calendar_confirmations_are_transactional_and_cannot_be_switched_off()
    {
        var (_, client) = await service.NewSignedInResidentAsync();

        var refused = await client.PutAsync("/api/notifications/v1/preferences/booking-confirmed",
            System.Net.Http.Json.JsonContent.Create(new { email = "off" }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_activity_tells_each_registered_and_waiting_resident_once_about_their_first_date_even_when_redelivered()
    {
        var often = await service.NewAccountAsync();
        var waiting = await service.NewAccountAsync(language: "en");
        var nobody = await service.NewAccountAsync();
        // Registered for the second and third occurrence; waiting for the third.
        var cancelled = Events.ActivityCancelled((often.Id, "registered", 2), (often.Id, "registered", 1), (waiting.Id, "waitlisted", 2));

        await service.PublishAsync(cancelled);
        await service.PublishAsync(cancelled); // the broker delivers it again

        var mail = (await service.MailsToAsync(often.Email)).Single();
        Assert.Equal("Gaat niet door: Samen eten op maandag 14 december 2026, 19:00", mail.Subject);
        Assert.Contains("U was hiervoor aangemeld.", mail.TextBody, StringComparison.Ordinal);
        var english = (await service.MailsToAsync(waiting.Email)).Single();
        Assert.Equal("Cancelled: Samen eten on Monday 21 December 2026, 19:00", english.Subject);
        Assert.Contains("You were on its waiting list.", english.TextBody, StringComparison.Ordinal);
        Assert.Single(await service.NotificationsOfAsync(often));
        Assert.Single(await service.NotificationsOfAsync(waiting));
        await Task.Delay(1000);
        Assert.Single(await service.Mail.MessagesToAsync(often.Email));
        Assert.Empty(await service.Mail.MessagesToAsync(nobody.Email));
    }

    [Fact]
    public async Task Cancelled_occurrences_are_transactional_and_cannot_be_switched_off()
    {
        var (_, client) = await service.NewSignedInResidentAsync();

        foreach (var kind in new[] { "occurrence-cancelled", "activity-cancelled" })
        {
            var refused = await client.PutAsync($"/api/notifications/v1/preferences/{kind}", System.Net.Http.Json.JsonContent.Create(new { email = "off" }));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    private async Task<Account> NewStaffAsync(string role, Guid wijk, string name)
    {
        var id = Guid.CreateVersion7();
        var email = $"{role}.{id:N}@test.example";
        await service.PublishAsync(new Contracts.Identity.AccountRegistered(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, id, email, name, "nl",
            [role], [wijk], false));
        await Eventually.TrueAsync(async () => await service.RecipientAsync(Demo.Hilversum, r => r.AccountId == id) is not null, what: "the host in the copy");
        return new Account(id, email, name, Demo.Hilversum);
    }

    private static (MimePart Part, IcalCalendar Calendar) Ics(MimeMessage mail)
    {
        var part = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("text/calendar", part.ContentType.MimeType);
        using var text = new MemoryStream();
        part.Content!.DecodeTo(text);
        return (part, IcalCalendar.Load(System.Text.Encoding.UTF8.GetString(text.ToArray()))!);
    }
}
