using System.Diagnostics;
using Buurt.AreaCopy;
using Buurt.Budget.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Problems;

namespace Buurt.Budget.Api;

/// <summary>What every write of the API shares: the ledger's who and where-from, the checks of years, wijken and amounts in the request.</summary>
internal static class Writes
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>Who writes (the token's subject) and the call as the entry's source.</summary>
    public static Entry EntryFor(HttpContext http, string reason)
    {
        var key = http.Request.Headers[IdempotencyKeys.Header].ToString();
        var call = $"api:{http.Request.Method} {http.Request.Path}";
        var source = key.Length > 0 ? $"{call} key={key}" : $"{call} trace={Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier}";
        return new Entry(http.User.FindFirst(BuurtClaims.Subject)?.Value ?? "unknown", reason, source.Length > 200 ? source[..200] : source);
    }

    /// <summary>A year in the range we keep books for, or the problem naming it.</summary>
    public static IResult? CheckYear(int year) =>
        year is < FirstYear or > LastYear ? ApiProblems.Field("year", $"The year must be between {FirstYear} and {LastYear}.") : null;

    /// <summary>A wijk of this municipality, or the problem naming the field.</summary>
    public static async Task<IResult?> CheckWijkAsync(AreaStore areas, Guid areaId, string field, CancellationToken cancellationToken) =>
        await areas.IsWijkAsync(areaId, cancellationToken) ? null : ApiProblems.Field(field, $"There is no wijk {areaId} in this municipality.");

    /// <summary>More than zero (EuroAmount allows zero).</summary>
    public static IResult? CheckPositive(decimal amount, string field) =>
        amount > 0 ? null : ApiProblems.Field(field, "The amount must be more than zero.");
}
