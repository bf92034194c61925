using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Identity.Domain;

/// <summary>The roles the tenant admin gives colleagues, and which of them work for wijken.</summary>
public static class StaffRoles
{
    public static IReadOnlyList<string> All { get; } =
        [BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.Partner, BuurtRoles.BudgetController, BuurtRoles.TenantAdmin];

    private static readonly string[] s_workForWijken = [BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.Partner];

    /// <summary>A staff role; a director, alderman or partner works for at least one wijk.</summary>
    public static void Check(string role, IReadOnlyCollection<Guid> wijken)
    {
        if (!All.Contains(role))
        {
            throw RuleException.Invalid("role", $"A staff role is one of: {string.Join(", ", All)}.");
        }
        if (s_workForWijken.Contains(role) && wijken.Count == 0)
        {
            throw RuleException.Invalid("wijken", $"A {role} works for at least one wijk.");
        }
    }
}
