using System.Security.Cryptography;
using Buurt.Contracts.Calendar;
using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Domain;

/// <summary>Where a registration stands (<c>registered</c>, <c>waitlisted</c>, <c>cancelled</c>).</summary>
public enum RegistrationStatus
{
    Registered,
    Waitlisted,
    Cancelled,
}

/// <summary>
/// A resident's registration for one occurrence: a place, or a place on the waiting list in order of
/// arrival (<see cref="Position"/>). Made and changed only by its <see cref="Occurrence"/>, under that
/// occurrence's row lock, which keeps the counts and the order. A short code is shown at the door.
/// </summary>
public sealed class Registration : Aggregate
{
    public const int CodeLength = 6;

    /// <summary>Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I/L).</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private Registration()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid ActivityId { get; private set; }

    public Guid OccurrenceId { get; private set; }

    /// <summary>The resident's account (the token's <c>sub</c>).</summary>
    public Guid AccountId { get; private set; }

    public RegistrationStatus Status { get; private set; }

    /// <summary>Arrival order within the occurrence (1, 2, ...): the waiting list is served in this order.</summary>
    public int Position { get; private set; }

    /// <summary>Six characters for check-in at the door.</summary>
    public string CheckInCode { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When a waiting registration got a place.</summary>
    public DateTimeOffset? PromotedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? AttendedAt { get; private set; }

    /// <summary>The start the resident was reminded of (see <see cref="Reminder"/>); null: not yet.</summary>
    public DateTimeOffset? RemindedFor { get; private set; }

    public bool IsActive => Status != RegistrationStatus.Cancelled;

    /// <summary>A registration as it arrives, before the database decides its place (<see cref="Decide"/>).</summary>
    internal static Registration Arriving(Activity activity, Occurrence occurrence, Guid accountId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = occurrence.TenantId,
        ActivityId = activity.Id,
        OccurrenceId = occurrence.Id,
        AccountId = accountId,
        Status = RegistrationStatus.Registered,
        CheckInCode = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength),
        RegisteredAt = now,
        RemindedFor = Reminder.AlreadyFor(occurrence.StartsAt, now),
    };

    /// <summary>
    /// The two events an arriving registration may raise, made before the decision so the database
    /// can store the right one with it: confirmed with a place, or waitlisted (whose
    /// <see cref="RegistrationWaitlisted.Position"/> the decision fills in).
    /// </summary>
    public (RegistrationConfirmed Placed, RegistrationWaitlisted Waiting) Outcomes(Activity activity, Occurrence occurrence)
    {
        var (title, start, zone, now) = (activity.Title, LocalTimes.Format(occurrence.OriginalStart), activity.TimeZone, RegisteredAt);
        return (
            new RegistrationConfirmed(activity.TenantId, Guid.CreateVersion7(now), now, Id, activity.Id, activity.AreaId, AccountId,
                title, start, zone, occurrence.StartsAt, CheckInCode, occurrence.EndsAt),
            new RegistrationWaitlisted(activity.TenantId, Guid.CreateVersion7(now), now, Id, activity.Id, activity.AreaId, AccountId,
                title, start, zone, occurrence.StartsAt, 0));
    }

    /// <summary>What the database decided under the occurrence's lock: a place or the waiting list, and the turn.</summary>
    public void Decide(bool place, int position)
    {
        Status = place ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
        Position = position;
    }

    internal void Promote(Activity activity, Occurrence occurrence, DateTimeOffset now)
    {
        Status = RegistrationStatus.Registered;
        PromotedAt = now;
        RemindedFor = Reminder.AlreadyFor(occurrence.StartsAt, now);
        Raise(new RegistrationPromoted(activity.TenantId, Guid.CreateVersion7(now), now, Id, activity.Id, activity.AreaId, AccountId,
            activity.Title, LocalTimes.Format(occurrence.OriginalStart), activity.TimeZone, occurrence.StartsAt, CheckInCode, occurrence.EndsAt));
    }

    internal void Cancel(Activity activity, Occurrence occurrence, bool byResident, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw RuleException.Conflict("This registration was cancelled already.");
        }
        Status = RegistrationStatus.Cancelled;
        CancelledAt = now;
        Raise(new RegistrationCancelled(activity.TenantId, Guid.CreateVersion7(now), now, Id, activity.Id, activity.AreaId, AccountId,
            activity.Title, LocalTimes.Format(occurrence.OriginalStart), activity.TimeZone, occurrence.StartsAt, byResident));
    }

    /// <summary>The occurrence starts within a day: remind the resident of it (once per start).</summary>
    public void Remind(Activity activity, Occurrence occurrence, DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Registered || occurrence.Id != OccurrenceId || RemindedFor == occurrence.StartsAt)
        {
            throw new InvalidOperationException($"Registration {Id} is not due a reminder.");
        }
        RemindedFor = occurrence.StartsAt;
        var zone = activity.Zone;
        Raise(new RegistrationReminderDue(TenantId, Guid.CreateVersion7(now), now, Id, ActivityId, activity.AreaId, AccountId, activity.Title,
            LocalTimes.Format(occurrence.OriginalStart), LocalTimes.Format(occurrence.Start), activity.TimeZone,
            LocalTimes.WithOffset(Instant.FromDateTimeOffset(occurrence.StartsAt), zone), LocalTimes.WithOffset(Instant.FromDateTimeOffset(occurrence.EndsAt), zone),
            Venue.Describe(activity.Venue, null), activity.OnlineUrl, CheckInCode));
    }

    internal void Attend(DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Registered)
        {
            throw RuleException.Conflict(Status == RegistrationStatus.Waitlisted
                ? "This registration is on the waiting list: it has no place to check in to."
                : "This registration was cancelled.");
        }
        if (AttendedAt is not null)
        {
            throw RuleException.Conflict($"Checked in already, at {AttendedAt:O}.");
        }
        AttendedAt = now;
    }
}
