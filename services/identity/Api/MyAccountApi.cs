using System.ComponentModel.DataAnnotations;
using Buurt.Identity.UseCases;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Identity.Api;

/// <summary>/api/identity/v1/me: the signed-in person changes their name, language or phone number, or erases their account.</summary>
public static class MyAccountApi
{
    public static void MapMyAccount(this IEndpointRouteBuilder api)
    {
        api.MapPatch("/me", ChangeAsync).WithTags("Users").WithName("ChangeMyAccount").RequireAuthorization().ProducesValidationProblem();
        api.MapDelete("/me", EraseAsync).WithTags("Users").WithName("EraseMyAccount").RequireAuthorization();
    }

    private static async Task<Ok<MyAccountResponse>> ChangeAsync(
        ChangeMyAccountRequest request, HttpContext http, AccountSettings accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.ChangeAsync(AccountOf(http), request.DisplayName, request.Language, request.PhoneNumber, cancellationToken);
        return TypedResults.Ok(new MyAccountResponse(account.Id, account.DisplayName, account.Language, account.PhoneNumber));
    }

    private static async Task<NoContent> EraseAsync(HttpContext http, AccountSettings accounts, CancellationToken cancellationToken)
    {
        await accounts.EraseAsync(AccountOf(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Guid AccountOf(HttpContext http) =>
        Guid.TryParse(http.User.FindFirst(BuurtClaims.Subject)?.Value, out var id)
            ? id
            : throw Buurt.ServiceDefaults.Domain.RuleException.Forbidden("This token names no person.");
}

/// <summary>What to change; a field left out stays as it is.</summary>
public sealed record ChangeMyAccountRequest
{
    [StringLength(100, MinimumLength = 1)]
    public string? DisplayName { get; init; }

    /// <summary>The language of mail and pages: nl or en.</summary>
    [RegularExpression("^(nl|en)$")]
    public string? Language { get; init; }

    /// <summary>For text messages (optional): a Dutch mobile number, 06… or +316…; kept as +316…; "" removes it.</summary>
    [StringLength(30)]
    public string? PhoneNumber { get; init; }
}

/// <summary>The account after the change; <c>PhoneNumber</c> in E.164 (+316…), or null.</summary>
public sealed record MyAccountResponse(Guid Id, string DisplayName, string Language, string? PhoneNumber);
