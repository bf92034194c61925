using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>
/// Personal details only with consent: a person's own points are shown beyond staff only under a
/// standing consent, a withdrawal counts in the very next answer, consent records are only ever added.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class ConsentTests(ContactsService service)
{
    private static async Task<string[]> VisibleAsync(HttpClient client, Guid person)
    {
        var response = await client.GetAsync($"{Root}/people/{person}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return [.. (await response.OkAsync()).GetProperty("contactPoints").EnumerateArray().Select(p => p.GetProperty("value").GetString()!)];
    }

    private static async Task<string[]> WhoPointsAsync(HttpClient client, string postcode, string function)
    {
        var answer = await client.GetAsync($"{Root}/who?postcode={postcode}").OkAsync();
        return [.. answer.GetProperty("contacts").EnumerateArray().Where(c => c.GetProperty("function").GetString() == function)
            .SelectMany(c => c.GetProperty("contactPoints").EnumerateArray()).Select(p => p.GetProperty("value").GetString()!)];
    }

    [Fact]
    public async Task The_check_flow_a_consent_shows_a_personal_phone_and_its_withdrawal_hides_it_in_the_very_next_answer()
    {
        var admin = await service.AsAsync(Demo.Admin);
        var organisation = await IdOfAsync(admin.PostAsJsonAsync($"{Root}/organisations", new { name = "Buurtvereniging Test", kind = "resident-group" }));
        var person = await IdOfAsync(admin.PostAsJsonAsync($"{Root}/people", new { name = "Consent Persoon" }));
        var phone = await IdOfAsync(admin.PostAsJsonAsync($"{Root}/people/{person}/contact-points", new { kind = "phone", value = "06 5555 0001", visibility = "public" }));
        var function = await service.NewFunctionAsync();
        await IdOfAsync(admin.PostAsJsonAsync($"{Root}/assignments",
            new { personId = person, organisationId = organisation, function, areaIds = new[] { Demo.Oost1223 }, from = Today }));

        Assert.Empty(await VisibleAsync(service.Client(), person));
        Assert.Empty(await WhoPointsAsync(service.Client(), "1223", function));
        Assert.Equal(["06 5555 0001"], await VisibleAsync(admin, person));

        var consent = await IdOfAsync(admin.PostAsJsonAsync($"{Root}/people/{person}/consents",
            new { contactPointIds = new[] { phone }, visibility = "public", basis = "in-person", textVersion = "2026-01" }));
        Assert.Equal(["06 5555 0001"], await VisibleAsync(service.Client(), person));
        Assert.Equal(["06 5555 0001"], await WhoPointsAsync(service.Client(), "1223", function));

        var withdrawal = await admin.PostAsync($"{Root}/people/{person}/consents/{consent}/withdrawals", null);
        Assert.Equal(HttpStatusCode.Created, withdrawal.StatusCode);
        Assert.Empty(await VisibleAsync(service.Client(), person));
        Assert.Empty(await WhoPointsAsync(service.Client(), "1223", function));
        Assert.Equal(["06 5555 0001"], await VisibleAsync(admin, person));

        var events = await service.EventsAboutAsync(consent);
        Assert.Equal(["ConsentGiven", "ConsentWithdrawn"], events.Select(e => e.Type));
        Assert.DoesNotContain(events, e => e.Payload.GetRawText().Contains("06 5555", StringComparison.Ordinal));
    }

    private static readonly string[] s_everyCircle = ["public@example.nl", "residents@example.nl", "network@example.nl", "staff@example.nl"];

    public static TheoryData<string?, string[]> Circles => new()
    {
        // Who asks (null: anonymous) and what they see of a person working in Zuid with a point meant
        // for each circle, all under a public consent: each sees the circles they are in.
        { null, s_everyCircle[..1] },
        { Demo.Resident, s_everyCircle[..2] },
        { Demo.ResidentOost, s_everyCircle[..2] },
        { Demo.Partner, s_everyCircle[..3] },
        { Demo.Director, s_everyCircle },
        { Demo.Alderman, s_everyCircle },
        { Demo.Admin, s_everyCircle },
    };

    [Theory]
    [MemberData(nameof(Circles))]
    public async Task Residents_never_see_network_or_staff_points_partners_see_the_network_of_their_wijk_staff_everything(string? email, string[] expected)
    {
        var person = await service.OnceAsync("circles-zuid", () => PersonWithEveryCircleAsync(Demo.Zuid, "public"));
        var client = email is null ? service.Client() : await service.AsAsync(email);

        Assert.Equal(expected, await VisibleAsync(client, person));
    }

    [Fact]
    public async Task A_partner_sees_no_network_points_of_someone_working_in_another_wijk()
    {
        var person = await service.OnceAsync("circles-oost", () => PersonWithEveryCircleAsync(Demo.Oost1223, "public"));

        Assert.Equal(s_everyCircle[..2], await VisibleAsync(await service.AsAsync(Demo.Partner), person));
    }

    [Fact]
    public async Task A_consent_to_the_network_shows_even_a_public_point_to_the_network_only()
    {
        var person = await service.OnceAsync("circles-network", () => PersonWithEveryCircleAsync(Demo.Zuid, "network"));

        Assert.Empty(await VisibleAsync(await service.AsAsync(Demo.Resident), person));
        Assert.Equal(s_everyCircle[..3], await VisibleAsync(await service.AsAsync(Demo.Partner), person));
    }

    [Fact]
    public async Task Another_municipality_sees_nothing_of_a_person_not_even_with_its_own_token()
    {
        var person = await service.OnceAsync("circles-zuid", () => PersonWithEveryCircleAsync(Demo.Zuid, "public"));

        await service.Client(Demo.Voorbeeldstad).GetAsync($"{Root}/people/{person}").ProblemAsync(HttpStatusCode.NotFound);
        await (await service.AsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad)).GetAsync($"{Root}/people/{person}").ProblemAsync(HttpStatusCode.NotFound);
        var crossing = service.Client(Demo.Hilversum);
        crossing.DefaultRequestHeaders.Authorization = (await service.AsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad)).DefaultRequestHeaders.Authorization;
        await crossing.GetAsync($"{Root}/people/{person}").ProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>A person holding a function in <paramref name="wijk"/> with an e-mail address per circle, all under one consent.</summary>
    private async Task<Guid> PersonWithEveryCircleAsync(Guid wijk, string consentTo)
    {
        var person = await service.NewPersonAsync("Kring Persoon");
        var points = new List<Guid>();
        foreach (var circle in new[] { "public", "residents", "network", "staff" })
        {
            points.Add(await service.NewPersonalPointAsync(person, "email", $"{circle}@example.nl", circle));
        }
        await service.AssignAsync(person, await service.NewOrganisationAsync(), await service.NewFunctionAsync(), [wijk], Today.AddDays(-10));
        await service.ConsentAsync(person, [.. points], consentTo);
        return person;
    }

    [Fact]
    public async Task A_person_with_an_account_gives_and_withdraws_consent_themselves_on_the_platform_and_reads_their_history()
    {
        var account = await service.UserIdOfAsync(Demo.ResidentOost);
        var person = await service.NewPersonAsync("Ahmed El Amrani", account);
        var email = await service.NewPersonalPointAsync(person, "email", "ahmed@example.nl", "residents");
        var self = await service.AsAsync(Demo.ResidentOost);

        var refused = await self.PostAsJsonAsync($"{Root}/people/{person}/consents",
            new { contactPointIds = new[] { email }, visibility = "residents", basis = "in-person", textVersion = "2026-01" });
        var consent = await IdOfAsync(self.PostAsJsonAsync($"{Root}/people/{person}/consents",
            new { contactPointIds = new[] { email }, visibility = "residents", basis = "on-platform", textVersion = "2026-01" }));
        var other = await (await service.AsAsync(Demo.Resident)).PostAsync($"{Root}/people/{person}/consents/{consent}/withdrawals", null);
        var withdrawn = await self.PostAsync($"{Root}/people/{person}/consents/{consent}/withdrawals", null);
        var again = await self.PostAsync($"{Root}/people/{person}/consents/{consent}/withdrawals", null);
        var history = await self.GetFromJsonAsync<JsonElement>($"{Root}/people/{person}/consents");
        // How an app finds its user's person record: people/me (an account without one: 404; signed out: 401).
        var me = await self.GetAsync($"{Root}/people/me");
        var noPerson = await (await service.AsAsync(Demo.BudgetController)).GetAsync($"{Root}/people/me");
        var anonymous = await service.Client().GetAsync($"{Root}/people/me");

        await refused.ProblemAsync(HttpStatusCode.BadRequest, "basis");
        await other.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        var mine = await me.OkAsync();
        Assert.Equal(person, mine.GetProperty("id").GetGuid());
        Assert.Equal(["ahmed@example.nl"], mine.GetProperty("contactPoints").EnumerateArray().Select(p => p.GetProperty("value").GetString()));
        Assert.Equal("no-store", me.Headers.CacheControl?.ToString());
        await noPerson.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(["given", "withdrawn"], history.EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        Assert.All(history.EnumerateArray(), r => Assert.Equal("on-platform", r.GetProperty("basis").GetString()));
        Assert.All(history.EnumerateArray(), r => Assert.Equal(account.ToString(), r.GetProperty("recordedBy").GetString()));
        Assert.Equal(account, (await self.GetFromJsonAsync<JsonElement>($"{Root}/people/{person}")).GetProperty("userId").GetGuid());
        Assert.Equal(JsonValueKind.Null, (await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/people/{person}")).GetProperty("userId").ValueKind);
    }

    [Fact]
    public async Task Consent_records_are_only_ever_added_PostgreSQL_refuses_to_change_or_delete_one()
    {
        var holder = await service.HolderAsync(Demo.Oost1223);
        var consent = await service.ConsentAsync(holder.Person, [holder.Phone]);

        var update = await service.SqlErrorAsync($"UPDATE consent_records SET visibility = 'Staff' WHERE id = '{consent}'");
        var delete = await service.SqlErrorAsync($"DELETE FROM consent_records WHERE id = '{consent}'");

        Assert.StartsWith("23001", update);
        Assert.StartsWith("23001", delete);
        Assert.Equal(1L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM consent_records WHERE id = '{consent}' AND visibility = 'Public'"));
    }
}
