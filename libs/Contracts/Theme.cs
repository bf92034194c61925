namespace Buurt.Contracts;

/// <summary>The fixed top-level themes of initiatives and wijk priorities (DOMAIN.md).</summary>
public enum Theme
{
    /// <summary>Social: meeting, loneliness, youth.</summary>
    Sociaal,

    /// <summary>Physical: greenery, play areas, traffic.</summary>
    Fysiek,

    /// <summary>Safety.</summary>
    Veilig,
}
