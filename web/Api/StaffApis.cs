using System.Globalization;

namespace Buurt.Web.Api;

/// <summary>The functional administrator's settings: the buurtcyclus's (initiatives) and the money's (budget: carry-over, mandates). Always as the user.</summary>
public sealed class SettingsApi(HttpClient client)
{
    public Task<(InitiativeSettings? Answer, ApiProblem? Problem)> InitiativeSettingsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<InitiativeSettings>(HttpMethod.Get, "/api/initiatives/v1/settings", null, cancellationToken);

    public Task<(InitiativeSettings? Answer, ApiProblem? Problem)> ChangeInitiativeSettingsAsync(InitiativeSettings settings, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<InitiativeSettings>(HttpMethod.Put, "/api/initiatives/v1/settings", settings, cancellationToken);

    public Task<(BudgetSettings? Answer, ApiProblem? Problem)> BudgetSettingsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<BudgetSettings>(HttpMethod.Get, "/api/budget/v1/settings", null, cancellationToken);

    public Task<(BudgetSettings? Answer, ApiProblem? Problem)> ChangeBudgetSettingsAsync(BudgetSettings settings, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<BudgetSettings>(HttpMethod.Put, "/api/budget/v1/settings", settings, cancellationToken);

    public Task<(List<Mandate>? Answer, ApiProblem? Problem)> MandatesAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<Mandate>>(HttpMethod.Get, "/api/budget/v1/mandates", null, cancellationToken);

    public Task<(Mandate? Answer, ApiProblem? Problem)> SetMandateAsync(string role, decimal maxAmount, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Mandate>(HttpMethod.Put, $"/api/budget/v1/mandates/{Uri.EscapeDataString(role)}", new { maxAmount }, cancellationToken);
}

/// <summary>The wijkplan's priorities (initiatives <c>/priorities</c>): public to read, kept by the wijk's director or the administrator.</summary>
public sealed class PrioritiesApi(HttpClient client)
{
    private const string Base = "/api/initiatives/v1/priorities";

    /// <summary>The wijk's priorities (as the user: never a shared cached answer after a change), by rank.</summary>
    public Task<(List<WijkPriority>? Answer, ApiProblem? Problem)> ListAsync(Guid areaId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<WijkPriority>>(HttpMethod.Get, GatewayApis.WithQuery(Base, ("areaId", areaId.ToString())), null, cancellationToken);

    public Task<(WijkPriority? Answer, ApiProblem? Problem)> CreateAsync(PriorityPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<WijkPriority>(HttpMethod.Post, Base, plan, cancellationToken);

    public Task<(WijkPriority? Answer, ApiProblem? Problem)> ChangeAsync(Guid id, PriorityPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<WijkPriority>(HttpMethod.Put, $"{Base}/{id}", plan, cancellationToken);
}

/// <summary>The wijk's network (contacts): who holds which function, the people and organisations, hand-overs, the routing of topics. Always as the user.</summary>
public sealed class NetworkApi(HttpClient client)
{
    private const string Base = "/api/contacts/v1";

    /// <summary>The assignments in the wijk on a day (the first hundred).</summary>
    public Task<(Paged<Assignment>? Answer, ApiProblem? Problem)> AssignmentsAsync(Guid areaId, DateOnly on, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<Assignment>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/assignments",
            ("areaId", areaId.ToString()), ("on", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("pageSize", "100")), null, cancellationToken);

    public Task<(List<NetworkFunction>? Answer, ApiProblem? Problem)> FunctionsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<NetworkFunction>>(HttpMethod.Get, $"{Base}/functions", null, cancellationToken);

    public Task<(List<Topic>? Answer, ApiProblem? Problem)> TopicsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<Topic>>(HttpMethod.Get, $"{Base}/topics", null, cancellationToken);

    public Task<(Paged<NetworkOrganisation>? Answer, ApiProblem? Problem)> OrganisationsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<NetworkOrganisation>>(HttpMethod.Get, $"{Base}/organisations?pageSize=100", null, cancellationToken);

    public Task<(Paged<NetworkPerson>? Answer, ApiProblem? Problem)> PeopleAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<NetworkPerson>>(HttpMethod.Get, $"{Base}/people?pageSize=100", null, cancellationToken);

    /// <summary>The rules that hold in the wijk (its own and those for every wijk).</summary>
    public Task<(List<RoutingRule>? Answer, ApiProblem? Problem)> RulesAsync(Guid areaId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<RoutingRule>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/routing-rules", ("areaId", areaId.ToString())), null, cancellationToken);

    /// <summary>Sets where a topic goes in a wijk (one rule per topic and wijk: it replaces the earlier one).</summary>
    public Task<(RoutingRule? Answer, ApiProblem? Problem)> SetRuleAsync(string? topic, Guid areaId, string function, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<RoutingRule>(HttpMethod.Put, $"{Base}/routing-rules", new { topic, areaId, function }, cancellationToken);

    public Task<(Created? Answer, ApiProblem? Problem)> RegisterPersonAsync(string name, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Created>(HttpMethod.Post, $"{Base}/people", new { name }, cancellationToken);

    public Task<(Assignment? Answer, ApiProblem? Problem)> RegisterAssignmentAsync(AssignmentPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Assignment>(HttpMethod.Post, $"{Base}/assignments", plan, cancellationToken);

    public Task<(Assignment? Answer, ApiProblem? Problem)> EndAssignmentAsync(Guid id, DateOnly until, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Assignment>(HttpMethod.Post, $"{Base}/assignments/{id}/end", new { until }, cancellationToken);

    public Task<(Assignment? Answer, ApiProblem? Problem)> ChangeAreasAsync(Guid id, IReadOnlyList<Guid> areaIds, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Assignment>(HttpMethod.Put, $"{Base}/assignments/{id}", new { areaIds }, cancellationToken);
}

/// <summary>The municipality's staff accounts (identity <c>/users</c>), for the functional administrator; always as the user.</summary>
public sealed class StaffAccountsApi(HttpClient client)
{
    private const string Base = "/api/identity/v1/users";

    public Task<(StaffAccountList? Answer, ApiProblem? Problem)> ListAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<StaffAccountList>(HttpMethod.Get, $"{Base}?kind=staff", null, cancellationToken);

    /// <summary>Creates the account and has the invitation mailed (409: the address has an account here).</summary>
    public Task<(InvitedStaff? Answer, ApiProblem? Problem)> InviteAsync(StaffInvitation invitation, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<InvitedStaff>(HttpMethod.Post, Base, invitation, cancellationToken);

    public Task<(StaffAccount? Answer, ApiProblem? Problem)> ChangeRolesAsync(Guid id, StaffRoles roles, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<StaffAccount>(HttpMethod.Put, $"{Base}/{id}/roles", roles, cancellationToken);

    public Task<(StaffAccount? Answer, ApiProblem? Problem)> DeactivateAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<StaffAccount>(HttpMethod.Post, $"{Base}/{id}/deactivation", null, cancellationToken);

    /// <summary>A deactivated account back, with the roles and wijken given.</summary>
    public Task<(StaffAccount? Answer, ApiProblem? Problem)> ReactivateAsync(Guid id, StaffRoles roles, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<StaffAccount>(HttpMethod.Post, $"{Base}/{id}/reactivation", roles, cancellationToken);

    public Task<(StaffAccount? Answer, ApiProblem? Problem)> ResendInvitationAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<StaffAccount>(HttpMethod.Post, $"{Base}/{id}/invitations", null, cancellationToken);
}
