using Buurt.Web.Api;
using Microsoft.AspNetCore.Components;

namespace Buurt.Web.Components.Pages;

/// <summary>What the consent pages do when contacts does not give the resident's consents.</summary>
internal static class ConsentPages
{
    /// <summary>A refused token signs in again and comes back; anything else is the service not answering (the 503 page).</summary>
    public static void Refused(ApiProblem problem, NavigationManager navigation)
    {
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            Refusals.SignInAgain(navigation);
            return;
        }
        throw new HttpRequestException("Contacts did not give the resident's consents.", null, System.Net.HttpStatusCode.ServiceUnavailable);
    }
}
