namespace Buurt.Contacts.Domain;

/// <summary>One session of a copied office hour: its instants, its walk-in part's end, whether it is cancelled, who hosts it that day.</summary>
public sealed record CopiedSession(DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? WalkInUntil, bool Cancelled, string? HostName);

/// <summary>
/// Contacts' copy of one of the calendar's office hours (from <c>OfficeHourSessionsPlanned</c>): its
/// host (a person in a function, or the function itself), where, how residents come, and its coming
/// sessions, so "who do I talk to" can name the next office hours of a contact. Replaced as a whole
/// by a newer event; an older one arriving late changes nothing.
/// </summary>
public sealed class CopiedOfficeHour
{
    /// <summary>How many coming sessions a contact in an answer shows.</summary>
    public const int Shown = 3;

    private CopiedOfficeHour()
    {
    }

    public CopiedOfficeHour(string tenantId, Guid id)
    {
        TenantId = tenantId;
        Id = id;
    }

    public string TenantId { get; private set; } = "";

    public Guid Id { get; private set; }

    public Guid AreaId { get; private set; }

    /// <summary>The host's function (by function: its key, as assignments name it).</summary>
    public string Function { get; private set; } = "";

    /// <summary>The person hosting when the host is a person; null by function.</summary>
    public string? HostName { get; private set; }

    public bool HostByFunction { get; private set; }

    /// <summary><c>walk-in</c>, <c>bookable</c> or <c>both</c>.</summary>
    public string Mode { get; private set; } = "";

    public string? Location { get; private set; }

    public Guid? VenueId { get; private set; }

    public string? OnlineUrl { get; private set; }

    public List<CopiedSession> Sessions { get; private set; } = [];

    public DateTimeOffset AsOf { get; private set; }

    /// <summary>The office hour as of <paramref name="asOf"/>; false (nothing changed) when the copy is newer.</summary>
    public bool Take(Guid areaId, string function, string? hostName, bool byFunction, string mode, string? location, Guid? venueId, string? onlineUrl,
        IEnumerable<CopiedSession> sessions, DateTimeOffset asOf)
    {
        if (asOf < AsOf)
        {
            return false;
        }
        (AreaId, Function, HostName, HostByFunction, Mode, Location, VenueId, OnlineUrl, AsOf) =
            (areaId, function.Trim().ToLowerInvariant(), hostName, byFunction, mode, location, venueId, onlineUrl, asOf);
        Sessions = [.. sessions.OrderBy(s => s.StartsAt)];
        return true;
    }

    /// <summary>
    /// Whether the holder <paramref name="personName"/> of <paramref name="function"/> hosts it: by
    /// function always (its sessions name the holder of their day), else when the host is that person.
    /// </summary>
    public bool IsOf(string function, string personName) =>
        Function == function && (HostByFunction || string.Equals(HostName, personName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sessions not yet over and not cancelled, in order.</summary>
    public IEnumerable<CopiedSession> ComingAfter(DateTimeOffset now) => Sessions.Where(s => s.EndsAt > now && !s.Cancelled);
}
