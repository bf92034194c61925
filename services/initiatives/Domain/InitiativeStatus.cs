namespace Buurt.Initiatives.Domain;

/// <summary>Where an initiative is in its life (the buurtcyclus). The later states come with the life-cycle work.</summary>
public enum InitiativeStatus
{
    /// <summary>Initiatief binnen: submitted, waiting for the wijkteam's check.</summary>
    Submitted,
}
