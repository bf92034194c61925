namespace Buurt.Web.Sites;

/// <summary>
/// A file an API answers for the signed-in user (a ledger's CSV, a person's GDPR export): the browser's
/// link comes to the web app (the tokens stay on the server), which streams the answer through as it
/// arrives, never stored on the way.
/// </summary>
internal static class ApiDownload
{
    public static async Task<IResult> StreamAsync(
        HttpContext http, HttpResponseMessage answer, string contentType, string fileName, string refused, CancellationToken cancellationToken)
    {
        http.Response.RegisterForDispose(answer);
        if (!answer.IsSuccessStatusCode)
        {
            // Answers with a body: an empty 4xx would be re-executed as the "not found" page.
            if (answer.StatusCode >= System.Net.HttpStatusCode.InternalServerError)
            {
                http.Response.Headers.RetryAfter = "30";
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: refused);
            }
            return Results.Problem(statusCode: (int)answer.StatusCode, detail: refused);
        }
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Stream(await answer.Content.ReadAsStreamAsync(cancellationToken), contentType, fileName);
    }
}
