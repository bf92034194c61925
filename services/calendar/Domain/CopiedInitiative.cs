namespace Buurt.Calendar.Domain;

/// <summary>Where an initiative stands, as far as the calendar needs it.</summary>
public enum InitiativeState
{
    Open,
    Withdrawn,
    Declined,
}

/// <summary>
/// The calendar's own copy of what it needs of an initiative, kept from the initiatives service's
/// events: its wijk, for a milestone's checks, and whether it was withdrawn or declined, which hides
/// its milestones.
/// </summary>
public sealed class CopiedInitiative
{
    private CopiedInitiative()
    {
    }

    public CopiedInitiative(string tenantId, Guid id, Guid areaId)
    {
        TenantId = tenantId;
        Id = id;
        AreaId = areaId;
    }

    public string TenantId { get; private set; } = "";

    public Guid Id { get; private set; }

    public Guid AreaId { get; private set; }

    public InitiativeState State { get; private set; }

    public bool IsClosed => State != InitiativeState.Open;

    public void Close(InitiativeState state) => State = state;
}
