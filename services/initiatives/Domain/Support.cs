using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>A resident of the initiative's wijk supports it; once per resident, and it can be taken back.</summary>
public sealed class Support
{
    private Support()
    {
    }

    public Support(Initiative initiative, Guid residentId, DateTimeOffset at)
    {
        if (InitiativeLifeCycle.IsFinal(initiative.Status) && initiative.Status != InitiativeStatus.Evaluated)
        {
            throw RuleException.Conflict($"The initiative is {initiative.Status.ApiName()}; it takes no more support.");
        }
        TenantId = initiative.TenantId;
        InitiativeId = initiative.Id;
        ResidentId = residentId;
        At = at;
    }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid ResidentId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
