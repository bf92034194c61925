using System.ComponentModel.DataAnnotations;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults.Auth;
using Buurt.Ui;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Identity.Api;

/// <summary>
/// /api/identity/v1/users: staff accounts, kept by the tenant admin (<see cref="StaffAccounts"/>):
/// the list, one, inviting, roles and wijken, deactivating and reactivating, the invitation again;
/// /password-resets: a new password, for everyone (<see cref="PasswordResets"/>).
/// </summary>
public static class UsersApi
{
    public static void MapUsers(this IEndpointRouteBuilder api)
    {
        var staff = api.MapGroup("/users").WithTags("Users").RequireAuthorization(BuurtPolicies.TenantAdmin);
        staff.MapPost("", CreateStaffAsync).WithName("CreateStaffAccount").ProducesValidationProblem().ProducesProblem(409);
        staff.MapGet("", ListStaffAsync).WithName("ListStaffAccounts").ProducesValidationProblem();
        staff.MapGet("/{id:guid}", GetStaffAsync).WithName("GetStaffAccount").ProducesProblem(404);
        staff.MapPut("/{id:guid}/roles", ChangeRolesAsync).WithName("ChangeStaffRoles")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        staff.MapPost("/{id:guid}/deactivation", DeactivateAsync).WithName("DeactivateStaffAccount").ProducesProblem(404).ProducesProblem(409);
        staff.MapPost("/{id:guid}/reactivation", ReactivateAsync).WithName("ReactivateStaffAccount")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        staff.MapPost("/{id:guid}/invitations", ResendInvitationAsync).WithName("ResendStaffInvitation").ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/password-resets", RequestResetAsync).WithTags("Users").WithName("RequestPasswordReset").ProducesValidationProblem();
        api.MapPost("/password-resets/confirm", ConfirmResetAsync).WithTags("Users").WithName("ConfirmPasswordReset").ProducesValidationProblem();
    }

    private static async Task<Created<StaffResponse>> CreateStaffAsync(
        CreateStaffRequest request, StaffAccounts staff, CancellationToken cancellationToken)
    {
        // One role (role) or several (roles); neither is a 400 naming "role".
        var created = request.Roles is { Count: > 0 } roles
            ? await staff.CreateAsync(request.Email!, request.DisplayName!, roles, request.Wijken ?? [], cancellationToken, request.Language)
            : await staff.CreateAsync(request.Email!, request.DisplayName!, request.Role ?? "", request.Wijken ?? [], cancellationToken, request.Language);
        var account = created.Account;
        return TypedResults.Created($"/api/identity/v1/users/{account.Id}",
            new StaffResponse(account.Id, account.Email!, account.DisplayName, created.Role, created.Wijken));
    }

    /// <summary>The municipality's staff accounts by name (kind=staff, the only kind listed: residents are not the administrator's to list).</summary>
    private static async Task<Results<Ok<StaffList>, ValidationProblem>> ListStaffAsync(string? kind, StaffAccounts staff, CancellationToken cancellationToken)
    {
        if (kind is not (null or "staff"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["Only staff accounts are listed: kind=staff."] });
        }
        return TypedResults.Ok(new StaffList([.. (await staff.ListAsync(cancellationToken)).Select(StaffAccountResponse.From)]));
    }

    private static async Task<Ok<StaffAccountResponse>> GetStaffAsync(Guid id, StaffAccounts staff, CancellationToken cancellationToken) =>
        TypedResults.Ok(StaffAccountResponse.From(await staff.GetAsync(id, cancellationToken)));

    private static async Task<Ok<StaffAccountResponse>> ChangeRolesAsync(
        Guid id, ChangeStaffRolesRequest request, HttpContext http, StaffAccounts staff, CancellationToken cancellationToken) =>
        TypedResults.Ok(StaffAccountResponse.From(await staff.ChangeRolesAsync(id, request.Roles ?? [], request.Wijken ?? [], Caller(http), cancellationToken)));

    private static async Task<Ok<StaffAccountResponse>> DeactivateAsync(Guid id, HttpContext http, StaffAccounts staff, CancellationToken cancellationToken) =>
        TypedResults.Ok(StaffAccountResponse.From(await staff.DeactivateAsync(id, Caller(http), cancellationToken)));

    /// <summary>A deactivated colleague back, with the roles and wijken of the request (as for a change of roles).</summary>
    private static async Task<Ok<StaffAccountResponse>> ReactivateAsync(
        Guid id, ChangeStaffRolesRequest request, StaffAccounts staff, CancellationToken cancellationToken) =>
        TypedResults.Ok(StaffAccountResponse.From(await staff.ReactivateAsync(id, request.Roles ?? [], request.Wijken ?? [], cancellationToken)));

    private static async Task<Accepted> ResendInvitationAsync(Guid id, StaffAccounts staff, CancellationToken cancellationToken)
    {
        await staff.ResendInvitationAsync(id, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static Guid? Caller(HttpContext http) => Guid.TryParse(http.User.FindFirst(BuurtClaims.Subject)?.Value, out var id) ? id : null;

    /// <summary>Always 202, whether the address has an account or not: no one learns who is registered.</summary>
    private static async Task<Accepted> RequestResetAsync(PasswordResetRequest request, PasswordResets resets, CancellationToken cancellationToken)
    {
        await resets.RequestAsync(request.Email!, request.Language is null ? null : Languages.FromCode(request.Language), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> ConfirmResetAsync(ConfirmPasswordResetRequest request, PasswordResets resets)
    {
        await resets.ConfirmAsync(request.Email!, request.Token!, request.Password!);
        return TypedResults.NoContent();
    }
}

public sealed record CreateStaffRequest
{
    [Required, EmailAddress, StringLength(254)]
    public string? Email { get; init; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? DisplayName { get; init; }

    /// <summary>director, alderman, partner, budget-controller or tenant-admin (or several in <see cref="Roles"/>).</summary>
    public string? Role { get; init; }

    /// <summary>Several staff roles at once; when given, <see cref="Role"/> is not read.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The wijken a director, alderman or partner works for.</summary>
    public IReadOnlyList<Guid>? Wijken { get; init; }

    /// <summary>The language of the colleague's mail: nl (the default) or en.</summary>
    [RegularExpression("^(nl|en)$")]
    public string? Language { get; init; }
}

public sealed record StaffResponse(Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<Guid> Wijken);

/// <summary>The account's roles and wijken from now on (all of them: what is left out is taken away).</summary>
public sealed record ChangeStaffRolesRequest
{
    [Required]
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The wijken a director, alderman or partner works for.</summary>
    public IReadOnlyList<Guid>? Wijken { get; init; }
}

/// <summary>A staff account; status is invited (no password chosen yet), active or deactivated.</summary>
public sealed record StaffAccountResponse(Guid Id, string Email, string DisplayName, string Language, IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> Wijken, string Status)
{
    public static StaffAccountResponse From(StaffAccounts.Member member) =>
        new(member.Account.Id, member.Account.Email!, member.Account.DisplayName, member.Account.Language, member.Roles, member.Wijken, member.Status);
}

public sealed record StaffList(IReadOnlyList<StaffAccountResponse> Items);

public sealed record PasswordResetRequest
{
    [Required, EmailAddress, StringLength(254)]
    public string? Email { get; init; }

    /// <summary>The language of the mail: nl or en (the account's own when left out).</summary>
    [RegularExpression("^(nl|en)$")]
    public string? Language { get; init; }
}

public sealed record ConfirmPasswordResetRequest
{
    [Required, EmailAddress, StringLength(254)]
    public string? Email { get; init; }

    /// <summary>The code from the e-mail.</summary>
    [Required, StringLength(2000)]
    public string? Token { get; init; }

    [Required, StringLength(128, MinimumLength = 10)]
    public string? Password { get; init; }
}
