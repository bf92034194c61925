using System.Security.Cryptography;
using System.Text;
using Buurt.Contracts.Calendar;
using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Domain;

/// <summary>
/// A resident's booked slot of an office hour. It blocks its host from its start to its end plus
/// the office hour's buffer; PostgreSQL's exclusion constraint refuses a second booking of the host
/// that overlaps that range, whatever the code or the number of replicas. The cancel link's token is
/// given once (to the resident, in the confirmation event) and kept only as its SHA-256 hash.
/// </summary>
public sealed class Booking : Aggregate
{
    public const int TopicMaxLength = 120;
    public const int QuestionMaxLength = 1000;
    public const int ReasonMaxLength = 500;

    private Booking()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid OfficeHourId { get; private set; }

    public Guid AreaId { get; private set; }

    /// <summary>The host's key (function and name), for the exclusion constraint.</summary>
    public string HostKey { get; private set; } = "";

    /// <summary>Who hosts it, as of the booking: the office hour's person, or by function the holder on its date (empty when nobody held it).</summary>
    public string HostName { get; private set; } = "";

    public Guid AccountId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>The end plus the buffer: the host is not bookable again before this.</summary>
    public DateTimeOffset BlockedUntil { get; private set; }

    public string? Topic { get; private set; }

    /// <summary>A short question so the host can prepare.</summary>
    public string? Question { get; private set; }

    /// <summary>SHA-256 of the cancel link's token (hex).</summary>
    public string CancelTokenHash { get; private set; } = "";

    public DateTimeOffset BookedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    public bool? CancelledByResident { get; private set; }

    /// <summary>iCalendar SEQUENCE of its .ics: 0 when booked, 1 when cancelled.</summary>
    public int Sequence { get; private set; }

    /// <summary>The start the resident was reminded of (see <see cref="Reminder"/>); null: not yet.</summary>
    public DateTimeOffset? RemindedFor { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>A booking of a slot <see cref="OfficeHour.RequireBookable"/> found free; returns it and the cancel link's token (given only now).</summary>
    public static (Booking Booking, string CancelToken) Book(
        OfficeHour officeHour, Slot slot, HostRoster roster, Guid accountId, string? topic, string? question, DateTimeOffset now)
    {
        var date = slot.Start.InZone(officeHour.Zone).Date;
        var host = officeHour.HostOn(date, roster);
        topic = Clean(topic);
        question = Clean(question);
        if (topic?.Length > TopicMaxLength)
        {
            throw RuleException.Invalid("topic", $"A topic has at most {TopicMaxLength} characters.");
        }
        if (question?.Length > QuestionMaxLength)
        {
            throw RuleException.Invalid("question", $"A question has at most {QuestionMaxLength} characters.");
        }
        var token = FeedToken.NewSecret();
        var booking = new Booking
        {
            Id = Guid.CreateVersion7(now),
            TenantId = officeHour.TenantId,
            OfficeHourId = officeHour.Id,
            AreaId = officeHour.AreaId,
            HostKey = officeHour.HostKeyOn(date, roster),
            HostName = host.Name ?? "",
            AccountId = accountId,
            StartsAt = slot.Start.ToDateTimeOffset(),
            EndsAt = slot.End.ToDateTimeOffset(),
            BlockedUntil = slot.BlockedUntil.ToDateTimeOffset(),
            Topic = topic,
            Question = question,
            CancelTokenHash = HashOf(token),
            BookedAt = now,
            RemindedFor = Reminder.AlreadyFor(slot.Start.ToDateTimeOffset(), now),
        };
        booking.Raise(new BookingConfirmed(booking.TenantId, Guid.CreateVersion7(now), now, booking.Id, officeHour.Id, officeHour.AreaId, accountId,
            officeHour.HostFunction, booking.HostName, booking.LocalStart(officeHour.Zone), officeHour.TimeZone,
            LocalTimes.WithOffset(slot.Start, officeHour.Zone), LocalTimes.WithOffset(slot.End, officeHour.Zone), topic, token));
        return (booking, token);
    }

    /// <summary>Cancelled by the resident (no reason needed) or by staff (a reason the resident is told).</summary>
    public void Cancel(OfficeHour officeHour, bool byResident, string? reason, DateTimeOffset now)
    {
        reason = Clean(reason);
        if (IsCancelled)
        {
            throw RuleException.Conflict("This booking was cancelled already.");
        }
        if (!byResident && reason is null)
        {
            throw RuleException.Invalid("reason", "Staff say why they cancel: the resident is told.");
        }
        if (reason?.Length > ReasonMaxLength)
        {
            throw RuleException.Invalid("reason", $"A reason has at most {ReasonMaxLength} characters.");
        }
        if (StartsAt <= now)
        {
            throw RuleException.Conflict("This booking has begun or is over: it cannot be cancelled any more.");
        }
        CancelledAt = now;
        CancelReason = reason;
        CancelledByResident = byResident;
        Sequence++;
        Raise(new BookingCancelled(TenantId, Guid.CreateVersion7(now), now, Id, OfficeHourId, AreaId, AccountId, officeHour.HostFunction,
            HostName, LocalStart(officeHour.Zone), officeHour.TimeZone, LocalTimes.WithOffset(Instant.FromDateTimeOffset(StartsAt), officeHour.Zone),
            byResident, reason));
    }

    /// <summary>Its office hour changed and the slot is still one of it: it blocks the host until its end plus the new buffer.</summary>
    public void Refit(Slot slot) => BlockedUntil = slot.BlockedUntil.ToDateTimeOffset();

    /// <summary>The slot starts within a day: remind the resident of it (once).</summary>
    public void Remind(OfficeHour officeHour, DateTimeOffset now)
    {
        if (IsCancelled || officeHour.Id != OfficeHourId || RemindedFor == StartsAt)
        {
            throw new InvalidOperationException($"Booking {Id} is not due a reminder.");
        }
        RemindedFor = StartsAt;
        var zone = officeHour.Zone;
        Raise(new BookingReminderDue(TenantId, Guid.CreateVersion7(now), now, Id, OfficeHourId, AreaId, AccountId, officeHour.HostFunction,
            HostName, LocalStart(zone), officeHour.TimeZone, LocalTimes.WithOffset(Instant.FromDateTimeOffset(StartsAt), zone),
            LocalTimes.WithOffset(Instant.FromDateTimeOffset(EndsAt), zone), Topic, Venue.Describe(officeHour.Venue, null), officeHour.OnlineUrl));
    }

    /// <summary>"2026-12-07T19:00" in the office hour's zone.</summary>
    public string LocalStart(DateTimeZone zone) => LocalTimes.Format(Instant.FromDateTimeOffset(StartsAt).InZone(zone).LocalDateTime);

    /// <summary>The stored form of a cancel token.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The municipality's holidays as the calendar has copied them (no slots on these dates).</summary>
public sealed class Holiday(string tenantId, LocalDate date)
{
    public string TenantId { get; private set; } = tenantId;

    public LocalDate Date { get; private set; } = date;
}

/// <summary>
/// As of when the calendar's copy of a municipality's holidays is (the <c>OccurredAt</c> of the list
/// it holds): an older list that arrives late, or twice, changes nothing.
/// </summary>
public sealed class HolidayCopyState(string tenantId, DateTimeOffset asOf)
{
    public string TenantId { get; private set; } = tenantId;

    public DateTimeOffset AsOf { get; private set; } = asOf;

    /// <summary>Whether a list of <paramref name="occurredAt"/> is newer than the copy; if so, the copy is as of then.</summary>
    public bool Take(DateTimeOffset occurredAt)
    {
        if (occurredAt <= AsOf)
        {
            return false;
        }
        AsOf = occurredAt;
        return true;
    }
}
