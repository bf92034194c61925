using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Identity.Data;
using Buurt.Messaging.Outbox;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Identity.Tests;

public sealed class AreaAdminTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Areas = "/api/identity/v1/areas";

    private async Task<List<OutboxMessage>> EventsAboutAsync(Guid areaId)
    {
        await using var scope = fixture.Identity.Factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync();
        return [.. rows.Where(r => r.Payload.Contains(areaId.ToString(), StringComparison.Ordinal))];
    }

    private static string Code() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task The_tenant_admin_adds_a_wijk_with_a_buurt_and_postcodes_and_each_is_public_and_published()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var code = Code();

        var wijk = await admin.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Nieuwe Wijk", code });
        Assert.Equal(HttpStatusCode.Created, wijk.StatusCode);
        var wijkId = (await wijk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var buurt = await admin.PostAsJsonAsync(Areas, new { kind = "buurt", name = "Nieuwe Buurt", code = code + "-B", parentId = wijkId });
        Assert.Equal(HttpStatusCode.Created, buurt.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"{Areas}/{wijkId}/postcodes", new { from = 1230, to = 1231 })).StatusCode);
        var renamed = await admin.PutAsJsonAsync($"{Areas}/{wijkId}", new { name = "Nieuwere Wijk", code });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var list = await fixture.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>(Areas);
        var listed = list.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == wijkId);
        Assert.Equal("Nieuwere Wijk", listed.GetProperty("name").GetString());
        Assert.Equal("Nieuwe Buurt", listed.GetProperty("buurten")[0].GetProperty("name").GetString());
        var postcode = await fixture.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>("/api/identity/v1/postcodes/1231");
        Assert.Equal(wijkId, postcode.GetProperty("area").GetProperty("id").GetGuid());
        var events = await EventsAboutAsync(wijkId);
        Assert.Contains(events, e => e.Type.Contains("AreaRegistered", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Type.Contains("AreaChanged", StringComparison.Ordinal));
        var postcodes = JsonDocument.Parse(events.Single(e => e.Type.Contains("PostcodeRangeAdded", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal((1230, 1231), (postcodes.GetProperty("from").GetInt32(), postcodes.GetProperty("to").GetInt32()));
        Assert.All(events, e => Assert.Equal(Demo.Hilversum, e.TenantId));
    }

    [Fact]
    public async Task A_wijk_may_carry_its_boundary_as_GeoJSON()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var boundary = new { type = "Polygon", coordinates = new[] { new[] { new[] { 5.17, 52.21 }, new[] { 5.18, 52.21 }, new[] { 5.18, 52.22 }, new[] { 5.17, 52.21 } } } };

        var created = await admin.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Met Grens", code = Code(), boundary });
        var refused = await admin.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Punt", code = Code(), boundary = new { type = "Point", coordinates = new[] { 5.17, 52.21 } } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var list = await fixture.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>(Areas);
        var wijk = list.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == id);
        Assert.Equal("Polygon", wijk.GetProperty("boundary").GetProperty("type").GetString());
        await refused.ProblemAsync(HttpStatusCode.BadRequest, "boundary");
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData(Demo.Hilversum, Demo.Resident, HttpStatusCode.Forbidden)]
    [InlineData(Demo.Hilversum, Demo.Director, HttpStatusCode.Forbidden)]
    [InlineData(Demo.Voorbeeldstad, Demo.VoorbeeldstadAdmin, HttpStatusCode.Forbidden)]
    public async Task Only_the_municipalitys_own_admin_may_change_its_areas(string? tenant, string? email, HttpStatusCode status)
    {
        var client = fixture.Client(Demo.Hilversum);
        if (email is not null)
        {
            client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync(tenant!, email));
        }
        var code = Code();

        var response = await client.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Stiekem", code });

        Assert.Equal(status, response.StatusCode);
        var list = await fixture.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>(Areas);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), w => w.GetProperty("code").GetString() == code);
    }

    public static TheoryData<object, HttpStatusCode, string?> BadAreas() => new()
    {
        { new { kind = "buurt", name = "Los", code = "LOS1" }, HttpStatusCode.BadRequest, "parentId" }, // a buurt without its wijk
        { new { kind = "buurt", name = "Los", code = "LOS2", parentId = Demo.VoorbeeldstadNoord }, HttpStatusCode.BadRequest, "parentId" }, // another municipality's wijk
        { new { kind = "buurt", name = "Los", code = "LOS6", parentId = Demo.ZuidNoord }, HttpStatusCode.BadRequest, "parentId" }, // a buurt in a buurt
        { new { kind = "wijk", name = "Los", code = "LOS3", parentId = Demo.Zuid }, HttpStatusCode.BadRequest, "parentId" }, // a wijk inside a wijk
        { new { kind = "wijk", name = "Dubbel", code = "hz" }, HttpStatusCode.Conflict, null }, // an existing code
        { new { kind = "stad", name = "Los", code = "LOS4" }, HttpStatusCode.BadRequest, "kind" },
        { new { kind = "wijk", name = "Los", code = "L O S" }, HttpStatusCode.BadRequest, "code" },
        { new { kind = "wijk", code = "LOS5" }, HttpStatusCode.BadRequest, "name" },
    };

    [Theory]
    [MemberData(nameof(BadAreas))]
    public async Task A_bad_area_gets_a_4xx_naming_the_problem_and_changes_nothing(object body, HttpStatusCode status, string? field)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var before = (await fixture.Client(Demo.Hilversum).GetStringAsync(Areas)).Length;

        var response = admin.PostAsJsonAsync(Areas, body);

        await response.ProblemAsync(status, field);
        Assert.Equal(before, (await fixture.Client(Demo.Hilversum).GetStringAsync(Areas)).Length);
    }

    [Theory]
    [InlineData(1216, 1216, HttpStatusCode.Conflict, null)]
    [InlineData(1299, 1298, HttpStatusCode.BadRequest, "to")]
    [InlineData(999, 1000, HttpStatusCode.BadRequest, "from")]
    public async Task Postcode_ranges_do_not_overlap_and_run_forward(int from, int to, HttpStatusCode status, string? field)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        var response = admin.PostAsJsonAsync($"{Areas}/{Demo.Zuid}/postcodes", new { from, to });

        await response.ProblemAsync(status, field);
    }

    [Fact]
    public async Task Postcodes_map_to_a_wijk_of_this_municipality_only()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        var buurt = admin.PostAsJsonAsync($"{Areas}/{Demo.ZuidNoord}/postcodes", new { from = 1290, to = 1291 });
        var elsewhere = admin.PostAsJsonAsync($"{Areas}/{Demo.VoorbeeldstadNoord}/postcodes", new { from = 1292, to = 1293 });
        var renamedElsewhere = admin.PutAsJsonAsync($"{Areas}/{Demo.VoorbeeldstadNoord}", new { name = "Stiekem", code = "STIEK" });

        await buurt.ProblemAsync(HttpStatusCode.BadRequest, "id");
        await elsewhere.ProblemAsync(HttpStatusCode.NotFound);
        await renamedElsewhere.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_area_keeps_its_code_unique_when_it_is_changed()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        var response = admin.PutAsJsonAsync($"{Areas}/{Demo.Zuid}", new { name = "Zuid", code = "hc" });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_tenant_admin_removes_a_postcode_range_which_then_finds_no_wijk_and_is_published()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"{Areas}/{Demo.Centrum}/postcodes", new { from = 1240, to = 1241 })).StatusCode);

        // Only the wijk's own range, by its start; and only by the municipality's admin.
        await admin.DeleteAsync($"{Areas}/{Demo.Zuid}/postcodes/1240").ProblemAsync(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"{Areas}/{Demo.Centrum}/postcodes/1241").ProblemAsync(HttpStatusCode.NotFound);
        var director = fixture.Client(Demo.Hilversum);
        director.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync(Demo.Hilversum, Demo.Director));
        Assert.Equal(HttpStatusCode.Forbidden, (await director.DeleteAsync($"{Areas}/{Demo.Centrum}/postcodes/1240")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client(Demo.Hilversum).GetAsync("/api/identity/v1/postcodes/1241")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Areas}/{Demo.Centrum}/postcodes/1240")).StatusCode);

        await fixture.Client(Demo.Hilversum).GetAsync("/api/identity/v1/postcodes/1241").ProblemAsync(HttpStatusCode.NotFound);
        var ranges = await fixture.Client(Demo.Hilversum).GetFromJsonAsync<JsonElement>("/api/identity/v1/postcodes");
        Assert.DoesNotContain(ranges.GetProperty("items").EnumerateArray(), r => r.GetProperty("from").GetInt32() == 1240);
        var removed = (await EventsAboutAsync(Demo.Centrum)).Single(e => e.Type.Contains("PostcodeRangeRemoved", StringComparison.Ordinal));
        var payload = JsonDocument.Parse(removed.Payload).RootElement;
        Assert.Equal((1240, 1241), (payload.GetProperty("from").GetInt32(), payload.GetProperty("to").GetInt32()));
        // Its postcodes may go to another wijk now.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"{Areas}/{Demo.Zuid}/postcodes", new { from = 1240, to = 1241 })).StatusCode);
    }
}
