namespace Buurt.Web.Api;

// What the workspace's settings, priorities and network pages read and send (the APIs' names and kebab-case values).

/// <summary>The municipality's settings of the buurtcyclus (initiatives <c>/settings</c>): read and sent whole.</summary>
public sealed record InitiativeSettings(
    decimal FastTrackMaxAmount, IReadOnlyDictionary<string, int> ResponseDays, IReadOnlyList<DateOnly> Holidays,
    IReadOnlyList<SubThemeSetting> SubThemes, int RatingPeriodDays);

public sealed record SubThemeSetting(string Theme, string Name);

/// <summary>Budget <c>/settings</c>: what a closed year's available money does (none or available).</summary>
public sealed record BudgetSettings(string CarryOver);

/// <summary>The largest award a role (director, alderman) may approve.</summary>
public sealed record Mandate(string Role, decimal MaxAmount);

/// <summary>A priority of a wijk's wijkplan, in force from one date until another.</summary>
public sealed record WijkPriority(Guid Id, Guid AreaId, DateOnly From, DateOnly Until, string Theme, string Title, string Goal, int Rank);

public sealed record PriorityPlan(Guid AreaId, DateOnly? From, DateOnly? Until, string? Theme, string? Title, string? Goal, int? Rank);

/// <summary>Someone holding a function for an organisation in one or more wijken, from a day until one (both included).</summary>
public sealed record Assignment(Guid Id, Guid PersonId, string? PersonName, Guid OrganisationId, string Function, IReadOnlyList<Guid> AreaIds, DateOnly From, DateOnly? Until);

/// <summary>A new assignment; with <c>HandOver</c> whoever holds the function in those wijken ends the day before <c>From</c>.</summary>
public sealed record AssignmentPlan(Guid PersonId, Guid OrganisationId, string Function, IReadOnlyList<Guid> AreaIds, DateOnly From, DateOnly? Until, bool HandOver);

public sealed record NetworkFunction(string Key, string Name, int Position);

public sealed record NetworkOrganisation(Guid Id, string Name, string Kind, DateTimeOffset? EndedAt);

public sealed record NetworkPerson(Guid Id, string Name);

/// <summary>Where a topic (none: the fallback) in a wijk (none: every wijk) goes: a function or an organisation.</summary>
public sealed record RoutingRule(Guid Id, string? Topic, Guid? AreaId, string? Function, Guid? OrganisationId);

/// <summary>A staff account (identity <c>/users</c>); status is invited (no password chosen yet), active or deactivated.</summary>
public sealed record StaffAccount(Guid Id, string Email, string DisplayName, string Language, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken, string Status);

public sealed record StaffAccountList(IReadOnlyList<StaffAccount> Items);

/// <summary>A new colleague to invite: the invitation mail goes in <paramref name="Language"/>.</summary>
public sealed record StaffInvitation(string? Email, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken, string Language);

/// <summary>The invited colleague's new account.</summary>
public sealed record InvitedStaff(Guid Id);

/// <summary>The roles and wijken an account has from now on.</summary>
public sealed record StaffRoles(IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken);
