using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Buurt.Contracts.Identity;
using Buurt.Identity.Data;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Identity.Tests;

/// <summary>A municipality's wijken, buurten and postcodes from a file: CSV or the CBS wijk- en buurtkaart.</summary>
public sealed class AreaImportTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Imports = "/api/identity/v1/areas/imports";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static StringContent GeoJson(object collection) => new(JsonSerializer.Serialize(collection), Encoding.UTF8, "application/geo+json");

    private static object Square(double x, double y, int points = 4) => new
    {
        type = "Polygon",
        coordinates = new[] { Enumerable.Range(0, points).Select(i => new[] { x + (0.01 * Math.Cos(2 * Math.PI * i / points)), y + (0.01 * Math.Sin(2 * Math.PI * i / points)) })
            .Append([x + 0.01, y]).ToArray() },
    };

    private async Task<int> AreaCountAsync(string tenant)
    {
        await using var scope = fixture.Identity.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>().Areas.IgnoreQueryFilters().CountAsync(a => a.TenantId == tenant);
    }

    [Fact]
    public async Task A_CSV_makes_wijken_buurten_and_postcodes_once_however_often_it_is_sent()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        const string file = "kind,code,name,parent,postcodes\r\n" +
            "wijk,IMP-A,Importwijk A,,4101-4102 4104\r\n" +
            "buurt,IMP-A1,\"Buurt A1, oost\",IMP-A,\r\n" +
            "wijk,IMP-B,Importwijk B,,4110\r\n" +
            "buurt,IMP-B1,Buurt B1,IMP-B,\r\n";

        var first = await (await admin.PostAsync(Imports, Csv(file))).OkAsync();
        var again = await (await admin.PostAsync(Imports, Csv(file))).OkAsync();

        Assert.Equal(4, first.GetProperty("created").GetInt32());
        Assert.Equal(3, first.GetProperty("postcodeRanges").GetInt32());
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(4, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("postcodeRanges").GetInt32());
        var wijk = await fixture.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>("/api/identity/v1/postcodes/4104");
        Assert.Equal("Importwijk A", wijk.GetProperty("area").GetProperty("name").GetString());
        var areas = await fixture.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>("/api/identity/v1/areas");
        Assert.Contains(areas.GetProperty("items").EnumerateArray(), w => w.GetProperty("code").GetString() == "IMP-A"
            && w.GetProperty("buurten").EnumerateArray().Any(b => b.GetProperty("name").GetString() == "Buurt A1, oost"));
        // The other services hear of them as of areas made by hand.
        await fixture.Identity.Published.WaitForAsync<PostcodeRangeAdded>(p => p.From == 4110);
    }

    [Fact]
    public async Task The_CBS_wijk_en_buurtkaart_keeps_its_codes_and_boundaries_also_beyond_the_usual_body_limit()
    {
        var admin = await fixture.ClientAsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad);
        var map = new
        {
            type = "FeatureCollection",
            features = new object[]
            {
                // Buurt before its wijk: the file's order does not matter.
                new { type = "Feature", properties = new { buurtcode = "BU99990101", buurtnaam = "Centrum-Noord", wijkcode = "WK999901", gemeentecode = "GM9999" }, geometry = Square(5.1, 52.2, 12_000) },
                new { type = "Feature", properties = new { wijkcode = "WK999901", wijknaam = "Centrum", gemeentecode = "GM9999" }, geometry = Square(5.1, 52.2) },
            },
        };
        var body = GeoJson(map);
        Assert.True((await body.ReadAsByteArrayAsync()).Length > 256 * 1024, "the file is bigger than a request may normally be");

        var result = await (await admin.PostAsync(Imports, body)).OkAsync();

        Assert.Equal(2, result.GetProperty("created").GetInt32());
        await using var scope = fixture.Identity.Factory.Services.CreateAsyncScope();
        var buurt = await scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>().Areas.IgnoreQueryFilters().SingleAsync(a => a.Code == "BU99990101");
        Assert.Contains("Polygon", buurt.BoundaryGeoJson, StringComparison.Ordinal);
    }

    // Each file starts with a good wijk, which must not stay behind when a later row fails.
    public static TheoryData<string, string> BadFiles => new()
    {
        { "kind,code,name\r\nwijk,GOED-1,Goed\r\nstraat,X1,Iets\r\n", "rows[2].kind" },
        { "kind,code,name,parent\r\nwijk,GOED-2,Goed,\r\nbuurt,X2,Zwerver,GEEN-WIJK\r\n", "rows[2].parent" },
        { "kind,code,name\r\nwijk,GOED-3,Goed\r\nwijk,X3,Dubbel\r\nwijk,X3,Dubbel\r\n", "rows[3].code" },
        { "kind,code,name,parent,postcodes\r\nwijk,GOED-4,Goed,,4150\r\nwijk,X4,Botsing,,1216\r\n", "rows[2].postcodes" },
        { "kind,code,name,parent,postcodes\r\nwijk,GOED-5,Goed,,\r\nwijk,X5,Onzin,,12a4\r\n", "rows[2].postcodes" },
        { "code,name\r\nGOED-6,Zonder soort\r\n", "file" },
        { "kind,code,name\r\nwijk,GOED-7,Goed\r\nwijk,X7,\r\n", "rows[2].name" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_row_names_itself_and_nothing_of_the_file_is_kept(string file, string field)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var before = await AreaCountAsync(Demo.Hilversum);

        await admin.PostAsync(Imports, Csv(file)).ProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await AreaCountAsync(Demo.Hilversum));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client(Demo.Hilversum).GetAsync("/api/identity/v1/postcodes/4150")).StatusCode);
    }

    [Fact]
    public async Task A_map_in_RD_coordinates_or_another_file_type_is_refused_with_what_to_send()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var rd = new { type = "FeatureCollection", crs = new { type = "name", properties = new { name = "urn:ogc:def:crs:EPSG::28992" } }, features = Array.Empty<object>() };

        await admin.PostAsync(Imports, GeoJson(rd)).ProblemAsync(HttpStatusCode.BadRequest, "crs");
        await admin.PostAsync(Imports, new StringContent("<xml/>", Encoding.UTF8, "application/xml")).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.ClientAsAsync(Demo.Resident)).PostAsync(Imports, Csv("kind,code,name\r\n"))).StatusCode);
    }
}
