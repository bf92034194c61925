using System.Globalization;
using Buurt.Web.Api;
using Buurt.Web.Auth;

namespace Buurt.Web.Sites;

/// <summary>
/// The ledger's CSV for the budget controller: the browser's link comes here (the tokens stay on
/// the server), and the web app streams the budget API's answer through as it arrives
/// (<see cref="ApiDownload"/>), so a year of lines is never held in memory.
/// </summary>
public static class BudgetExport
{
    public static void MapBudgetExport(this WebApplication app) =>
        app.MapGet("/werkplek/budget/grootboek.csv", async (HttpContext http, BudgetBooksApi books, CancellationToken cancellationToken) =>
        {
            // Answers with a body: an empty 4xx would be re-executed as the "not found" page.
            if (!http.User.IsBudgetController())
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only the budget controller exports the ledger.");
            }
            if (!int.TryParse(http.Request.Query["jaar"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
            {
                return Results.Problem(statusCode: 400, detail: "jaar: a year between 2000 and 2100.");
            }
            Guid? wijk = Guid.TryParse(http.Request.Query["wijk"], out var id) ? id : null;
            var answer = await books.ExportAsync(year, wijk, cancellationToken);
            var name = wijk is null ? $"grootboek-{year}.csv" : $"grootboek-{year}-{wijk}.csv";
            return await ApiDownload.StreamAsync(http, answer, "text/csv; charset=utf-8", name, "The budget did not give the ledger.", cancellationToken);
        }).RequireAuthorization().ExcludeFromDescription();
}
