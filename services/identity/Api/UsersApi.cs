using System.ComponentModel.DataAnnotations;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Api;

/// <summary>
/// Staff accounts, created by the tenant admin without a password: the new colleague gets an
/// invitation to choose one. And password resets, for everyone.
/// </summary>
public static class UsersApi
{
    private static readonly string[] s_staffRoles =
        [BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.Partner, BuurtRoles.BudgetController, BuurtRoles.TenantAdmin];

    private static readonly string[] s_scopedRoles = [BuurtRoles.Director, BuurtRoles.Alderman, BuurtRoles.Partner];

    public static void MapUsers(this IEndpointRouteBuilder api)
    {
        api.MapPost("/users", CreateStaffAsync).WithTags("Users").WithName("CreateStaffAccount")
            .RequireAuthorization(BuurtPolicies.TenantAdmin);
        api.MapPost("/password-resets", RequestResetAsync).WithTags("Users").WithName("RequestPasswordReset");
        api.MapPost("/password-resets/confirm", ConfirmResetAsync).WithTags("Users").WithName("ConfirmPasswordReset");
    }

    private static async Task<Results<Created<StaffResponse>, ValidationProblem, ProblemHttpResult>> CreateStaffAsync(
        CreateStaffRequest request, ITenantContext tenant, UserManager<BuurtUser> users, IdentityServiceDbContext db,
        IMailer mailer, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var role = request.Role!;
        if (!s_staffRoles.Contains(role))
        {
            return ApiProblems.Field("role", $"A staff role is one of: {string.Join(", ", s_staffRoles)}.");
        }
        var wijken = request.Wijken?.Distinct().ToList() ?? [];
        if (s_scopedRoles.Contains(role) && wijken.Count == 0)
        {
            return ApiProblems.Field("wijken", $"A {role} works for at least one wijk.");
        }
        var known = await db.Areas.Where(a => wijken.Contains(a.Id) && a.Kind == AreaKind.Wijk).CountAsync(cancellationToken);
        if (known != wijken.Count)
        {
            return ApiProblems.Field("wijken", "Every wijk must be a wijk of this municipality.");
        }
        var email = request.Email!.Trim();
        if (await users.FindInTenantAsync(tenantId, email) is not null)
        {
            return ApiProblems.Conflict("There is already an account with this e-mail address here.");
        }

        var user = new BuurtUser
        {
            Id = Guid.CreateVersion7(),
            UserName = BuurtUser.UserNameFor(tenantId, email),
            Email = email,
            EmailConfirmed = true,
            TenantId = tenantId,
            DisplayName = request.DisplayName!.Trim(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, role));
            db.UserAreaScopes.AddRange(wijken.Select(w => new UserAreaScope { UserId = user.Id, AreaId = w }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await mailer.SendAsync(new OutgoingMail(email, "Welkom bij Buurt: kies uw wachtwoord",
            "U heeft een account bij Buurt. Kies een wachtwoord met de code in deze mail.", token), cancellationToken);
        return TypedResults.Created($"/api/identity/v1/users/{user.Id}", new StaffResponse(user.Id, email, user.DisplayName, role, wijken));
    }

    /// <summary>Always 202, whether the address has an account or not: no one learns who is registered.</summary>
    private static async Task<Accepted> RequestResetAsync(
        PasswordResetRequest request, ITenantContext tenant, PasswordResets resets, CancellationToken cancellationToken)
    {
        await resets.RequestAsync(tenant.RequiredTenantId, request.Email!, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem>> ConfirmResetAsync(
        ConfirmPasswordResetRequest request, ITenantContext tenant, PasswordResets resets) =>
        await resets.ConfirmAsync(tenant.RequiredTenantId, request.Email!, request.Token!, request.Password!) is { } problem
            ? ApiProblems.Field(problem.Field, problem.Messages)
            : TypedResults.NoContent();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
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
}

public sealed record StaffResponse(Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<Guid> Wijken);

public sealed record PasswordResetRequest
{
    [Required, EmailAddress, StringLength(254)]
    public string? Email { get; init; }
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
