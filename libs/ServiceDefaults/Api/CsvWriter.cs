using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Buurt.ServiceDefaults.Api;

/// <summary>
/// The one way we write CSV (RFC 4180): UTF-8 without BOM, comma-separated, rows ending in CRLF,
/// invariant numbers; a cell is quoted when it holds a comma, quote, CR or LF. Free text
/// (<see cref="Text"/>) is also made safe to open in a spreadsheet.
/// </summary>
/// <remarks>
/// Cells gather in a row; <see cref="EndRowAsync"/> hands the row to a 16 KB buffer, so the body
/// leaves in chunks and every write to it is asynchronous (Kestrel refuses synchronous ones).
/// </remarks>
public sealed class CsvWriter(Stream body) : IAsyncDisposable
{
    private readonly StreamWriter _writer = new(body, new UTF8Encoding(false), bufferSize: 16 * 1024);
    private readonly StringBuilder _row = new();
    private bool _rowStarted;

    /// <summary>A writer over a response body.</summary>
    public static CsvWriter For(HttpResponse response) => new(response.Body);

    /// <summary>
    /// Free text someone typed: a leading = + - @ TAB or CR gets a <c>'</c>, so a spreadsheet shows
    /// text instead of running a formula (CSV injection, OWASP).
    /// </summary>
    public CsvWriter Text(string? value) =>
        Value(value is [('=' or '+' or '-' or '@' or '\t' or '\r'), ..] ? "'" + value : value);

    /// <summary>A value our code made (an id, a name from a fixed set, a number): written as it is, quoted when needed.</summary>
    public CsvWriter Value(string? value)
    {
        if (_rowStarted)
        {
            _row.Append(',');
        }
        _rowStarted = true;
        if (value is null || value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _row.Append(value);
        }
        else
        {
            _row.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return this;
    }

    /// <summary>An integer, invariant.</summary>
    public CsvWriter Value(long value) => Value(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number that reads back as the same double (<c>52.2215</c>); empty when null.</summary>
    public CsvWriter Value(double? value) => Value(value?.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>An id; empty when null.</summary>
    public CsvWriter Value(Guid? value) => Value(value?.ToString());

    /// <summary>An instant in ISO 8601 with its offset (round-trip format).</summary>
    public CsvWriter Value(DateTimeOffset value) => Value(value.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Euros with a point and two decimals: <c>850.50</c>, <c>-0.50</c>.</summary>
    public CsvWriter Euro(decimal amount) => Value(amount.ToString("0.00", CultureInfo.InvariantCulture));

    /// <summary>A row of names, such as the header.</summary>
    public ValueTask WriteRowAsync(IEnumerable<string> values, CancellationToken cancellationToken)
    {
        foreach (var value in values)
        {
            Value(value);
        }
        return EndRowAsync(cancellationToken);
    }

    /// <summary>Ends the row with CRLF and writes it.</summary>
    public async ValueTask EndRowAsync(CancellationToken cancellationToken)
    {
        _row.Append("\r\n");
        await _writer.WriteAsync(_row, cancellationToken);
        _row.Clear();
        _rowStarted = false;
    }

    /// <summary>Flushes what is buffered and closes the body.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
