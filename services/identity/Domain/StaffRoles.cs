using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Identity.Domain;

/// <summary>The roles the tenant admin gives colleagues, and which of them work for wijken.</summary>
public static class StaffRoles
{
    public static IReadOnlyList<string> All { get; } =
        [BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.Partner, BuurtRoles.BudgetController, BuurtRoles.TenantAdmin];

    /// <summary>A role's place in <see cref="All"/> (others last), for lists that read the same each time.</summary>
    public static int Rank(string role) => All.Contains(role) ? All.TakeWhile(r => r != role).Count() : int.MaxValue;

    private static readonly string[] s_workForWijken = [BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.Partner];

    /// <summary>
    /// At least one staff role; a director, alderman or partner works for at least one wijk. Errors
    /// name <paramref name="field"/> (the request's "role" or "roles") or "wijken".
    /// </summary>
    public static void Check(IReadOnlyCollection<string> roles, IReadOnlyCollection<Guid> wijken, string field = "roles")
    {
        if (roles.Count == 0 || roles.Any(r => !All.Contains(r)))
        {
            throw RuleException.Invalid(field, $"A staff role is one of: {string.Join(", ", All)}.");
        }
        if (roles.FirstOrDefault(s_workForWijken.Contains) is { } role && wijken.Count == 0)
        {
            throw RuleException.Invalid("wijken", $"A {role} works for at least one wijk.");
        }
    }
}
