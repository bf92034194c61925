using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>A GDPR request for one person: the tenant admin exports everything held about them, and erases it.</summary>
[Collection(ContactsCollection.Name)]
public sealed class GdprTests(ContactsService service)
{
    [Fact]
    public async Task The_export_holds_every_contact_point_the_whole_consent_history_and_every_assignment()
    {
        var holder = await service.HolderAsync(Demo.Oost1223, name: "Export Persoon");
        var email = await service.NewPersonalPointAsync(holder.Person, "email", "export@example.nl", "network");
        var consent = await service.ConsentAsync(holder.Person, [holder.Phone, email]);
        var admin = await service.AsAsync(Demo.Admin);
        (await admin.PostAsync($"{Root}/people/{holder.Person}/consents/{consent}/withdrawals", null)).EnsureSuccessStatusCode();

        var response = await admin.GetAsync($"{Root}/people/{holder.Person}/export");

        var export = await response.OkAsync();
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Export Persoon", export.GetProperty("name").GetString());
        Assert.Equal(2, export.GetProperty("contactPoints").GetArrayLength());
        Assert.All(export.GetProperty("contactPoints").EnumerateArray(), p => Assert.Equal("staff", p.GetProperty("shownTo").GetString()));
        Assert.Equal(["given", "withdrawn"], export.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(holder.Assignment, Assert.Single(export.GetProperty("assignments").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Erasure_deletes_the_points_and_consents_keeps_nothing_personal_and_tells_the_others()
    {
        var holder = await service.HolderAsync(Demo.Oost1223, name: "Wis Persoon");
        var consent = await service.ConsentAsync(holder.Person, [holder.Phone]);
        var admin = await service.AsAsync(Demo.Admin);

        var whileHolding = await admin.DeleteAsync($"{Root}/people/{holder.Person}");
        (await admin.PostAsJsonAsync($"{Root}/assignments/{holder.Assignment}/end", new { until = Today.AddDays(-1) })).EnsureSuccessStatusCode();
        var erased = await admin.DeleteAsync($"{Root}/people/{holder.Person}");

        await whileHolding.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        await admin.GetAsync($"{Root}/people/{holder.Person}").ProblemAsync(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"{Root}/people/{holder.Person}").ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM contact_points WHERE person_id = '{holder.Person}'"));
        Assert.Equal(0L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM consent_records WHERE person_id = '{holder.Person}'"));
        Assert.Equal("Verwijderd", await service.Database.ScalarAsync<string>($"SELECT name FROM people WHERE id = '{holder.Person}'"));
        // The history of the function stays, without the name.
        var history = await admin.GetFromJsonAsync<JsonElement>($"{Root}/assignments/{holder.Assignment}");
        Assert.Equal("Verwijderd", history.GetProperty("personName").GetString());
        var events = await service.EventsAboutAsync(holder.Person);
        Assert.Contains(events, e => e.Type == "PersonErased");
        Assert.Contains(await service.EventsAboutAsync(consent), e => e.Type == "ConsentGiven");
    }

    [Fact]
    public async Task The_trigger_lets_only_an_erasure_delete_consent_records()
    {
        var holder = await service.HolderAsync(Demo.Oost1223);
        var consent = await service.ConsentAsync(holder.Person, [holder.Phone]);

        var plain = await service.SqlErrorAsync($"DELETE FROM consent_records WHERE id = '{consent}'");
        var erasing = await service.SqlErrorAsync($"BEGIN; SET LOCAL buurt.erasing = 'on'; DELETE FROM consent_records WHERE id = '{consent}'; COMMIT;");

        Assert.StartsWith("23001", plain);
        Assert.Null(erasing);
        Assert.Equal(0L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM consent_records WHERE id = '{consent}'"));
    }

    [Theory]
    [InlineData(Demo.Director, "GET", "/export")]
    [InlineData(Demo.Director, "DELETE", "")]
    [InlineData(Demo.Resident, "GET", "/export")]
    [InlineData(null, "DELETE", "")]
    public async Task Only_the_tenant_admin_exports_or_erases_a_person(string? email, string method, string suffix)
    {
        var person = await service.OnceAsync("gdpr-person", () => service.NewPersonAsync("Beschermd Persoon"));
        var client = email is null ? service.Client() : await service.AsAsync(email);
        var before = await service.RowCountsAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{Root}/people/{person}{suffix}"));

        Assert.Equal(email is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await service.RowCountsAsync());
    }
}
