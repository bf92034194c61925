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
/// events: its wijk and its initiator, for a milestone's checks (the initiator may add milestones
/// to it), and whether it was withdrawn or declined, which hides its milestones.
/// </summary>
public sealed class CopiedInitiative
{
    private CopiedInitiative()
    {
    }

    public CopiedInitiative(string tenantId, Guid id, Guid areaId, Guid? initiatorId)
    {
        TenantId = tenantId;
        Id = id;
        AreaId = areaId;
        InitiatorId = initiatorId;
    }

    public string TenantId { get; private set; } = "";

    public Guid Id { get; private set; }

    public Guid AreaId { get; private set; }

    /// <summary>The resident who submitted it (their account); null when the events did not say (older events).</summary>
    public Guid? InitiatorId { get; private set; }

    public InitiativeState State { get; private set; }

    public bool IsClosed => State != InitiativeState.Open;

    public void Close(InitiativeState state) => State = state;

    /// <summary>Whether this person submitted it.</summary>
    public bool IsInitiator(Guid? accountId) => InitiatorId is { } initiator && initiator == accountId;

    /// <summary>The submission names the initiator; a copy made first from a closing event learns it here.</summary>
    public void KnowInitiator(Guid? initiatorId) => InitiatorId ??= initiatorId;
}
