using System.ComponentModel.DataAnnotations;
using Buurt.Contracts.Identity;
using Buurt.Identity.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Identity.Api;

/// <summary>/api/identity/v1/registrations: a resident creates their own account; their postcode decides their wijk.</summary>
public static class RegistrationsApi
{
    public static void MapRegistrations(this IEndpointRouteBuilder api) =>
        api.MapPost("/registrations", RegisterAsync).WithTags("Users").WithName("RegisterResident")
            .ProducesValidationProblem().ProducesProblem(409);

    private static async Task<Created<RegistrationResponse>> RegisterAsync(
        RegisterResidentRequest request, ResidentRegistration registration, CancellationToken cancellationToken)
    {
        var (account, wijk) = await registration.RegisterAsync(request.Email!, request.Password!, request.DisplayName!, request.Postcode!, cancellationToken,
            request.Language ?? "nl");
        return TypedResults.Created("/api/identity/v1/me",
            new RegistrationResponse(account.Id, account.Email!, account.DisplayName, account.Postcode, new AreaReference(wijk.Id, wijk.Name)));
    }
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

    /// <summary>The language of the resident's mail: nl (the default) or en.</summary>
    [RegularExpression("^(nl|en)$")]
    public string? Language { get; init; }
}

public sealed record RegistrationResponse(Guid Id, string Email, string DisplayName, string? Postcode, AreaReference Area);
