using System.ComponentModel.DataAnnotations;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults.Auth;
using Buurt.Ui;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Identity.Api;

/// <summary>
/// /api/identity/v1/users: staff accounts, created by the tenant admin (<see cref="StaffAccounts"/>);
/// /password-resets: a new password, for everyone (<see cref="PasswordResets"/>).
/// </summary>
public static class UsersApi
{
    public static void MapUsers(this IEndpointRouteBuilder api)
    {
        api.MapPost("/users", CreateStaffAsync).WithTags("Users").WithName("CreateStaffAccount")
            .RequireAuthorization(BuurtPolicies.TenantAdmin).ProducesValidationProblem().ProducesProblem(409);
        api.MapPost("/password-resets", RequestResetAsync).WithTags("Users").WithName("RequestPasswordReset").ProducesValidationProblem();
        api.MapPost("/password-resets/confirm", ConfirmResetAsync).WithTags("Users").WithName("ConfirmPasswordReset").ProducesValidationProblem();
    }

    private static async Task<Created<StaffResponse>> CreateStaffAsync(
        CreateStaffRequest request, StaffAccounts staff, CancellationToken cancellationToken)
    {
        var created = await staff.CreateAsync(request.Email!, request.DisplayName!, request.Role!, request.Wijken ?? [], cancellationToken, request.Language);
        var account = created.Account;
        return TypedResults.Created($"/api/identity/v1/users/{account.Id}",
            new StaffResponse(account.Id, account.Email!, account.DisplayName, created.Role, created.Wijken));
    }

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

    /// <summary>director, alderman, partner, budget-controller or tenant-admin.</summary>
    [Required]
    public string? Role { get; init; }

    /// <summary>The wijken a director, alderman or partner works for.</summary>
    public IReadOnlyList<Guid>? Wijken { get; init; }

    /// <summary>The language of the colleague's mail: nl (the default) or en.</summary>
    [RegularExpression("^(nl|en)$")]
    public string? Language { get; init; }
}

public sealed record StaffResponse(Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<Guid> Wijken);

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
