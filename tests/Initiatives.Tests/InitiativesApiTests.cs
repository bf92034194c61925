using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Buurt.Testing;

namespace Buurt.Initiatives.Tests;

public sealed class InitiativesApiTests(InitiativesService service) : IClassFixture<InitiativesService>
{
    private const string Base = "/api/initiatives/v1/initiatives";

    private static JsonObject ValidBody(Guid? area = null) => new()
    {
        ["title"] = "Bankje bij de speeltuin",
        ["description"] = "Ouders willen kunnen zitten terwijl de kinderen spelen.",
        ["areaId"] = (area ?? InitiativesService.Zuid).ToString(),
        ["theme"] = "fysiek",
        ["requestedAmount"] = 850.50m,
        ["location"] = new JsonObject { ["lat"] = 52.2166, ["lon"] = 5.1736 },
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<JsonElement> SubmitAsync(JsonObject body, string tenant = "hilversum")
    {
        var client = await service.ResidentAsync(tenant);
        return await SubmitAsync(client, body);
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsync(Base, Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_submitted_initiative_is_stored_answered_with_201_and_its_location_and_raises_InitiativeSubmitted()
    {
        var client = await service.ResidentAsync();

        var response = await client.PostAsync(Base, Json(ValidBody().ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("submitted", created.GetProperty("status").GetString());
        Assert.Equal("fysiek", created.GetProperty("theme").GetString());
        Assert.Equal(850.50m, created.GetProperty("requestedAmount").GetDecimal());
        Assert.Equal(52.2166, created.GetProperty("location").GetProperty("lat").GetDouble());
        // ISO 8601 with an offset.
        Assert.Matches(@"T\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", created.GetProperty("submittedAt").GetString());
        Assert.Equal($"{Base}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("1.0.0", response.Headers.GetValues("API-Version").Single());

        var read = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal(created.ToString(), read.ToString());

        var events = (await service.OutboxAsync()).Where(m => m.Payload.Contains(id.ToString(), StringComparison.Ordinal)).ToList();
        var submitted = Assert.Single(events);
        Assert.Contains("InitiativeSubmitted", submitted.Type, StringComparison.Ordinal);
        Assert.Equal("hilversum", submitted.TenantId);
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadBodies()
    {
        static string With(Action<JsonObject> change)
        {
            var body = ValidBody();
            change(body);
            return body.ToJsonString();
        }

        return new()
        {
            { "not JSON", """{"title": "Bankje", """, HttpStatusCode.BadRequest, null },
            { "an array", "[]", HttpStatusCode.BadRequest, null },
            { "empty body", "", HttpStatusCode.BadRequest, null },
            { "no title", With(b => b.Remove("title")), HttpStatusCode.BadRequest, "title" },
            { "empty title", With(b => b["title"] = ""), HttpStatusCode.BadRequest, "title" },
            { "over-long title", With(b => b["title"] = new string('x', 121)), HttpStatusCode.BadRequest, "title" },
            { "no description", With(b => b["description"] = null), HttpStatusCode.BadRequest, "description" },
            { "over-long description", With(b => b["description"] = new string('x', 4001)), HttpStatusCode.BadRequest, "description" },
            { "no wijk", With(b => b.Remove("areaId")), HttpStatusCode.BadRequest, "areaId" },
            { "wijk not an id", With(b => b["areaId"] = "zuid"), HttpStatusCode.BadRequest, "areaId" },
            { "unknown wijk", With(b => b["areaId"] = Guid.NewGuid().ToString()), HttpStatusCode.BadRequest, "areaId" },
            { "another municipality's wijk", With(b => b["areaId"] = InitiativesService.VoorbeeldstadNoord.ToString()), HttpStatusCode.BadRequest, "areaId" },
            { "no theme", With(b => b.Remove("theme")), HttpStatusCode.BadRequest, "theme" },
            { "unknown theme", With(b => b["theme"] = "groen"), HttpStatusCode.BadRequest, "theme" },
            { "no amount", With(b => b.Remove("requestedAmount")), HttpStatusCode.BadRequest, "requestedAmount" },
            { "negative amount", With(b => b["requestedAmount"] = -1m), HttpStatusCode.BadRequest, "requestedAmount" },
            { "fraction of a cent", With(b => b["requestedAmount"] = 10.005m), HttpStatusCode.BadRequest, "requestedAmount" },
            { "amount over the maximum", With(b => b["requestedAmount"] = 10_000_000.01m), HttpStatusCode.BadRequest, "requestedAmount" },
            { "amount as text", With(b => b["requestedAmount"] = "veel"), HttpStatusCode.BadRequest, "requestedAmount" },
            { "latitude off the globe", With(b => b["location"]!["lat"] = 91), HttpStatusCode.BadRequest, "location.lat" },
            { "location without longitude", With(b => b["location"]!.AsObject().Remove("lon")), HttpStatusCode.BadRequest, "location.lon" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_submission_gets_400_problem_details_naming_the_field_and_stores_nothing(
        string why, string body, HttpStatusCode status, string? field)
    {
        var before = await service.CountEverythingAsync();

        var response = await (await service.ResidentAsync()).PostAsync(Base, Json(body));

        Assert.True(status == response.StatusCode, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.ProblemAsync(status, field);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            Assert.NotEmpty(problem.GetProperty("errors").GetProperty(field)[0].GetString()!);
        }
        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_stores_nothing()
    {
        var before = await service.CountEverythingAsync();
        var body = ValidBody();
        body["description"] = new string('x', 300 * 1024);

        var response = await (await service.ResidentAsync()).PostAsync(Base, Json(body.ToJsonString()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_gets_415()
    {
        var response = await (await service.ResidentAsync()).PostAsync(Base, new StringContent("title=Bankje", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    public static TheoryData<string, string?, HttpStatusCode> RefusedCallers() => new()
    {
        { "anonymous", null, HttpStatusCode.Unauthorized },
        { "a director (not a resident)", "director.zuid@hilversum.example", HttpStatusCode.Forbidden },
        { "a resident of another municipality", "voorbeeldstad:resident@voorbeeldstad.example", HttpStatusCode.Forbidden },
        { "a tampered token", "tampered", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(RefusedCallers))]
    public async Task Only_a_resident_of_the_municipality_may_submit(string who, string? account, HttpStatusCode status)
    {
        var before = await service.CountEverythingAsync();
        var client = service.Client("hilversum");
        if (account == "tampered")
        {
            var token = await service.Identity!.TokenAsync("hilversum", InitiativesService.Resident);
            // Change the payload, keep the signature.
            var parts = token.Split('.');
            var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
            payload["role"] = "tenant-admin";
            parts[1] = Base64UrlEncode(payload.ToJsonString());
            client.DefaultRequestHeaders.Authorization = Buurt.Testing.TestIdentity.Bearer(string.Join('.', parts));
        }
        else if (account is not null)
        {
            var (tenant, email) = account.Contains(':', StringComparison.Ordinal) ? (account.Split(':')[0], account.Split(':')[1]) : ("hilversum", account);
            client.DefaultRequestHeaders.Authorization = Buurt.Testing.TestIdentity.Bearer(await service.Identity!.TokenAsync(tenant, email));
        }

        var response = await client.PostAsync(Base, Json(ValidBody().ToJsonString()));

        Assert.True(status == response.StatusCode, $"{who}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await service.CountEverythingAsync());
    }

    private static string Base64UrlDecode(string text) => Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(text));

    private static string Base64UrlEncode(string text) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_request_without_a_tenant_gets_400_and_stores_nothing()
    {
        var before = await service.CountEverythingAsync();

        var client = service.Client(tenant: null);
        client.DefaultRequestHeaders.Authorization = (await service.ResidentAsync()).DefaultRequestHeaders.Authorization;

        var response = await client.PostAsync(Base, Json(ValidBody().ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await service.CountEverythingAsync());
    }

    [Theory]
    [InlineData("/api/initiatives/v1/nothing")]
    [InlineData(Base + "/not-an-id")]
    [InlineData("/api/initiatives/v2/initiatives")]
    public async Task An_unknown_route_gets_404(string path)
    {
        var response = await service.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_initiative_gets_404_problem_details()
    {
        var response = await service.Client().GetAsync($"{Base}/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task One_municipality_never_sees_another_municipalitys_initiatives()
    {
        var created = await SubmitAsync(ValidBody(InitiativesService.Oost1221));
        var id = created.GetProperty("id").GetGuid();
        var other = service.Client("voorbeeldstad");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Base}/{id}")).StatusCode);
        var list = await other.GetFromJsonAsync<JsonElement>($"{Base}?pageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, (await service.Client("hilversum").GetAsync($"{Base}/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_list_is_filtered_by_wijk_paged_and_newest_first()
    {
        var client = service.Client();
        var ids = new List<Guid>();
        var resident = await service.ResidentAsync();
        foreach (var title in new[] { "Eerste", "Tweede", "Derde" })
        {
            var body = ValidBody(InitiativesService.Centrum);
            body["title"] = title;
            ids.Add((await SubmitAsync(resident, body)).GetProperty("id").GetGuid());
        }
        await SubmitAsync(resident, ValidBody(InitiativesService.Zuid));

        var first = await client.GetFromJsonAsync<JsonElement>($"{Base}?areaId={InitiativesService.Centrum}&page=1&pageSize=2");
        var second = await client.GetFromJsonAsync<JsonElement>($"{Base}?areaId={InitiativesService.Centrum}&page=2&pageSize=2");

        Assert.Equal(3, first.GetProperty("total").GetInt64());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("id").GetGuid()).ToList();
        ids.Reverse();
        Assert.Equal(ids, listed);
    }

    [Fact]
    public async Task The_anonymous_list_is_public_for_a_few_seconds_with_an_ETag_and_a_signed_in_one_is_not()
    {
        var url = $"{Base}?areaId={Demo.Oost1223}";
        var anonymous = service.Client();

        var first = await anonymous.GetAsync(url);
        var etag = first.Headers.ETag;
        var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag!);
        var notModified = await anonymous.SendAsync(revalidate);
        await SubmitAsync(ValidBody(Demo.Oost1223));
        var changed = new HttpRequestMessage(HttpMethod.Get, url);
        changed.Headers.IfNoneMatch.Add(etag!);
        var afterSubmit = await anonymous.SendAsync(changed);
        var signedIn = await (await service.ResidentAsync()).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=5", first.Headers.CacheControl?.ToString());
        Assert.NotNull(etag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal("public, max-age=5", notModified.Headers.CacheControl?.ToString());
        // A change is a new list, with a new ETag.
        Assert.Equal(HttpStatusCode.OK, afterSubmit.StatusCode);
        Assert.NotEqual(etag, afterSubmit.Headers.ETag);
        Assert.Equal(1, (await afterSubmit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64());
        // What a signed-in caller gets is for them: no shared cache may keep it.
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.False(signedIn.Headers.CacheControl?.Public ?? false);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=x", "page")]
    [InlineData("areaId=zuid", "areaId")]
    public async Task Bad_list_parameters_get_400_problem_details(string query, string field)
    {
        var response = await service.Client().GetAsync($"{Base}?{query}");

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_initiatives_endpoints()
    {
        var document = await service.Client(tenant: null).GetFromJsonAsync<JsonElement>("/api/initiatives/v1/openapi.json");

        // Paths are relative to the server URL, which names the major version (ADR /core/uri-version).
        Assert.Equal("/api/initiatives/v1", document.GetProperty("servers")[0].GetProperty("url").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/initiatives", out var list), paths.ToString());
        Assert.True(list.TryGetProperty("post", out _));
        Assert.True(list.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/initiatives/{id}", out _));
    }

    [Fact]
    public async Task Health_reports_live_and_ready_with_the_database_and_the_broker()
    {
        var client = service.Client(tenant: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, report.ToString());
        var checks = report.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Contains("database", checks);
        Assert.Contains(checks, c => c.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Metrics_are_exposed_for_Prometheus()
    {
        await service.Client().GetAsync(Base);

        var metrics = await service.Client(tenant: null).GetStringAsync("/metrics");

        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }
}
