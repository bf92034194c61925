using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>When a venue is open on one day of the week (local wall time); a day may have several periods.</summary>
public sealed record OpeningPeriod(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>What a venue is: name, where, when open, how accessible; checked by <see cref="Venue"/>.</summary>
public sealed record VenueDetails(
    string Name, Guid? AreaId, Guid? OrganisationId, string Address, string? Postcode, string City, double Lat, double Lon,
    IReadOnlyList<OpeningPeriod> OpeningHours, string? AccessibilityNotes);

/// <summary>
/// A place for activities and office hours (buurthuis, wijkcentrum: De Geus, Lopes Dias), with its
/// address, point, opening hours and accessibility notes. Every change is published, so the
/// calendar can offer it as a location.
/// </summary>
public sealed class Venue : Aggregate
{
    public const int AddressMaxLength = 200;
    public const int NotesMaxLength = 1000;

    private Venue()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The wijk it lies in.</summary>
    public Guid? AreaId { get; private set; }

    /// <summary>Who runs it.</summary>
    public Guid? OrganisationId { get; private set; }

    /// <summary>Street and number.</summary>
    public string Address { get; private set; } = "";

    public string? Postcode { get; private set; }

    public string City { get; private set; } = "";

    public double Lat { get; private set; }

    public double Lon { get; private set; }

    public List<OpeningPeriod> OpeningHours { get; private set; } = [];

    /// <summary>Step-free entrance, accessible toilet, hearing loop, ...</summary>
    public string? AccessibilityNotes { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>A new venue (<paramref name="id"/>: a fixed one, for the demo network), published.</summary>
    public static Venue Register(string tenantId, VenueDetails details, DateTimeOffset now, Guid? id = null)
    {
        var venue = new Venue { Id = id ?? Guid.CreateVersion7(now), TenantId = tenantId };
        venue.Set(details);
        venue.Replay(now);
        return venue;
    }

    /// <summary>Tells it as it is now (<see cref="VenueRegistered"/>): at registration, and when a copy catches up.</summary>
    public void Replay(DateTimeOffset now) =>
        Raise(new VenueRegistered(TenantId, Guid.CreateVersion7(now), now, Id, Name, AreaId, OrganisationId,
            Address, Postcode, City, Lat, Lon, PublishedHours(), AccessibilityNotes));

    public void Change(VenueDetails details, DateTimeOffset now)
    {
        RequireOpen();
        Set(details);
        Raise(new VenueChanged(TenantId, Guid.CreateVersion7(now), now, Id, Name, AreaId, OrganisationId,
            Address, Postcode, City, Lat, Lon, PublishedHours(), AccessibilityNotes));
    }

    /// <summary>No longer available; kept for history, no longer listed.</summary>
    public void End(DateTimeOffset now)
    {
        RequireOpen();
        EndedAt = now;
        Raise(new VenueEnded(TenantId, Guid.CreateVersion7(now), now, Id));
    }

    private void RequireOpen()
    {
        if (EndedAt is not null)
        {
            throw RuleException.Conflict($"{Name} is no longer a venue (since {EndedAt:O}).");
        }
    }

    private List<VenueOpeningHours> PublishedHours() => [.. OpeningHours.Select(h => new VenueOpeningHours(h.Day, h.Opens, h.Closes))];

    private void Set(VenueDetails details)
    {
        // A box around the European Netherlands: it stops swapped coordinates and places far abroad.
        if (details.Lat is < 50.70 or > 53.70 || double.IsNaN(details.Lat))
        {
            throw RuleException.Invalid("location.lat", "The venue lies in the Netherlands (latitude 50.7 to 53.7).");
        }
        if (details.Lon is < 3.20 or > 7.30 || double.IsNaN(details.Lon))
        {
            throw RuleException.Invalid("location.lon", "The venue lies in the Netherlands (longitude 3.2 to 7.3).");
        }
        if (details.OpeningHours.FirstOrDefault(h => h.Closes <= h.Opens) is { } wrong)
        {
            throw RuleException.Invalid("openingHours", $"On {wrong.Day} it closes after it opens ({wrong.Opens:HH\\:mm}–{wrong.Closes:HH\\:mm}).");
        }
        if (details.Postcode is { } postcode && ServiceDefaults.Domain.Postcode.Pc4Of(postcode) is null)
        {
            throw RuleException.Invalid("postcode", ServiceDefaults.Domain.Postcode.FormatRule);
        }
        Name = Text.Required(details.Name, Text.NameMaxLength, "name");
        AreaId = details.AreaId;
        OrganisationId = details.OrganisationId;
        Address = Text.Required(details.Address, AddressMaxLength, "address");
        Postcode = details.Postcode?.Trim().ToUpperInvariant();
        City = Text.Required(details.City, Text.NameMaxLength, "city");
        Lat = details.Lat;
        Lon = details.Lon;
        OpeningHours = [.. details.OpeningHours.OrderBy(h => h.Day).ThenBy(h => h.Opens)];
        AccessibilityNotes = Text.Optional(details.AccessibilityNotes, NotesMaxLength, "accessibilityNotes");
    }
}
