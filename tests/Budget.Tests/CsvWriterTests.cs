using System.Text;
using Buurt.ServiceDefaults.Api;

namespace Buurt.Budget.Tests;

/// <summary>The one CSV rule every export uses (libs/ServiceDefaults), without a server.</summary>
public sealed class CsvWriterTests
{
    private static async Task<byte[]> WriteAsync(Action<CsvWriter> row)
    {
        var body = new MemoryStream();
        await using (var csv = new CsvWriter(body))
        {
            row(csv);
            await csv.EndRowAsync(CancellationToken.None);
        }
        return body.ToArray();
    }

    public static TheoryData<string?, string> FreeText => new()
    {
        { null, "" },
        { "", "" },
        { "Bankje bij de speeltuin", "Bankje bij de speeltuin" },
        // Formula starters (OWASP): a spreadsheet would run these.
        { "=SUM(A1)", "'=SUM(A1)" },
        { "+31 35 123", "'+31 35 123" },
        { "-2+3", "'-2+3" },
        { "@SUM(A1)", "'@SUM(A1)" },
        { "\t=1+1", "'\t=1+1" },
        { "\r=1+1", "\"'\r=1+1\"" },
        // Only the first character counts.
        { "a=b", "a=b" },
        { " =1", " =1" },
        // RFC 4180: quoted when holding a comma, quote, CR or LF; a quote is doubled.
        { "Kerk, plein", "\"Kerk, plein\"" },
        { "het \"oude\" hek", "\"het \"\"oude\"\" hek\"" },
        { "regel 1\nregel 2", "\"regel 1\nregel 2\"" },
        { "regel 1\r\nregel 2", "\"regel 1\r\nregel 2\"" },
        { "=\"a\",b", "\"'=\"\"a\"\",b\"" },
        { "\ttab", "'\ttab" },
    };

    [Theory]
    [MemberData(nameof(FreeText))]
    public async Task Free_text_is_quoted_by_RFC_4180_and_never_starts_a_formula(string? value, string expected)
    {
        var bytes = await WriteAsync(csv => csv.Text(value));

        Assert.Equal(expected + "\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Values_are_invariant_quoted_when_needed_but_not_guarded_and_rows_end_in_CRLF_without_a_BOM()
    {
        var id = Guid.Parse("0199a5f1-0000-7000-8000-000000000001");
        var bytes = await WriteAsync(csv => csv
            .Value(-12).Euro(-0.5m).Euro(1_234.56m).Value(52.2215).Value((double?)null).Value(id).Value((Guid?)null)
            .Value(new DateTimeOffset(2026, 11, 23, 10, 15, 30, TimeSpan.FromHours(1))).Value("deal-proposed").Value("a,b"));

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(
            "-12,-0.50,1234.56,52.2215,,0199a5f1-0000-7000-8000-000000000001,,2026-11-23T10:15:30.0000000+01:00,deal-proposed,\"a,b\"\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Rows_are_separated_by_CRLF_and_a_row_starts_without_a_separator()
    {
        var body = new MemoryStream();
        await using (var csv = new CsvWriter(body))
        {
            await csv.WriteRowAsync(["id", "title"], CancellationToken.None);
            await csv.Value(1).Text("één").EndRowAsync(CancellationToken.None);
            await csv.Value(2).Text("").EndRowAsync(CancellationToken.None);
        }

        Assert.Equal("id,title\r\n1,één\r\n2,\r\n", Encoding.UTF8.GetString(body.ToArray()));
    }
}
