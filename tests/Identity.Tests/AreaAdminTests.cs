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
        var admin = await fixture.ClientAsAsync("admin@hilversum.example");
        var code = Code();

        var wijk = await admin.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Nieuwe Wijk", code });
        Assert.Equal(HttpStatusCode.Created, wijk.StatusCode);
        var wijkId = (await wijk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var buurt = await admin.PostAsJsonAsync(Areas, new { kind = "buurt", name = "Nieuwe Buurt", code = code + "-B", parentId = wijkId });
        Assert.Equal(HttpStatusCode.Created, buurt.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"{Areas}/{wijkId}/postcodes", new { from = 1230, to = 1231 })).StatusCode);
        var renamed = await admin.PutAsJsonAsync($"{Areas}/{wijkId}", new { name = "Nieuwere Wijk", code });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var list = await fixture.Client("hilversum").GetFromJsonAsync<JsonElement>(Areas);
        var listed = list.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == wijkId);
        Assert.Equal("Nieuwere Wijk", listed.GetProperty("name").GetString());
        Assert.Equal("Nieuwe Buurt", listed.GetProperty("buurten")[0].GetProperty("name").GetString());
        var postcode = await fixture.Client("hilversum").GetFromJsonAsync<JsonElement>("/api/identity/v1/postcodes/1231");
        Assert.Equal(wijkId, postcode.GetProperty("area").GetProperty("id").GetGuid());
        var events = await EventsAboutAsync(wijkId);
        Assert.Contains(events, e => e.Type.Contains("AreaRegistered", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Type.Contains("AreaChanged", StringComparison.Ordinal));
        Assert.All(events, e => Assert.Equal("hilversum", e.TenantId));
    }

    [Fact]
    public async Task A_wijk_may_carry_its_boundary_as_GeoJSON()
    {
        var admin = await fixture.ClientAsAsync("admin@hilversum.example");
        var boundary = new { type = "Polygon", coordinates = new[] { new[] { new[] { 5.17, 52.21 }, new[] { 5.18, 52.21 }, new[] { 5.18, 52.22 }, new[] { 5.17, 52.21 } } } };

        var created = await admin.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Met Grens", code = Code(), boundary });
        var refused = await admin.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Punt", code = Code(), boundary = new { type = "Point", coordinates = new[] { 5.17, 52.21 } } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var list = await fixture.Client("hilversum").GetFromJsonAsync<JsonElement>(Areas);
        var wijk = list.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == id);
        Assert.Equal("Polygon", wijk.GetProperty("boundary").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("boundary", out _));
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData("hilversum", "resident@hilversum.example", HttpStatusCode.Forbidden)]
    [InlineData("hilversum", "director.zuid@hilversum.example", HttpStatusCode.Forbidden)]
    [InlineData("voorbeeldstad", "admin@voorbeeldstad.example", HttpStatusCode.Forbidden)]
    public async Task Only_the_municipalitys_own_admin_may_change_its_areas(string? tenant, string? email, HttpStatusCode status)
    {
        var client = fixture.Client("hilversum");
        if (email is not null)
        {
            client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync(tenant!, email));
        }
        var code = Code();

        var response = await client.PostAsJsonAsync(Areas, new { kind = "wijk", name = "Stiekem", code });

        Assert.Equal(status, response.StatusCode);
        var list = await fixture.Client("hilversum").GetFromJsonAsync<JsonElement>(Areas);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), w => w.GetProperty("code").GetString() == code);
    }

    public static TheoryData<string, object, HttpStatusCode, string?> BadAreas() => new()
    {
        { "a buurt without its wijk", new { kind = "buurt", name = "Los", code = "LOS1" }, HttpStatusCode.BadRequest, "parentId" },
        { "a buurt in another municipality's wijk", new { kind = "buurt", name = "Los", code = "LOS2", parentId = "40437c71-c350-5967-8430-06f36ad69767" }, HttpStatusCode.BadRequest, "parentId" },
        { "a wijk inside a wijk", new { kind = "wijk", name = "Los", code = "LOS3", parentId = Demo.Zuid }, HttpStatusCode.BadRequest, "parentId" },
        { "an existing code", new { kind = "wijk", name = "Dubbel", code = "hz" }, HttpStatusCode.Conflict, null },
        { "an unknown kind", new { kind = "stad", name = "Los", code = "LOS4" }, HttpStatusCode.BadRequest, "kind" },
        { "a code with spaces", new { kind = "wijk", name = "Los", code = "L O S" }, HttpStatusCode.BadRequest, "code" },
        { "no name", new { kind = "wijk", code = "LOS5" }, HttpStatusCode.BadRequest, "name" },
    };

    [Theory]
    [MemberData(nameof(BadAreas))]
    public async Task A_bad_area_gets_a_4xx_naming_the_problem_and_changes_nothing(string why, object body, HttpStatusCode status, string? field)
    {
        var admin = await fixture.ClientAsAsync("admin@hilversum.example");
        var before = (await fixture.Client("hilversum").GetStringAsync(Areas)).Length;

        var response = await admin.PostAsJsonAsync(Areas, body);

        Assert.True(status == response.StatusCode, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: {problem}");
        }
        Assert.Equal(before, (await fixture.Client("hilversum").GetStringAsync(Areas)).Length);
    }

    [Theory]
    [InlineData(1216, 1216, HttpStatusCode.Conflict)]
    [InlineData(1299, 1298, HttpStatusCode.BadRequest)]
    [InlineData(999, 1000, HttpStatusCode.BadRequest)]
    public async Task Postcode_ranges_do_not_overlap_and_run_forward(int from, int to, HttpStatusCode status)
    {
        var admin = await fixture.ClientAsAsync("admin@hilversum.example");

        var response = await admin.PostAsJsonAsync($"{Areas}/{Demo.Zuid}/postcodes", new { from, to });

        Assert.Equal(status, response.StatusCode);
    }
}
