using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Buurt.ServiceDefaults.Api;

/// <summary>CSV cells (RFC 4180, invariant culture) that are safe to open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>A buffered UTF-8 writer (no BOM) over a response body: rows leave in 16 KB chunks instead of a flush each.</summary>
    public static StreamWriter Writer(HttpResponse response) => new(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024);

    /// <summary>
    /// Free text: quoted when it holds a comma, quote or line break; a leading = + - @ gets a
    /// <c>'</c> so a spreadsheet shows text instead of running a formula (CSV injection).
    /// </summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>Euros with a point and two decimals: <c>850.50</c>.</summary>
    public static string Euro(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
