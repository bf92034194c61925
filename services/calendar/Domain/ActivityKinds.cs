namespace Buurt.Calendar.Domain;

/// <summary>What an activity is (the API writes <c>activity</c>, <c>network-meeting</c>, <c>milestone</c>).</summary>
public enum ActivityKind
{
    /// <summary>A neighbourhood activity: a coffee morning, a street party, a shared meal.</summary>
    Activity,

    /// <summary>A meeting of the wijk's network of professionals (wijkteam, zorgnetwerk).</summary>
    NetworkMeeting,

    /// <summary>A milestone of an initiative, such as the opening of a playground.</summary>
    Milestone,
}

/// <summary>Who sees an activity (<c>public</c>, <c>network</c>).</summary>
public enum Visibility
{
    /// <summary>Everyone, signed in or not: the agenda, the wijk's feed.</summary>
    Public,

    /// <summary>The wijk's network only: its director, alderman and partners (and the municipality's admin).</summary>
    Network,
}

/// <summary>Where an activity takes place: a named venue with an address and a WGS84 point (each optional but the name).</summary>
public sealed record Venue
{
    public const int NameMaxLength = 120;
    public const int AddressMaxLength = 200;

    public Venue(string name, string? address, double? lat, double? lon)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Buurt.ServiceDefaults.Domain.RuleException.Invalid("location.name", "A venue has a name.");
        }
        if (lat is null != lon is null)
        {
            throw Buurt.ServiceDefaults.Domain.RuleException.Invalid("location.lat", "A point has both lat and lon, or neither.");
        }
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            throw Buurt.ServiceDefaults.Domain.RuleException.Invalid("location.lat", "Lat lies between -90 and 90, lon between -180 and 180.");
        }
        Name = name.Trim();
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        Lat = lat;
        Lon = lon;
    }

    public string Name { get; }

    public string? Address { get; }

    public double? Lat { get; }

    public double? Lon { get; }

    /// <summary>"Wijkcentrum De Geus, Hilversum Zuid": how a feed or a mail names the place.</summary>
    public string Text => Address is null ? Name : $"{Name}, {Address}";

    /// <summary>Where to go: the venue, else the online link.</summary>
    public static string? Describe(Venue? venue, string? onlineUrl) => venue?.Text ?? onlineUrl;
}
