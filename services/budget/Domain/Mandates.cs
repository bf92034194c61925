using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Budget.Domain;

/// <summary>The largest single award a role may approve in a municipality (a tenant setting).</summary>
public sealed class Mandate
{
    /// <summary>The roles that hold a mandate, smallest first by custom.</summary>
    public static readonly IReadOnlyList<string> Roles = [BuurtRoles.Director, BuurtRoles.Alderman];

    private Mandate()
    {
    }

    public Mandate(string tenantId, string role, decimal maxAmount, DateTimeOffset updatedAt)
    {
        RequireRole(role);
        TenantId = tenantId;
        Role = role;
        MaxAmount = maxAmount;
        UpdatedAt = updatedAt;
    }

    public string TenantId { get; private set; } = "";

    public string Role { get; private set; } = "";

    public decimal MaxAmount { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Only the <see cref="Roles"/> hold a mandate (400 naming "role").</summary>
    public static void RequireRole(string role)
    {
        if (!Roles.Contains(role))
        {
            throw RuleException.Invalid("role", $"Only {string.Join(" and ", Roles)} hold a mandate.");
        }
    }

    /// <summary>
    /// Mandates rise in the order of <see cref="Roles"/>: <paramref name="amount"/> for
    /// <paramref name="role"/> may not be below a smaller role's mandate nor above a larger one's
    /// (equal is allowed). <paramref name="mandates"/> are the municipality's current ones; the
    /// role's own is ignored.
    /// </summary>
    public static void RequireOrder(string role, decimal amount, IEnumerable<Mandate> mandates)
    {
        var smaller = Roles.TakeWhile(r => r != role).ToHashSet();
        if (mandates.Any(m => m.Role != role && (smaller.Contains(m.Role) ? m.MaxAmount > amount : m.MaxAmount < amount)))
        {
            throw RuleException.Conflict($"Mandates rise from {string.Join(" to ", Roles)}; {amount:0.00} for {role} breaks that order.");
        }
    }

    public void Change(decimal maxAmount, DateTimeOffset at) => (MaxAmount, UpdatedAt) = (maxAmount, at);

    /// <summary>
    /// Who approves <paramref name="amount"/>: the role with the smallest mandate that covers it.
    /// Above every mandate only an executive decision for the initiative (allowing up to
    /// <paramref name="decidedUpTo"/>) lets it through, approved by the role with the largest
    /// mandate; otherwise null.
    /// </summary>
    public static string? ApproverFor(decimal amount, IEnumerable<Mandate> mandates, decimal? decidedUpTo)
    {
        var ordered = mandates.OrderBy(m => m.MaxAmount).ToList();
        if (ordered.FirstOrDefault(m => amount <= m.MaxAmount) is { } covering)
        {
            return covering.Role;
        }
        if (amount <= decidedUpTo)
        {
            return ordered.LastOrDefault()?.Role ?? BuurtRoles.Alderman;
        }
        return null;
    }
}

/// <summary>The executive's (college van B&amp;W) decision to fund one initiative above every mandate, recorded by a budget controller.</summary>
public sealed class ExecutiveDecision
{
    private ExecutiveDecision()
    {
    }

    public ExecutiveDecision(string tenantId, Guid initiativeId, string reference, decimal maxAmount, string recordedBy, DateTimeOffset at)
    {
        TenantId = tenantId;
        InitiativeId = initiativeId;
        Reference = reference;
        MaxAmount = maxAmount;
        RecordedBy = recordedBy;
        RecordedAt = at;
    }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public string Reference { get; private set; } = "";

    /// <summary>Up to how much the decision allows for the initiative.</summary>
    public decimal MaxAmount { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>What happens to a wijk's available money when a year is closed.</summary>
public enum CarryOverRule
{
    /// <summary>Nothing carries over (the default).</summary>
    None,

    /// <summary>Each wijk's available money is allocated to it in the next year.</summary>
    Available,
}

/// <summary>A municipality's budget settings.</summary>
public sealed class TenantSettings
{
    private TenantSettings()
    {
    }

    public TenantSettings(string tenantId) => TenantId = tenantId;

    public string TenantId { get; private set; } = "";

    public CarryOverRule CarryOver { get; private set; }

    public void SetCarryOver(CarryOverRule rule) => CarryOver = rule;
}
