using Buurt.Web.Api;
using Buurt.Web.Auth;

namespace Buurt.Web.Sites;

/// <summary>
/// A person's GDPR export for the functional administrator: contacts' JSON attachment, streamed
/// through with its file name, not stored (<see cref="ApiDownload"/>).
/// </summary>
public static class PersonExport
{
    public static void MapPersonExport(this WebApplication app) =>
        app.MapGet("/werkplek/netwerk/personen/{id:guid}/gegevens.json", async (Guid id, HttpContext http, NetworkDirectoryApi directory, CancellationToken cancellationToken) =>
        {
            if (!http.User.IsTenantAdmin())
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only the functional administrator exports a person's data.");
            }
            var answer = await directory.ExportPersonAsync(id, cancellationToken);
            return await ApiDownload.StreamAsync(http, answer, "application/json; charset=utf-8", $"persoon-{id}.json", "Contacts did not give the person's data.", cancellationToken);
        }).RequireAuthorization().ExcludeFromDescription();
}
