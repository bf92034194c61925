using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>"Who do I talk to about X in my wijk": the wijk of the postcode, the routing rules, today's holders, what may be shown.</summary>
[Collection(ContactsCollection.Name)]
public sealed class WhoTests(ContactsService service)
{
    private static async Task<JsonElement> WhoAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"{Root}/who?{query}");
        return await response.OkAsync();
    }

    private static string[] Names(JsonElement answer) =>
        [.. answer.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("name").GetString() ?? c.GetProperty("organisation").GetProperty("name").GetString()!)];

    private static string[] Points(JsonElement contact) =>
        [.. contact.GetProperty("contactPoints").EnumerateArray().Select(p => p.GetProperty("value").GetString()!)];

    [Fact]
    public async Task Groen_in_1221_goes_to_the_wijkregisseur_of_Oost_1221_with_the_wijkteams_mailbox()
    {
        var answer = await WhoAsync(service.Client(), "postcode=1221&topic=groen");

        Assert.Equal(Demo.Oost1221, answer.GetProperty("wijk").GetProperty("id").GetGuid());
        Assert.Equal("Oost 1221", answer.GetProperty("wijk").GetProperty("name").GetString());
        Assert.Equal("groen", answer.GetProperty("topic").GetProperty("key").GetString());
        var contact = Assert.Single(answer.GetProperty("contacts").EnumerateArray());
        Assert.Equal("wijkregisseur", contact.GetProperty("function").GetString());
        Assert.Equal("Jeroen van Dijk", contact.GetProperty("name").GetString());
        Assert.Equal("Gemeente Hilversum", contact.GetProperty("organisation").GetProperty("name").GetString());
        Assert.Equal(["wijkoost@hilversum.example", "14 035", "info@hilversum.example", "https://www.hilversum.nl"], Points(contact));
        Assert.Equal(0, contact.GetProperty("nextOfficeHours").GetArrayLength());
    }

    [Theory]
    [InlineData("1216", "veiligheid", "Dennis Kok")]
    [InlineData("1217 AB", "verkeer", "Dennis Kok")]
    [InlineData("1221", "verkeer", "Gemeente Hilversum")]
    [InlineData("1221", "eenzaamheid", "Lotte Hendriks")]
    [InlineData("1216", "spelen", "Marieke Jansen")]
    [InlineData("1211", "spelen", "Gemeente Hilversum")]
    [InlineData("1221", "Eenzaamheid", "Lotte Hendriks")]
    public async Task A_topic_goes_by_the_most_specific_rule_with_someone_to_talk_to(string postcode, string topic, string expected)
    {
        var answer = await WhoAsync(service.Client(), $"postcode={Uri.EscapeDataString(postcode)}&topic={topic}");

        Assert.Equal([expected], Names(answer));
    }

    [Fact]
    public async Task Without_a_topic_the_wijk_page_lists_everyone_holding_a_function_there_today_in_function_order()
    {
        var byPostcode = await WhoAsync(service.Client(), "postcode=1216");
        var byWijk = await WhoAsync(service.Client(), $"areaId={Demo.Zuid}");

        var functions = byPostcode.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("function").GetString()).ToList();
        Assert.Equal(["wijkregisseur", "wijkwethouder", "wijkagent", "opbouwwerker"], functions.Where(f => !f!.StartsWith("f-", StringComparison.Ordinal)));
        Assert.Equal(JsonValueKind.Null, byPostcode.GetProperty("topic").ValueKind);
        Assert.Equal(Names(byPostcode), Names(byWijk));
    }

    [Fact]
    public async Task The_wijkagents_consented_work_phone_is_public_and_the_opbouwwerkers_details_are_for_staff_only()
    {
        var anonymous = await WhoAsync(service.Client(), "postcode=1221");
        var staff = await WhoAsync(await service.AsAsync(Demo.Admin), "postcode=1221");

        JsonElement Of(JsonElement answer, string function) =>
            answer.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("function").GetString() == function);
        Assert.Contains("06 1234 5678", Points(Of(anonymous, "wijkagent")));
        Assert.DoesNotContain("06 8765 4321", Points(Of(anonymous, "opbouwwerker")));
        Assert.Equal(["035 123 4567", "info@versawelzijn.example", "https://www.versawelzijn.nl"], Points(Of(anonymous, "opbouwwerker")));
        Assert.Contains("06 8765 4321", Points(Of(staff, "opbouwwerker")));
        Assert.Contains("lotte.hendriks@versawelzijn.example", Points(Of(staff, "opbouwwerker")));
    }

    [Fact]
    public async Task An_answer_about_people_is_never_stored_and_one_with_organisations_only_may_be_shared_for_half_a_minute()
    {
        var people = await service.Client().GetAsync($"{Root}/who?postcode=1221&topic=groen");
        var organisation = await service.Client().GetAsync($"{Root}/who?postcode=1221&topic=verkeer");
        var signedIn = await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/who?postcode=1221&topic=verkeer");

        Assert.Equal("no-store", people.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=30", organisation.Headers.CacheControl?.ToString());
        Assert.Equal("no-store", signedIn.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_hand_over_is_followed_on_the_day_it_starts_not_before()
    {
        var holder = await service.HolderAsync(Demo.Centrum, name: "Oude Houder");
        var successor = await service.NewPersonAsync("Nieuwe Houder");
        var later = await service.NewPersonAsync("Latere Houder");
        var admin = await service.AsAsync(Demo.Admin);
        (await admin.PutAsJsonAsync($"{Root}/routing-rules", new { topic = "cultuur", areaId = Demo.Centrum, function = holder.Function })).EnsureSuccessStatusCode();

        await service.AssignAsync(successor, holder.Organisation, holder.Function, [Demo.Centrum], Today, handOver: true);
        await service.AssignAsync(later, holder.Organisation, holder.Function, [Demo.Centrum], Today.AddDays(7), handOver: true);

        Assert.Equal(["Nieuwe Houder"], Names(await WhoAsync(service.Client(), "postcode=1211&topic=cultuur")));
        var old = await admin.GetFromJsonAsync<JsonElement>($"{Root}/assignments/{holder.Assignment}");
        Assert.Equal(Today.AddDays(-1), DateOnly.Parse(old.GetProperty("until").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var events = await service.EventsAboutAsync(holder.Assignment);
        Assert.Equal(["AssignmentRegistered", "AssignmentEnded"], events.Select(e => e.Type));
    }

    [Theory]
    [InlineData("postcode=1234", HttpStatusCode.NotFound, null)]
    [InlineData("postcode=9991", HttpStatusCode.NotFound, null)]
    [InlineData("postcode=12a1", HttpStatusCode.BadRequest, "postcode")]
    [InlineData("postcode=0999", HttpStatusCode.BadRequest, "postcode")]
    [InlineData("postcode=1221&topic=tuinieren", HttpStatusCode.BadRequest, "topic")]
    [InlineData("topic=groen", HttpStatusCode.BadRequest, "postcode")]
    [InlineData("areaId=00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound, null)]
    [InlineData("areaId=zuid", HttpStatusCode.BadRequest, "areaId")]
    public async Task A_question_the_municipality_cannot_answer_is_a_problem_naming_what(string query, HttpStatusCode status, string? field)
    {
        var problem = await service.Client().GetAsync($"{Root}/who?{query}").ProblemAsync(status, field);

        if (query.Contains("tuinieren", StringComparison.Ordinal))
        {
            // The known topics are listed, so the client can offer them.
            Assert.Contains("eenzaamheid, energie, groen", problem.GetProperty("errors").GetProperty("topic")[0].GetString(), StringComparison.Ordinal);
        }
        if (query == "postcode=1234")
        {
            Assert.Contains("1234", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_municipality_gets_its_own_answer_and_none_of_hilversums()
    {
        var answer = await WhoAsync(service.Client(Demo.Voorbeeldstad), "postcode=9991&topic=groen");

        Assert.Equal(["Gemeente Voorbeeldstad"], Names(answer));
        await service.Client(Demo.Voorbeeldstad).GetAsync($"{Root}/who?postcode=1221").ProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The answers are kept per network version; a change committed by another replica (here: SQL, not
    /// this process) raises the version in its own transaction, so the very next answer has it.
    /// </summary>
    [Fact]
    public async Task A_kept_answer_gives_way_to_any_change_committed_elsewhere_at_once_and_a_version_counts_every_change()
    {
        var holder = await service.HolderAsync(Demo.Zuid, "public", "Bewaarde Houder");
        await service.ConsentAsync(holder.Person, [holder.Phone]);
        var query = $"areaId={Demo.Zuid}";
        var version = () => service.Database.ScalarAsync<long>("SELECT version FROM network_versions WHERE tenant_id = 'hilversum'");

        var first = await WhoAsync(service.Client(), query);
        var again = await WhoAsync(service.Client(), query);
        var unchanged = await version();
        await service.Database.ScalarAsync<object>($"UPDATE contact_points SET value = '06 1111 2222' WHERE id = '{holder.Phone}'");
        var raised = await version();
        var afterChange = await WhoAsync(service.Client(), query);
        await service.Database.ScalarAsync<object>($"UPDATE people SET name = 'Hernoemde Houder' WHERE id = '{holder.Person}'");
        var afterRename = await WhoAsync(service.Client(), query);

        var before = first.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Bewaarde Houder");
        Assert.Equal(first.ToString(), again.ToString());
        Assert.True(raised > unchanged, $"the version went from {unchanged} to {raised}");
        Assert.DoesNotContain("06 1111 2222", Points(before));
        Assert.Contains("06 1111 2222", Points(afterChange.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Bewaarde Houder")));
        Assert.Contains("Hernoemde Houder", Names(afterRename));
        Assert.DoesNotContain("Bewaarde Houder", Names(afterRename));
    }
}
