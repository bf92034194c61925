using Buurt.Web.Api;
using Buurt.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace Buurt.Web.Components.Pages;

/// <summary>
/// What a page does when an API refuses what a form asked: a refused token (401) signs in again and
/// comes back to the page; a service that does not answer is a 503 with Retry-After; anything else
/// keeps the API's status and says what went wrong in the reader's words (the API's own detail after it).
/// </summary>
internal static class Refusals
{
    /// <summary>The text to show, or null when the reader is sent to sign in.</summary>
    public static string? Handle(ApiProblem problem, HttpContext http, NavigationManager navigation, string refused)
    {
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            SignInAgain(navigation);
            return null;
        }
        if (problem.Status >= 500)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "30";
            return WebTexts.TryAgainLater;
        }
        http.Response.StatusCode = problem.Status;
        var said = problem.Status == StatusCodes.Status403Forbidden ? WebTexts.NotAllowed : refused;
        return problem.Detail is { Length: > 0 } detail ? $"{said} ({detail})" : said;
    }

    /// <summary>To identity and back to this page.</summary>
    public static void SignInAgain(NavigationManager navigation) =>
        navigation.NavigateTo($"/inloggen?returnUrl={Uri.EscapeDataString(SignInReturn(navigation))}", forceLoad: true);

    /// <summary>This page's path and query, where sign-in returns to.</summary>
    public static string SignInReturn(NavigationManager navigation) => "/" + navigation.ToBaseRelativePath(navigation.Uri).Split('#')[0];
}
