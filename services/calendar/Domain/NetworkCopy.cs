namespace Buurt.Calendar.Domain;

/// <summary>
/// The calendar's copy of a venue of the contacts service (from its events): what an activity or an
/// office hour at <c>venueId</c> shows as its location, kept current when the venue changes.
/// <see cref="AsOf"/> is the newest fact applied, so a late or replayed older one changes nothing.
/// </summary>
public sealed class CopiedVenue
{
    private CopiedVenue()
    {
    }

    public CopiedVenue(string tenantId, Guid id)
    {
        TenantId = tenantId;
        Id = id;
    }

    public string TenantId { get; private set; } = "";

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>"Kerkstraat 63, 1211 CL Hilversum": street, postcode and city in one line.</summary>
    public string Address { get; private set; } = "";

    public double Lat { get; private set; }

    public double Lon { get; private set; }

    /// <summary>The wijk it lies in, when contacts knows it.</summary>
    public Guid? AreaId { get; private set; }

    /// <summary>No longer a venue: not offered for new activities; what is planned there keeps its last details.</summary>
    public bool Ended { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    /// <summary>Takes the venue's details as of <paramref name="asOf"/>; false when the copy is newer already.</summary>
    public bool Take(string name, string street, string? postcode, string city, double lat, double lon, Guid? areaId, DateTimeOffset asOf)
    {
        if (asOf < AsOf)
        {
            return false;
        }
        Name = name.Length > Venue.NameMaxLength ? name[..Venue.NameMaxLength] : name;
        var address = string.Join(", ", new[] { street, string.Join(" ", new[] { postcode, city }.Where(p => !string.IsNullOrWhiteSpace(p))) }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
        Address = address.Length > Venue.AddressMaxLength ? address[..Venue.AddressMaxLength] : address;
        Lat = lat;
        Lon = lon;
        AreaId = areaId;
        AsOf = asOf;
        return true;
    }

    public void End(DateTimeOffset asOf)
    {
        Ended = true;
        AsOf = asOf > AsOf ? asOf : AsOf;
    }

    /// <summary>The location an activity at this venue shows.</summary>
    public Venue ToVenue() => new(Name, Address, Lat, Lon);
}

/// <summary>
/// The calendar's copy of an assignment of the contacts service: a person holds a function in wijken
/// from a day, until a day if known (both included, local dates). An office hour or activity hosted by a
/// function shows whoever holds it on the date. <see cref="PersonName"/> is null once the person was erased.
/// Facts may arrive in any order (a change before its registration): each part keeps the time of the
/// fact it came from, the newest fact wins per part, and an unknown row is made by whichever comes first.
/// </summary>
public sealed class CopiedAssignment
{
    private CopiedAssignment()
    {
    }

    public CopiedAssignment(string tenantId, Guid id)
    {
        TenantId = tenantId;
        Id = id;
    }

    public string TenantId { get; private set; } = "";

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public string? PersonName { get; private set; }

    /// <summary>The function's key (wijkagent, wijkwethouder, ...), lower case; empty while only a change or an end is known.</summary>
    public string Function { get; private set; } = "";

    public List<Guid> AreaIds { get; private set; } = [];

    public DateOnly From { get; private set; }

    public DateOnly? Until { get; private set; }

    /// <summary>As of when the person, function and first day are (the registration or its replay).</summary>
    public DateTimeOffset AsOf { get; private set; }

    /// <summary>As of when <see cref="AreaIds"/> are (a registration, a change).</summary>
    public DateTimeOffset AreasAsOf { get; private set; }

    /// <summary>As of when <see cref="Until"/> is (a registration, an end).</summary>
    public DateTimeOffset UntilAsOf { get; private set; }

    /// <summary>Takes the assignment as registered (or replayed) at <paramref name="asOf"/>; each part only when it is not newer already.</summary>
    public void Take(Guid personId, string personName, string function, IReadOnlyList<Guid> areaIds, DateOnly from, DateOnly? until, DateTimeOffset asOf)
    {
        if (asOf >= AsOf)
        {
            PersonId = personId;
            PersonName = personName;
            Function = OfficeHost.KeyOf(function);
            From = from;
            AsOf = asOf;
        }
        ChangeAreas(areaIds, asOf);
        EndOn(until, asOf);
    }

    public void ChangeAreas(IReadOnlyList<Guid> areaIds, DateTimeOffset asOf)
    {
        if (asOf >= AreasAsOf)
        {
            AreaIds = [.. areaIds];
            AreasAsOf = asOf;
        }
    }

    public void EndOn(DateOnly? until, DateTimeOffset asOf)
    {
        if (asOf >= UntilAsOf)
        {
            Until = until;
            UntilAsOf = asOf;
        }
    }

    public void ForgetName() => PersonName = null;

    /// <summary>Whether its holder holds <paramref name="function"/> in <paramref name="areaId"/> on <paramref name="date"/>.</summary>
    public bool Covers(string function, Guid areaId, DateOnly date) =>
        Function == function && AreaIds.Contains(areaId) && From <= date && (Until is null || date <= Until);
}

/// <summary>
/// Who holds a function in a wijk on a date, from the copied assignments (those of one function and
/// wijk, loaded once per answer). The newest start wins should two overlap in the copy for a moment.
/// </summary>
public sealed class HostRoster(IReadOnlyList<CopiedAssignment> assignments)
{
    public static readonly HostRoster Empty = new([]);

    /// <summary>The holder's name on <paramref name="date"/>; null when nobody (known) holds it.</summary>
    public string? HolderOn(string function, Guid areaId, NodaTime.LocalDate date)
    {
        var day = date.ToDateOnly();
        return assignments.Where(a => a.Covers(function, areaId, day)).OrderByDescending(a => a.From).FirstOrDefault()?.PersonName;
    }

    /// <summary>
    /// The host "the {function} of the wijk" on <paramref name="date"/>: the function with its holder of
    /// that day, or the function alone. Office hours and activities hosted by a function both ask here.
    /// </summary>
    public OfficeHost HostOn(string function, Guid areaId, NodaTime.LocalDate date) => new(function, HolderOn(function, areaId, date));
}

/// <summary>
/// The day (in the municipality's zone) the office hours last told their sessions again; one replica
/// a day claims the row (<c>Data/HostQueries.ClaimDailyRepublishAsync</c>), so the daily republish runs once.
/// </summary>
public sealed class SessionsRepublished
{
    private SessionsRepublished()
    {
    }

    public string TenantId { get; private set; } = "";

    public DateOnly PublishedOn { get; private set; }
}
