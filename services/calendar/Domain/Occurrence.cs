using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Domain;

/// <summary>
/// One occurrence of an activity, planned ahead (a one-off activity has one): when it starts and
/// ends in the activity's wall time and as instants, and whether it was cancelled or moved on its
/// own. It is known by its original start (<c>2026-12-07T19:00</c>), which stays its name in URLs
/// when it is moved. The agenda reads these rows; registrations per occurrence will hang on them.
/// </summary>
public sealed class Occurrence
{
    public const int ReasonMaxLength = 500;

    private Occurrence()
    {
    }

    internal Occurrence(Activity activity, LocalDateTime originalStart)
    {
        Id = Guid.CreateVersion7();
        TenantId = activity.TenantId;
        ActivityId = activity.Id;
        OriginalStart = originalStart;
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid ActivityId { get; private set; }

    /// <summary>The activity's wijk, kept here for the agenda's index.</summary>
    public Guid AreaId { get; private set; }

    /// <summary>Where the rule put it: its name, even when moved.</summary>
    public LocalDateTime OriginalStart { get; private set; }

    /// <summary>Wall time in the activity's zone.</summary>
    public LocalDateTime Start { get; private set; }

    public LocalDateTime End { get; private set; }

    /// <summary>The instant <see cref="Start"/> stands for (UTC); see <see cref="LocalTimes"/> for the clock changes.</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public bool Cancelled { get; private set; }

    /// <summary>Moved away from its original start on its own.</summary>
    public bool Moved { get; private set; }

    /// <summary>Why it was cancelled or moved, for the participants.</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// Places at this occurrence: the activity's capacity, kept on the row its registrations lock,
    /// so a registration waiting for the lock decides on the capacity as it is when it gets it.
    /// </summary>
    public int? Capacity { get; private set; }

    /// <summary>Registrations with a place (at most <see cref="Capacity"/>, unless it was lowered later).</summary>
    public int Registered { get; private set; }

    /// <summary>Registrations on the waiting list.</summary>
    public int Waitlisted { get; private set; }

    /// <summary>Registrations checked in at the door (kept for the yearly report).</summary>
    public int Attended { get; private set; }

    /// <summary>How many registrations arrived so far: the last one's <see cref="Registration.Position"/>.</summary>
    public int Arrivals { get; private set; }

    /// <summary>Whether any registration (with a place or waiting) hangs on it: then it cannot disappear from the plan.</summary>
    public bool HasRegistrations => Registered + Waitlisted > 0;

    /// <summary>
    /// A resident arrives to register: refused when the occurrence takes no registrations, is
    /// cancelled or has begun, or when they are registered already. Where they land — a place while
    /// there is one, else the waiting list, and their turn — is decided by the database under this
    /// occurrence's row lock (<c>Data/RegistrationDecisions</c>), which also checks these rules again
    /// on the locked row, so two at once take turns and capacity is never passed.
    /// </summary>
    public Registration Arrive(Activity activity, Guid accountId, bool alreadyRegistered, DateTimeOffset now)
    {
        if (Capacity is null)
        {
            throw RuleException.Conflict($"'{activity.Title}' takes no registrations: just come.");
        }
        RequireOpen(activity, now);
        if (alreadyRegistered)
        {
            throw AlreadyRegistered();
        }
        return Registration.Arriving(activity, this, accountId, now);
    }

    /// <summary>One registration per resident per occurrence (also what the unique index's refusal becomes).</summary>
    public RuleException AlreadyRegistered() =>
        RuleException.Conflict($"You are registered for the occurrence of {LocalTimes.Format(OriginalStart)} already: one registration per resident per occurrence.");

    /// <summary>
    /// Cancels a registration; a place that comes free goes to the first waiting (in order of
    /// arrival, from <paramref name="waiting"/>), in the same transaction. Returns who got a place.
    /// </summary>
    public IReadOnlyList<Registration> CancelRegistration(
        Activity activity, Registration registration, IEnumerable<Registration> waiting, bool byResident, DateTimeOffset now)
    {
        if (registration.OccurrenceId != Id)
        {
            throw new ArgumentException("The registration is of another occurrence.", nameof(registration));
        }
        if (StartsAt <= now && registration.IsActive)
        {
            throw RuleException.Conflict($"The occurrence of {LocalTimes.Format(OriginalStart)} has begun: its registrations stay as they are.");
        }
        var had = registration.Status;
        registration.Cancel(activity, this, byResident, now);
        if (had == RegistrationStatus.Waitlisted)
        {
            Waitlisted--;
            return [];
        }
        Registered--;
        return PromoteWaiting(activity, waiting, now);
    }

    /// <summary>How many waiting ones a free place is there for (0 when the occurrence is over, cancelled or full).</summary>
    public int FreePlaces(Activity activity, DateTimeOffset now) =>
        activity.IsCancelled || Cancelled || StartsAt <= now ? 0 : Math.Min(Waitlisted, Math.Max(0, (Capacity ?? 0) - Registered));

    /// <summary>
    /// Gives the free places to the first waiting (in order of arrival, from <paramref name="waiting"/>):
    /// after a cancellation, or when the capacity was raised. Returns who got a place.
    /// </summary>
    public IReadOnlyList<Registration> PromoteWaiting(Activity activity, IEnumerable<Registration> waiting, DateTimeOffset now)
    {
        var promoted = new List<Registration>();
        foreach (var next in waiting.Where(r => r.OccurrenceId == Id && r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Position))
        {
            if (FreePlaces(activity, now) == 0)
            {
                break;
            }
            next.Promote(activity, this, now);
            Waitlisted--;
            Registered++;
            promoted.Add(next);
        }
        return promoted;
    }

    /// <summary>Staff check a registration in at the door (by its code).</summary>
    public void CheckIn(Registration registration, DateTimeOffset now)
    {
        registration.Attend(now);
        Attended++;
    }

    private void RequireOpen(Activity activity, DateTimeOffset now)
    {
        if (activity.IsCancelled || Cancelled)
        {
            throw RuleException.Conflict($"The occurrence of {LocalTimes.Format(OriginalStart)} is cancelled: it takes no registrations.");
        }
        if (StartsAt <= now)
        {
            throw RuleException.Conflict($"The occurrence of {LocalTimes.Format(OriginalStart)} has begun: it takes no registrations any more.");
        }
    }

    /// <summary>Placed where the rule puts it (unless moved on its own) in the activity's wijk.</summary>
    internal void Plan(Guid areaId, int? capacity, LocalDateTime originalStart, LocalDateTime start, Duration length, DateTimeZone zone)
    {
        AreaId = areaId;
        // Lowering it never takes a place away: those above it keep theirs, and nobody moves up until below it.
        Capacity = capacity;
        OriginalStart = originalStart;
        if (Moved)
        {
            Times(zone);
            return;
        }
        Start = start;
        var startsAt = LocalTimes.InstantOf(start, zone);
        // Every occurrence lasts as long as the first (RFC 5545: the same exact duration).
        var endsAt = startsAt + length;
        End = endsAt.InZone(zone).LocalDateTime;
        StartsAt = startsAt.ToDateTimeOffset();
        EndsAt = endsAt.ToDateTimeOffset();
    }

    internal void MoveTo(LocalDateTime start, LocalDateTime end, string? reason, DateTimeZone zone)
    {
        Moved = true;
        Start = start;
        End = end;
        Reason = reason;
        Times(zone);
    }

    internal void Cancel(string? reason)
    {
        Cancelled = true;
        Reason = reason;
    }

    private void Times(DateTimeZone zone)
    {
        StartsAt = LocalTimes.InstantOf(Start, zone).ToDateTimeOffset();
        EndsAt = LocalTimes.InstantOf(End, zone).ToDateTimeOffset();
    }
}
