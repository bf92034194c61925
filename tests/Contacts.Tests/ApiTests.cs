using System.Net;
using System.Text;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>Bad input gets a 4xx naming the field (or the rule) and changes nothing; the wrong caller gets 401/403 and changes nothing.</summary>
[Collection(ContactsCollection.Name)]
public sealed class ApiTests(ContactsService service)
{
    private const string Venue = """{"name":"Zaal","address":"Straat 1","city":"Hilversum","location":{"lat":52.22,"lon":5.17}""";
    private const string Consent = "\"contactPointIds\":[\"{point}\"],\"visibility\":\"public\",\"basis\":\"in-person\",\"textVersion\":\"2026-01\"";
    private const string Assignment = "\"personId\":\"{person}\",\"organisationId\":\"{org}\",\"function\":\"{function}\",";

    /// <summary>A scene made once: an organisation, a person with a point, another person's point, a function held in Centrum.</summary>
    private sealed record Scene(Guid Org, Guid Person, Guid Point, Guid OtherPoint, string Function, Guid Assignment);

    private Task<Scene> SceneAsync() => service.OnceAsync("api-scene", async () =>
    {
        var holder = await service.HolderAsync(Demo.Centrum);
        var other = await service.NewPersonAsync();
        return new Scene(holder.Organisation, holder.Person, holder.Phone, await service.NewPersonalPointAsync(other, "phone", "06 0000 0000", "public"),
            holder.Function, holder.Assignment);
    });

    public static TheoryData<string, string, string, HttpStatusCode, string?> BadInput => new()
    {
        { "POST", "/organisations", "{}", HttpStatusCode.BadRequest, "name" },
        { "POST", "/organisations", """{"name":" ","kind":"police"}""", HttpStatusCode.BadRequest, "name" },
        { "POST", "/organisations", """{"name":"X"}""", HttpStatusCode.BadRequest, "kind" },
        { "POST", "/organisations", """{"name":"X","kind":"bakery"}""", HttpStatusCode.BadRequest, "kind" },
        { "POST", "/organisations", """{"name":"X","kind":"police","contactPoints":[{"kind":"email","value":"nope"}]}""", HttpStatusCode.BadRequest, "value" },
        { "POST", "/organisations", """{"name":"X","kind":"police","contactPoints":[{"kind":"phone","value":"035 123","areaId":"{zuid}"}]}""", HttpStatusCode.BadRequest, "contactPoints[0].areaId" },
        { "PUT", "/organisations/{unknown}", """{"name":"X","kind":"police"}""", HttpStatusCode.NotFound, null },
        { "POST", "/organisations/{org}/contact-points", """{"kind":"fax","value":"1"}""", HttpStatusCode.BadRequest, "kind" },
        { "POST", "/organisations/{org}/contact-points", """{"kind":"website","value":"javascript:alert(1)"}""", HttpStatusCode.BadRequest, "value" },
        { "POST", "/organisations/{org}/contact-points", """{"kind":"phone","value":"035 1234","visibility":"everyone"}""", HttpStatusCode.BadRequest, "visibility" },
        { "POST", "/people", "{}", HttpStatusCode.BadRequest, "name" },
        { "POST", "/people", "{\"name\":\"" + new string('x', 121) + "\"}", HttpStatusCode.BadRequest, "name" },
        { "POST", "/people/{person}/contact-points", """{"kind":"email","value":"x"}""", HttpStatusCode.BadRequest, "value" },
        { "POST", "/people/{person}/contact-points", """{"kind":"email"}""", HttpStatusCode.BadRequest, "value" },
        { "POST", "/people/{person}/contact-points", """{"kind":"email","value":"a@b.nl","areaId":"{zuid}"}""", HttpStatusCode.BadRequest, "areaId" },
        { "POST", "/people/{unknown}/contact-points", """{"kind":"email","value":"a@b.nl"}""", HttpStatusCode.NotFound, null },
        { "POST", "/people/{person}/consents", """{"contactPointIds":[],"visibility":"public","basis":"in-person","textVersion":"1"}""", HttpStatusCode.BadRequest, "contactPointIds" },
        { "POST", "/people/{person}/consents", """{"contactPointIds":["{otherPoint}"],"visibility":"public","basis":"in-person","textVersion":"1"}""", HttpStatusCode.BadRequest, "contactPointIds" },
        { "POST", "/people/{person}/consents", "{" + Consent.Replace("\"public\"", "\"staff\"", StringComparison.Ordinal) + "}", HttpStatusCode.BadRequest, "visibility" },
        { "POST", "/people/{person}/consents", "{" + Consent.Replace("in-person", "by-phone", StringComparison.Ordinal) + "}", HttpStatusCode.BadRequest, "basis" },
        { "POST", "/people/{person}/consents", "{" + Consent.Replace("in-person", "on-platform", StringComparison.Ordinal) + "}", HttpStatusCode.BadRequest, "basis" },
        { "POST", "/people/{person}/consents", """{"contactPointIds":["{point}"],"visibility":"public","basis":"in-person"}""", HttpStatusCode.BadRequest, "textVersion" },
        { "POST", "/people/{unknown}/consents", "{" + Consent + "}", HttpStatusCode.NotFound, null },
        { "POST", "/people/{person}/consents/{unknown}/withdrawals", "{}", HttpStatusCode.NotFound, null },
        { "POST", "/assignments", "{" + Assignment + """ "areaIds":["{centrum}"],"from":"2031-03-01","until":"2031-02-28"}""", HttpStatusCode.BadRequest, "until" },
        { "POST", "/assignments", "{" + Assignment + """ "areaIds":["{noord}"],"from":"2031-03-01"}""", HttpStatusCode.BadRequest, "areaIds" },
        { "POST", "/assignments", "{" + Assignment + """ "areaIds":["{buurt}"],"from":"2031-03-01"}""", HttpStatusCode.BadRequest, "areaIds" },
        { "POST", "/assignments", "{" + Assignment + """ "areaIds":[],"from":"2031-03-01"}""", HttpStatusCode.BadRequest, "areaIds" },
        { "POST", "/assignments", "{" + Assignment + """ "areaIds":["{centrum}"]}""", HttpStatusCode.BadRequest, "from" },
        { "POST", "/assignments", "{" + Assignment + """ "areaIds":["{centrum}"],"from":"2031-03-01"}""", HttpStatusCode.Conflict, "from" },
        { "POST", "/assignments", """{"personId":"{person}","organisationId":"{org}","function":"astronaut","areaIds":["{zuid}"],"from":"2031-03-01"}""", HttpStatusCode.BadRequest, "function" },
        { "POST", "/assignments", """{"personId":"{unknown}","organisationId":"{org}","function":"{function}","areaIds":["{zuid}"],"from":"2031-03-01"}""", HttpStatusCode.BadRequest, "personId" },
        { "POST", "/assignments", """{"personId":"{person}","organisationId":"{unknown}","function":"{function}","areaIds":["{zuid}"],"from":"2031-03-01"}""", HttpStatusCode.BadRequest, "organisationId" },
        { "POST", "/assignments/{assignment}/end", """{"until":"2000-01-01"}""", HttpStatusCode.BadRequest, "until" },
        { "POST", "/assignments/{assignment}/end", "{}", HttpStatusCode.BadRequest, "until" },
        { "PUT", "/assignments/{assignment}", """{"areaIds":["{noord}"]}""", HttpStatusCode.BadRequest, "areaIds" },
        { "POST", "/assignments/{unknown}/end", """{"until":"2031-01-01"}""", HttpStatusCode.NotFound, null },
        { "POST", "/venues", Venue.Replace("52.22", "5.17", StringComparison.Ordinal).Replace("5.17}", "52.22}", StringComparison.Ordinal) + "}", HttpStatusCode.BadRequest, "location.lat" },
        { "POST", "/venues", """{"name":"Zaal","address":"Straat 1","city":"Hilversum"}""", HttpStatusCode.BadRequest, "location" },
        { "POST", "/venues", Venue + ""","areaId":"{noord}"}""", HttpStatusCode.BadRequest, "areaId" },
        { "POST", "/venues", Venue + ""","organisationId":"{unknown}"}""", HttpStatusCode.BadRequest, "organisationId" },
        { "POST", "/venues", Venue + ""","openingHours":[{"day":"monday","opens":"17:00:00","closes":"09:00:00"}]}""", HttpStatusCode.BadRequest, "openingHours" },
        { "POST", "/venues", Venue + ""","openingHours":[{"day":"someday","opens":"09:00:00","closes":"17:00:00"}]}""", HttpStatusCode.BadRequest, "openingHours[0].day" },
        { "POST", "/venues", Venue + ""","postcode":"12345"}""", HttpStatusCode.BadRequest, "postcode" },
        { "PUT", "/functions/Wijk%20Agent", """{"name":"Wijk agent"}""", HttpStatusCode.BadRequest, "key" },
        { "PUT", "/functions/stadsdichter", "{}", HttpStatusCode.BadRequest, "name" },
        { "POST", "/functions/{function}/contact-points", """{"kind":"email","value":"a@b.nl","areaId":"{noord}"}""", HttpStatusCode.BadRequest, "areaId" },
        { "POST", "/functions/astronaut/contact-points", """{"kind":"email","value":"a@b.nl"}""", HttpStatusCode.BadRequest, "key" },
        { "PUT", "/topics/groen2", """{"name":"Groen 2","theme":"blauw"}""", HttpStatusCode.BadRequest, "theme" },
        { "PUT", "/routing-rules", """{"topic":"tuinieren","function":"wijkagent"}""", HttpStatusCode.BadRequest, "topic" },
        { "PUT", "/routing-rules", """{"topic":"groen"}""", HttpStatusCode.BadRequest, "function" },
        { "PUT", "/routing-rules", """{"topic":"groen","function":"wijkagent","organisationId":"{org}"}""", HttpStatusCode.BadRequest, "function" },
        { "PUT", "/routing-rules", """{"topic":"groen","function":"astronaut"}""", HttpStatusCode.BadRequest, "function" },
        { "PUT", "/routing-rules", """{"topic":"groen","areaId":"{noord}","function":"wijkagent"}""", HttpStatusCode.BadRequest, "areaId" },
        { "PUT", "/routing-rules", """{"topic":"groen","organisationId":"{unknown}"}""", HttpStatusCode.BadRequest, "organisationId" },
        { "GET", "/assignments?on=gisteren", "", HttpStatusCode.BadRequest, "on" },
        { "GET", "/venues?areaId=zuid", "", HttpStatusCode.BadRequest, "areaId" },
        { "GET", "/organisations?kind=bakery", "", HttpStatusCode.BadRequest, "kind" },
        { "GET", "/people?page=0", "", HttpStatusCode.BadRequest, "page" },
        { "GET", "/listing-reports?status=closed", "", HttpStatusCode.BadRequest, "status" },
        { "GET", "/listing-reports?status=Open", "", HttpStatusCode.BadRequest, "status" },
        { "GET", "/listing-reports?pageSize=101", "", HttpStatusCode.BadRequest, "pageSize" },
        { "GET", "/listings/unverified?page=0", "", HttpStatusCode.BadRequest, "page" },
        { "GET", "/listings/unverified?pageSize=x", "", HttpStatusCode.BadRequest, "pageSize" },
        { "GET", "/organisations/{unknown}/changes", "", HttpStatusCode.NotFound, null },
        { "POST", "/organisations/{unknown}/verification", "", HttpStatusCode.NotFound, null },
        { "POST", "/people/{unknown}/verification", "", HttpStatusCode.NotFound, null },
        { "POST", "/listing-reports/{unknown}/resolution", """{"note":"Opgelost."}""", HttpStatusCode.NotFound, null },
        { "POST", "/listing-reports", """{"organisationId":"{org}","note":""}""", HttpStatusCode.BadRequest, "note" },
        { "POST", "/listing-reports", """{"organisationId":"{unknown}","note":"Klopt niet."}""", HttpStatusCode.BadRequest, "organisationId" },
        { "GET", "/open-data/hsds/organizations.json", "", HttpStatusCode.BadRequest, "file" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_problem_naming_the_field_or_the_rule_and_changes_nothing(
        string method, string path, string body, HttpStatusCode status, string? field)
    {
        var scene = await SceneAsync();
        var admin = await service.AsAsync(Demo.Admin);
        var before = await service.RowCountsAsync();

        var response = await admin.SendAsync(Request(method, Fill(path, scene), Fill(body, scene)));

        await response.ProblemAsync(status, field);
        Assert.Equal(before, await service.RowCountsAsync());
    }

    public static TheoryData<string?, string, string, string, HttpStatusCode> Access => new()
    {
        { null, "POST", "/organisations", """{"name":"X","kind":"school"}""", HttpStatusCode.Unauthorized },
        { Demo.Resident, "POST", "/organisations", """{"name":"X","kind":"school"}""", HttpStatusCode.Forbidden },
        { Demo.Partner, "POST", "/organisations", """{"name":"X","kind":"school"}""", HttpStatusCode.Forbidden },
        { Demo.Alderman, "POST", "/organisations", """{"name":"X","kind":"school"}""", HttpStatusCode.Forbidden },
        { Demo.Partner, "DELETE", "/organisations/{org}", "", HttpStatusCode.Forbidden },
        { Demo.Resident, "POST", "/people", """{"name":"X"}""", HttpStatusCode.Forbidden },
        { Demo.Partner, "POST", "/people/{person}/contact-points", """{"kind":"email","value":"a@b.nl"}""", HttpStatusCode.Forbidden },
        { Demo.Resident, "POST", "/people/{person}/consents", "{" + Consent + "}", HttpStatusCode.Forbidden },
        { Demo.Resident, "GET", "/people/{person}/consents", "", HttpStatusCode.Forbidden },
        { null, "GET", "/people", "", HttpStatusCode.Unauthorized },
        { Demo.Resident, "GET", "/people", "", HttpStatusCode.Forbidden },
        { Demo.BudgetController, "POST", "/assignments", "{" + Assignment + """ "areaIds":["{zuid}"],"from":"2031-03-01"}""", HttpStatusCode.Forbidden },
        { Demo.Director, "POST", "/assignments", "{" + Assignment + """ "areaIds":["{centrum}"],"from":"2031-03-01"}""", HttpStatusCode.Forbidden },
        { Demo.Director, "POST", "/assignments/{assignment}/end", """{"until":"2031-01-01"}""", HttpStatusCode.Forbidden },
        { Demo.Director, "PUT", "/functions/stadsdichter", """{"name":"Stadsdichter"}""", HttpStatusCode.Forbidden },
        { Demo.Director, "PUT", "/topics/sport", """{"name":"Sport","theme":"sociaal"}""", HttpStatusCode.Forbidden },
        { Demo.Director, "PUT", "/routing-rules", """{"topic":"groen","function":"wijkagent"}""", HttpStatusCode.Forbidden },
        { Demo.Director, "PUT", "/routing-rules", """{"topic":"groen","areaId":"{centrum}","function":"wijkagent"}""", HttpStatusCode.Forbidden },
        { Demo.Director, "POST", "/venues", Venue + ""","areaId":"{centrum}"}""", HttpStatusCode.Forbidden },
        { Demo.Partner, "POST", "/venues", Venue + "}", HttpStatusCode.Forbidden },
        { Demo.VoorbeeldstadAdmin, "POST", "/organisations", """{"name":"X","kind":"school"}""", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task The_wrong_caller_is_refused_and_changes_nothing(string? email, string method, string path, string body, HttpStatusCode status)
    {
        var scene = await SceneAsync();
        // A voorbeeldstad token sent to hilversum: refused before anything runs.
        var client = service.Client();
        if (email is not null)
        {
            var tenant = email.EndsWith("@voorbeeldstad.example", StringComparison.Ordinal) ? Demo.Voorbeeldstad : Demo.Hilversum;
            client.DefaultRequestHeaders.Authorization = (await service.AsAsync(email, tenant)).DefaultRequestHeaders.Authorization;
        }
        var before = await service.RowCountsAsync();

        var response = await client.SendAsync(Request(method, Fill(path, scene), Fill(body, scene)));

        Assert.True(status == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(before, await service.RowCountsAsync());
    }

    [Fact]
    public async Task A_wijkregisseur_keeps_their_own_wijks_network_and_the_admin_the_municipalitys_lists()
    {
        var director = await service.AsAsync(Demo.Director);
        var admin = await service.AsAsync(Demo.Admin);
        var key = "f-" + Guid.NewGuid().ToString("N")[..8];

        var organisation = await director.PostAsync($"{Root}/organisations", Json("""{"name":"Speeltuinvereniging Zuid","kind":"resident-group"}"""));
        var function = await admin.PutAsync($"{Root}/functions/{key}", Json("""{"name":"Speeltuincoach"}"""));
        var renamed = await admin.PutAsync($"{Root}/functions/{key}", Json("""{"name":"Speeltuincoach Zuid","position":5}"""));
        var point = await director.PostAsync($"{Root}/functions/{key}/contact-points", Json($$"""{"kind":"email","value":"speeltuin@hilversum.example","areaId":"{{Demo.Zuid}}"}"""));
        var rule = await director.PutAsync($"{Root}/routing-rules", Json($$"""{"topic":"spelen","areaId":"{{Demo.Zuid}}","function":"{{key}}"}"""));
        var again = await director.PutAsync($"{Root}/routing-rules", Json($$"""{"topic":"spelen","areaId":"{{Demo.Zuid}}","function":"wijkregisseur"}"""));

        Assert.Equal(HttpStatusCode.Created, organisation.StatusCode);
        Assert.Equal(HttpStatusCode.Created, function.StatusCode);
        Assert.Equal("Speeltuincoach Zuid", (await renamed.OkAsync()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Created, point.StatusCode);
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await rule.OkAsync()).GetProperty("id").GetGuid(), (await again.OkAsync()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, (await director.DeleteAsync($"{Root}/routing-rules/{(await rule.OkAsync()).GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task An_organisation_leaves_the_network_only_when_no_one_holds_a_function_for_it_any_more()
    {
        var holder = await service.HolderAsync(Demo.Oost1223);
        var admin = await service.AsAsync(Demo.Admin);

        var refused = await admin.DeleteAsync($"{Root}/organisations/{holder.Organisation}");
        (await admin.PostAsync($"{Root}/assignments/{holder.Assignment}/end", Json($$"""{"until":"{{Today.AddDays(-1):O}}"}"""))).EnsureSuccessStatusCode();
        var ended = await admin.DeleteAsync($"{Root}/organisations/{holder.Organisation}");
        var twice = await admin.DeleteAsync($"{Root}/organisations/{holder.Organisation}");

        await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await twice.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["OrganisationRegistered", "OrganisationEnded"], (await service.EventsAboutAsync(holder.Organisation))
            .Select(e => e.Type).Where(t => t.StartsWith("Organisation", StringComparison.Ordinal)));
        var listed = await service.Client().GetAsync($"{Root}/organisations?pageSize=100").OkAsync();
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == holder.Organisation);
    }

    [Fact]
    public async Task The_organisations_are_searched_by_part_of_their_name_in_any_case_and_filtered_by_kind_as_the_api_spells_it()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var admin = await service.AsAsync(Demo.Admin);
        foreach (var (name, kind) in new[] { ($"Buurtvereniging {marker}", "resident-group"), ($"School {marker.ToUpperInvariant()}", "school"), ("Elders", "school") })
        {
            await admin.PostAsync($"{Root}/organisations", Json($$"""{"name":"{{name}}","kind":"{{kind}}"}""")).OkAsync();
        }

        var found = await service.Client().GetAsync($"{Root}/organisations?q={marker}&pageSize=100").OkAsync();
        var schools = await service.Client().GetAsync($"{Root}/organisations?q=%25{marker}_&kind=school").OkAsync();
        var groups = await service.Client().GetAsync($"{Root}/organisations?q={marker}&kind=resident-group").OkAsync();

        Assert.Equal([$"Buurtvereniging {marker}", $"School {marker.ToUpperInvariant()}"],
            found.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(2, found.GetProperty("total").GetInt64());
        Assert.Equal([$"School {marker.ToUpperInvariant()}"], schools.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal([$"Buurtvereniging {marker}"], groups.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Request(string method, string path, string body) => new(new HttpMethod(method), Root + path)
    {
        Content = method is "GET" or "DELETE" ? null : Json(body),
    };

    private static string Fill(string text, Scene scene) => text
        .Replace("{org}", scene.Org.ToString(), StringComparison.Ordinal)
        .Replace("{person}", scene.Person.ToString(), StringComparison.Ordinal)
        .Replace("{point}", scene.Point.ToString(), StringComparison.Ordinal)
        .Replace("{otherPoint}", scene.OtherPoint.ToString(), StringComparison.Ordinal)
        .Replace("{function}", scene.Function, StringComparison.Ordinal)
        .Replace("{assignment}", scene.Assignment.ToString(), StringComparison.Ordinal)
        .Replace("{zuid}", Demo.Zuid.ToString(), StringComparison.Ordinal)
        .Replace("{centrum}", Demo.Centrum.ToString(), StringComparison.Ordinal)
        .Replace("{noord}", Demo.VoorbeeldstadNoord.ToString(), StringComparison.Ordinal)
        .Replace("{buurt}", Demo.ZuidNoord.ToString(), StringComparison.Ordinal)
        .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

    [Fact]
    public async Task A_functions_own_contact_points_are_listed_with_their_wijk_and_removed_by_who_keeps_them()
    {
        var director = await service.AsAsync(Demo.Director);
        var admin = await service.AsAsync(Demo.Admin);
        var resident = await service.AsAsync(Demo.Resident);
        var key = "p-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PutAsync($"{Root}/functions/{key}", Json("""{"name":"Puntenfunctie"}"""))).EnsureSuccessStatusCode();
        var zuid = await (await director.PostAsync($"{Root}/functions/{key}/contact-points",
            Json($$"""{"kind":"email","value":"zuid@hilversum.example","areaId":"{{Demo.Zuid}}"}"""))).OkAsync();
        var everywhere = await (await admin.PostAsync($"{Root}/functions/{key}/contact-points", Json("""{"kind":"phone","value":"14 035"}"""))).OkAsync();

        var listed = await (await director.GetAsync($"{Root}/functions/{key}/contact-points")).OkAsync();
        var directorRemovesEveryWijks = await director.DeleteAsync($"{Root}/functions/{key}/contact-points/{everywhere.GetProperty("id").GetGuid()}");
        var residentReads = await resident.GetAsync($"{Root}/functions/{key}/contact-points");
        var adminRemoves = await admin.DeleteAsync($"{Root}/functions/{key}/contact-points/{everywhere.GetProperty("id").GetGuid()}");
        var directorRemoves = await director.DeleteAsync($"{Root}/functions/{key}/contact-points/{zuid.GetProperty("id").GetGuid()}");
        var again = await director.DeleteAsync($"{Root}/functions/{key}/contact-points/{zuid.GetProperty("id").GetGuid()}");
        var left = await (await admin.GetAsync($"{Root}/functions/{key}/contact-points")).OkAsync();

        // Every wijk's first, then each wijk's with its wijk.
        Assert.Equal(["14 035", "zuid@hilversum.example"], listed.EnumerateArray().Select(p => p.GetProperty("value").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[0].GetProperty("areaId").ValueKind);
        Assert.Equal(Demo.Zuid, listed[1].GetProperty("areaId").GetGuid());
        await directorRemovesEveryWijks.ProblemAsync(HttpStatusCode.Forbidden);
        await residentReads.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, adminRemoves.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, directorRemoves.StatusCode);
        await again.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, left.GetArrayLength());
    }
}
