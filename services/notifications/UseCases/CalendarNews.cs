using Buurt.Contracts.Calendar;
using Buurt.ICalendar;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Auth;

namespace Buurt.Notifications.UseCases;

/// <summary>
/// What residents and staff hear from the calendar: a registration confirmed, waitlisted, promoted
/// or cancelled, a booking confirmed or cancelled by staff (the resident's own cancellation they
/// did themselves), the host's new appointment, and the reminders a day before. The events carry
/// what the texts need; a confirmation's .ics is written with the calendar's appointment code
/// (libs/ICalendar).
/// </summary>
public sealed class CalendarNews(Announcements announcements)
{
    /// <summary>The web app's agenda: where a resident sees their registrations and bookings.</summary>
    private const string AgendaPage = "agenda";

    public Task RegistrationConfirmedAsync(RegistrationConfirmed e, CancellationToken cancellationToken) =>
        PlacedAsync(e.EventId, NotificationKind.RegistrationConfirmed, e.OccurredAt, e.RegistrationId, e.ActivityId, e.AccountId, e.ActivityTitle,
            e.StartsAt, e.EndsAt, e.TimeZone, e.CheckInCode, cancellationToken);

    public async Task RegistrationWaitlistedAsync(RegistrationWaitlisted e, CancellationToken cancellationToken) =>
        await announcements.AnnounceAsync(Registration(e.EventId, NotificationKind.RegistrationWaitlisted, e.OccurredAt, e.ActivityId, e.ActivityTitle, e.StartsAt, e.TimeZone) with
        {
            Position = e.Position,
        }, await announcements.AccountAsync(e.AccountId, cancellationToken), cancellationToken);

    public Task RegistrationPromotedAsync(RegistrationPromoted e, CancellationToken cancellationToken) =>
        PlacedAsync(e.EventId, NotificationKind.RegistrationPromoted, e.OccurredAt, e.RegistrationId, e.ActivityId, e.AccountId, e.ActivityTitle,
            e.StartsAt, e.EndsAt, e.TimeZone, e.CheckInCode, cancellationToken);

    public async Task RegistrationCancelledAsync(RegistrationCancelled e, CancellationToken cancellationToken) =>
        await announcements.AnnounceAsync(Registration(e.EventId, NotificationKind.RegistrationCancelled, e.OccurredAt, e.ActivityId, e.ActivityTitle, e.StartsAt, e.TimeZone) with
        {
            ByResident = e.ByResident,
        }, await announcements.AccountAsync(e.AccountId, cancellationToken), cancellationToken);

    /// <summary>The resident's confirmation (the .ics and the cancel link), and the host's new appointment.</summary>
    public async Task BookingConfirmedAsync(BookingConfirmed e, CancellationToken cancellationToken)
    {
        var booking = Booking(e.EventId, NotificationKind.BookingConfirmed, e.OccurredAt, e.BookingId, e.HostFunction, e.HostName, e.StartsAt, e.TimeZone) with
        {
            Topic = e.Topic,
            // The web app's page: it shows the booking and cancels only on its button (mail scanners follow links).
            SecretPath = $"afspraken/annuleren/{e.CancelToken}",
            Appointment = Appointments.Booking(e.BookingId, 0, e.OccurredAt, e.StartsAt, e.EndsAt, e.TimeZone, e.HostFunction, e.HostName, cancelled: false)
                with { Description = e.Topic },
            AppointmentPath = $"api/calendar/v1/bookings/{e.BookingId}",
        };
        await announcements.AnnounceAsync(booking, await announcements.AccountAsync(e.AccountId, cancellationToken), cancellationToken);
        await announcements.AnnounceAsync(booking with
        {
            Kind = NotificationKind.OfficeHourBooked,
            SecretPath = null,
            Appointment = null,
            AppointmentPath = null,
        }, await HostsAsync(e.AreaId, e.HostName, cancellationToken), cancellationToken);
    }

    /// <summary>A booking staff cancelled: the resident hears why. One they cancelled themselves they know of.</summary>
    public async Task BookingCancelledAsync(BookingCancelled e, CancellationToken cancellationToken)
    {
        if (e.ByResident)
        {
            return;
        }
        await announcements.AnnounceAsync(Booking(e.EventId, NotificationKind.BookingCancelled, e.OccurredAt, e.BookingId, e.HostFunction, e.HostName, e.StartsAt, e.TimeZone) with
        {
            Reason = e.Reason,
        }, await announcements.AccountAsync(e.AccountId, cancellationToken), cancellationToken);
    }

    /// <summary>An occurrence was cancelled: each resident registered or waiting for it hears it, with the reason.</summary>
    public Task OccurrenceCancelledAsync(OccurrenceCancelled e, CancellationToken cancellationToken) =>
        ParticipantsToldAsync(e.EventId, NotificationKind.OccurrenceCancelled, e.OccurredAt, e.ActivityId, e.Title, e.TimeZone, e.Reason, e.Participants, cancellationToken);

    /// <summary>A whole activity was cancelled: each resident registered or waiting for a coming occurrence hears it once, with their first date.</summary>
    public Task ActivityCancelledAsync(ActivityCancelled e, CancellationToken cancellationToken) =>
        ParticipantsToldAsync(e.EventId, NotificationKind.ActivityCancelled, e.OccurredAt, e.ActivityId, e.Title, e.TimeZone, e.Reason, e.Participants, cancellationToken);

    /// <summary>
    /// The event names who was registered (the calendar reads them in the cancelling transaction), so no
    /// copy of the registrations is needed here. One message per resident, about their first occurrence
    /// (a place counts over waiting there); residents with the same date and standing share one announcement.
    /// Events from before the calendar named them carry nobody: nothing to send.
    /// </summary>
    private async Task ParticipantsToldAsync(Guid eventId, NotificationKind kind, DateTimeOffset occurredAt, Guid activityId, string? title, string? timeZone,
        string? reason, IReadOnlyList<CancelledParticipant>? participants, CancellationToken cancellationToken)
    {
        if (participants is not { Count: > 0 } || title is null || timeZone is null)
        {
            return;
        }
        var firstOfEach = participants.GroupBy(p => p.AccountId)
            .Select(g => g.OrderBy(p => p.StartsAt).ThenBy(p => p.Status == "registered" ? 0 : 1).First()).ToList();
        var recipients = (await announcements.AccountsAsync([.. firstOfEach.Select(p => p.AccountId)], cancellationToken)).ToDictionary(r => r.AccountId);
        foreach (var group in firstOfEach.GroupBy(p => (p.StartsAt, p.Status)))
        {
            await announcements.AnnounceAsync(Registration(eventId, kind, occurredAt, activityId, title, group.Key.StartsAt, timeZone) with
            {
                Status = group.Key.Status,
                Reason = reason,
            }, [.. group.Select(p => recipients.GetValueOrDefault(p.AccountId)).OfType<Recipient>()], cancellationToken);
        }
    }

    /// <summary>A day before an occurrence the resident has a place at: where, and the code at the door.</summary>
    public async Task RegistrationReminderAsync(RegistrationReminderDue e, CancellationToken cancellationToken) =>
        await announcements.AnnounceAsync(Registration(e.EventId, NotificationKind.ActivityReminder, e.OccurredAt, e.ActivityId, e.ActivityTitle, e.StartsAt, e.TimeZone) with
        {
            CheckInCode = e.CheckInCode,
            Location = e.Location,
            OnlineUrl = e.OnlineUrl,
        }, await announcements.AccountAsync(e.AccountId, cancellationToken), cancellationToken);

    /// <summary>A day before a booked slot: with whom, where and the topic (the cancel link stays in the confirmation).</summary>
    public async Task BookingReminderAsync(BookingReminderDue e, CancellationToken cancellationToken) =>
        await announcements.AnnounceAsync(Booking(e.EventId, NotificationKind.BookingReminder, e.OccurredAt, e.BookingId, e.HostFunction, e.HostName, e.StartsAt, e.TimeZone) with
        {
            Topic = e.Topic,
            Location = e.Location,
            OnlineUrl = e.OnlineUrl,
        }, await announcements.AccountAsync(e.AccountId, cancellationToken), cancellationToken);

    /// <summary>
    /// The host of an office hour is named, not an account: the wijk's directors and aldermen with
    /// that name; if none has it (a partner's office hour), the wijk's directors, who plan the agenda.
    /// </summary>
    private async Task<IReadOnlyList<Recipient>> HostsAsync(Guid wijk, string hostName, CancellationToken cancellationToken)
    {
        var staff = await announcements.StaffOfAsync(wijk, Announcements.WijkStaff, cancellationToken);
        var named = staff.Where(r => string.Equals(r.DisplayName.Trim(), hostName.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count > 0 ? named : [.. staff.Where(r => r.Roles.Contains(BuurtRoles.Director))];
    }

    /// <summary>A resident has a place (registered, or promoted from the waiting list): the code at the door and the .ics.</summary>
    private async Task PlacedAsync(Guid eventId, NotificationKind kind, DateTimeOffset occurredAt, Guid registrationId, Guid activityId, Guid accountId,
        string title, DateTimeOffset startsAt, DateTimeOffset? endsAt, string timeZone, string checkInCode, CancellationToken cancellationToken) =>
        await announcements.AnnounceAsync(Registration(eventId, kind, occurredAt, activityId, title, startsAt, timeZone) with
        {
            CheckInCode = checkInCode,
            // Events published before EndsAt existed: a zero-length event at the start.
            Appointment = Appointments.Registration(registrationId, 0, occurredAt, Appointments.Local(startsAt, timeZone),
                Appointments.Local(endsAt ?? startsAt, timeZone), timeZone, title, waitlisted: false, cancelled: false),
            AppointmentPath = $"api/calendar/v1/activities/{activityId}",
        }, await announcements.AccountAsync(accountId, cancellationToken), cancellationToken);

    private static Message Booking(Guid eventId, NotificationKind kind, DateTimeOffset occurredAt, Guid bookingId, string hostFunction, string hostName,
        DateTimeOffset startsAt, string timeZone) =>
        new(eventId, kind, occurredAt)
        {
            What = $"{hostFunction} {hostName}",
            StartsAt = startsAt,
            TimeZone = timeZone,
            SubjectId = bookingId,
            Link = AgendaPage,
        };

    private static Message Registration(Guid eventId, NotificationKind kind, DateTimeOffset occurredAt, Guid activityId, string title, DateTimeOffset startsAt, string timeZone) =>
        new(eventId, kind, occurredAt)
        {
            What = title,
            StartsAt = startsAt,
            TimeZone = timeZone,
            SubjectId = activityId,
            Link = AgendaPage,
        };
}
