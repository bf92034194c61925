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

    /// <summary>Placed where the rule puts it (unless moved on its own) in the activity's wijk.</summary>
    internal void Plan(Guid areaId, LocalDateTime originalStart, LocalDateTime start, Duration length, DateTimeZone zone)
    {
        AreaId = areaId;
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
