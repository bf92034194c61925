using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;

namespace Buurt.ICalendar;

/// <summary>
/// A person's appointment as iCalendar writes it: a booked slot of an office hour or a registration
/// for an occurrence. The calendar's private feed and booking.ics and the notifications' mail
/// attachments are written from this one shape, so a calendar app that gets both sees one event
/// (the same UID, summary and times) and keeps the one with the higher SEQUENCE.
/// </summary>
public sealed record Appointment(Guid Id, int Sequence, DateTimeOffset Stamp, LocalDateTime Start, LocalDateTime End, string TimeZone, string Summary, string Status)
{
    public string? Description { get; init; }

    public Uri? Url { get; init; }

    public string? Location { get; init; }

    /// <summary>Stable per booking or registration.</summary>
    public string Uid => $"{Id}@buurt";
}

/// <summary>The appointments of the calendar, and the iCalendar text of them.</summary>
public static class Appointments
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public const string ProductId = "-//Buurt//Agenda//NL";

    public const string Confirmed = "CONFIRMED";
    public const string Cancelled = "CANCELLED";
    public const string Tentative = "TENTATIVE";

    /// <summary>A booked slot of an office hour ("Spreekuur wijkwethouder Anna de Vries"), from its instants and the office hour's zone.</summary>
    public static Appointment Booking(Guid bookingId, int sequence, DateTimeOffset stamp, DateTimeOffset startsAt, DateTimeOffset endsAt, string timeZone,
        string hostFunction, string hostName, bool cancelled) =>
        new(bookingId, sequence, stamp, Local(startsAt, timeZone), Local(endsAt, timeZone), timeZone, $"Spreekuur {hostFunction} {hostName}".TrimEnd(),
            cancelled ? Cancelled : Confirmed);

    /// <summary>A registration for an occurrence of an activity; on the waiting list it is tentative.</summary>
    public static Appointment Registration(Guid registrationId, int sequence, DateTimeOffset stamp, LocalDateTime start, LocalDateTime end, string timeZone,
        string title, bool waitlisted, bool cancelled) =>
        new(registrationId, sequence, stamp, start, end, timeZone, waitlisted ? $"{title} (wachtlijst)" : title,
            cancelled ? Cancelled : waitlisted ? Tentative : Confirmed);

    /// <summary>The wall time of an instant in an IANA zone (NodaTime's tz database, the one the VTIMEZONE is written from).</summary>
    public static LocalDateTime Local(DateTimeOffset instant, string timeZone) =>
        Instant.FromDateTimeOffset(instant).InZone(DateTimeZoneProviders.Tzdb[timeZone]).LocalDateTime;

    /// <summary>The VEVENT of an appointment.</summary>
    public static CalendarEvent Event(Appointment appointment) => new()
    {
        Uid = appointment.Uid,
        Sequence = appointment.Sequence,
        DtStamp = Utc(appointment.Stamp),
        DtStart = At(appointment.Start, appointment.TimeZone),
        DtEnd = At(appointment.End, appointment.TimeZone),
        Summary = appointment.Summary,
        Description = appointment.Description,
        Status = appointment.Status,
        Url = appointment.Url,
        Location = appointment.Location,
    };

    /// <summary>
    /// A VCALENDAR of appointments with the VTIMEZONE of every zone they use (rules included: Ical.Net's
    /// string overload writes the zone's STANDARD and DAYLIGHT parts) and of <paramref name="defaultZone"/>;
    /// <paramref name="method"/> PUBLISH for a mail's attachment (RFC 6047), none for a feed.
    /// </summary>
    public static string Calendar(string name, IEnumerable<Appointment> appointments, string defaultZone = "Europe/Amsterdam", string? method = null)
    {
        var list = appointments.ToList();
        var calendar = new IcalCalendar { ProductId = ProductId };
        if (method is not null)
        {
            calendar.Method = method;
        }
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var zone in list.Select(a => a.TimeZone).Append(defaultZone).Distinct())
        {
            calendar.AddTimeZone(zone);
        }
        foreach (var appointment in list)
        {
            calendar.Events.Add(Event(appointment));
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>An instant as a UTC date-time.</summary>
    public static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, "UTC");

    /// <summary>A wall time in an IANA zone (TZID).</summary>
    public static CalDateTime At(LocalDateTime local, string zone) =>
        new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone);
}
