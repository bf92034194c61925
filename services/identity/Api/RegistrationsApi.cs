using System.ComponentModel.DataAnnotations;
using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Api;

/// <summary>/api/identity/v1/registrations: a resident creates their own account; their postcode decides their wijk.</summary>
public static class RegistrationsApi
{
    public static void MapRegistrations(this IEndpointRouteBuilder api) =>
        api.MapPost("/registrations", RegisterAsync).WithTags("Users").WithName("RegisterResident");

    private static async Task<Results<Created<RegistrationResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterResidentRequest request,
        ITenantContext tenant,
        UserManager<BuurtUser> users,
        IdentityServiceDbContext db,
        CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        if (Postcode.Pc4Of(request.Postcode) is not { } pc4)
        {
            return Invalid("postcode", "A postcode is four digits, optionally followed by two letters (1221 AB).");
        }
        var wijk = await (
            from range in db.PostcodeRanges
            join area in db.Areas on range.AreaId equals area.Id
            where range.From <= pc4 && pc4 <= range.To
            select new AreaReference(area.Id, area.Name)).FirstOrDefaultAsync(cancellationToken);
        if (wijk is null)
        {
            return Invalid("postcode", $"Postcode {pc4} lies in no wijk of this municipality.");
        }
        var email = request.Email!.Trim();
        if (await users.FindByNameAsync(BuurtUser.UserNameFor(tenantId, email)) is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "There is already an account with this e-mail address here. Sign in, or reset the password.");
        }

        var user = new BuurtUser
        {
            Id = Guid.CreateVersion7(),
            UserName = BuurtUser.UserNameFor(tenantId, email),
            Email = email,
            TenantId = tenantId,
            DisplayName = request.DisplayName!.Trim(),
            Postcode = request.Postcode!.Trim().ToUpperInvariant(),
            HomeAreaId = wijk.Id,
        };
        // The user and their role together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email"] =
                    [.. created.Errors.Select(e => e.Description)],
            });
        }
        var role = await users.AddToRoleAsync(user, BuurtRoles.Resident);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException("The resident role is missing: " + string.Join("; ", role.Errors.Select(e => e.Description)));
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created("/api/identity/v1/me", new RegistrationResponse(user.Id, email, user.DisplayName, user.Postcode, wijk));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A resident's own account.</summary>
public sealed record RegisterResidentRequest
{
    [Required, EmailAddress, StringLength(254)]
    public string? Email { get; init; }

    /// <summary>At least 10 characters, with upper and lower case, a digit and a symbol.</summary>
    [Required, StringLength(128, MinimumLength = 10)]
    public string? Password { get; init; }

    /// <summary>How the resident wants to be called.</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string? DisplayName { get; init; }

    /// <summary>Their postcode (1221 AB); it decides their wijk.</summary>
    [Required, StringLength(7, MinimumLength = 4)]
    public string? Postcode { get; init; }
}

public sealed record RegistrationResponse(Guid Id, string Email, string DisplayName, string? Postcode, AreaReference Area);
