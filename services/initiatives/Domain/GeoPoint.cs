namespace Buurt.Initiatives.Domain;

/// <summary>A WGS84 point.</summary>
public sealed record GeoPoint
{
    public GeoPoint(double lat, double lon)
    {
        if (lat is < -90 or > 90 || double.IsNaN(lat))
        {
            throw new ArgumentOutOfRangeException(nameof(lat), "Latitude lies between -90 and 90.");
        }
        if (lon is < -180 or > 180 || double.IsNaN(lon))
        {
            throw new ArgumentOutOfRangeException(nameof(lon), "Longitude lies between -180 and 180.");
        }
        Lat = lat;
        Lon = lon;
    }

    public double Lat { get; }

    public double Lon { get; }

    /// <summary>
    /// Inside the box around the European Netherlands (with its coast and Wadden islands). A box,
    /// not the border: it stops swapped coordinates and points far abroad (near the border the
    /// box also holds a strip of Belgium and Germany).
    /// </summary>
    public bool IsInNetherlands => Lat is >= 50.70 and <= 53.70 && Lon is >= 3.20 and <= 7.30;
}
