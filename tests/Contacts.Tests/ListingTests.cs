using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>
/// Partners keep their own organisation's listing (the description and contact points; the name and
/// kind stay the keepers'), every change recorded with who and when; residents report an outdated
/// listing once, and the keepers resolve reports with a note.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class ListingTests(ContactsService service)
{
    /// <summary>An organisation the partner of Zuid works for today (their account's person holds a function for it), and one they do not.</summary>
    private async Task<(Guid Own, Guid Other)> PartnerOrganisationsAsync()
    {
        var partnerPerson = await service.OnceAsync("partner-person", async () =>
            await service.NewPersonAsync("Partner Zuid", await service.UserIdOfAsync(Demo.Partner)));
        var own = await service.NewOrganisationAsync("Eigen Organisatie", [new { kind = "phone", value = "035 100 2000", visibility = "public" }]);
        await service.AssignAsync(partnerPerson, own, await service.NewFunctionAsync(), [Demo.Zuid], Today.AddDays(-3));
        return (own, await service.NewOrganisationAsync("Andere Organisatie"));
    }

    [Fact]
    public async Task A_partner_changes_their_own_organisations_description_and_contact_points_each_change_recorded_with_who_and_when()
    {
        var (own, _) = await PartnerOrganisationsAsync();
        var partner = await service.AsAsync(Demo.Partner);
        var partnerId = await service.UserIdOfAsync(Demo.Partner);
        var listing = await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{own}");
        var phone = listing.GetProperty("contactPoints")[0].GetProperty("id").GetGuid();

        var described = await partner.PutAsJsonAsync($"{Root}/organisations/{own}", new { name = "Eigen Organisatie", kind = "social-work", description = "Hulp bij formulieren." });
        var added = await partner.PostAsJsonAsync($"{Root}/organisations/{own}/contact-points", new { kind = "email", value = "team@eigen.example", label = "Team" });
        var changed = await partner.PutAsJsonAsync($"{Root}/organisations/{own}/contact-points/{phone}", new { kind = "phone", value = "035 100 3000", visibility = "public" });
        var addedId = (await added.OkAsync()).GetProperty("id").GetGuid();
        var removed = await partner.DeleteAsync($"{Root}/organisations/{own}/contact-points/{addedId}");
        var after = await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{own}");
        var changes = await partner.GetFromJsonAsync<JsonElement>($"{Root}/organisations/{own}/changes");

        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("Hulp bij formulieren.", after.GetProperty("description").GetString());
        Assert.Equal(["035 100 3000"], after.GetProperty("contactPoints").EnumerateArray().Select(p => p.GetProperty("value").GetString()));
        var rows = changes.EnumerateArray().ToList();
        Assert.Equal(["contactPoints", "contactPoints", "contactPoints", "description"], rows.Select(r => r.GetProperty("field").GetString()));
        Assert.All(rows, r => Assert.Equal(partnerId.ToString(), r.GetProperty("changedBy").GetString()));
        Assert.All(rows, r => Assert.Equal("partner", r.GetProperty("changedAs").GetString()));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("changedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal("phone 035 100 2000 (public)", rows[1].GetProperty("before").GetString());
        Assert.Equal("phone 035 100 3000 (public)", rows[1].GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("after").ValueKind);
        Assert.Equal("Hulp bij formulieren.", rows[3].GetProperty("after").GetString());
    }

    [Fact]
    public async Task A_partner_may_not_rename_their_organisation_nor_touch_another_nor_another_municipalitys_and_nothing_changes()
    {
        var (own, other) = await PartnerOrganisationsAsync();
        var partner = await service.AsAsync(Demo.Partner);
        var voorbeeldstadOrganisation = await IdOfAsync((await service.AsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad))
            .PostAsJsonAsync($"{Root}/organisations", new { name = "Elders", kind = "school" }));
        var before = await service.RowCountsAsync();

        await partner.PutAsJsonAsync($"{Root}/organisations/{own}", new { name = "Nieuwe Naam", kind = "social-work" }).ProblemAsync(HttpStatusCode.Forbidden);
        await partner.PutAsJsonAsync($"{Root}/organisations/{own}", new { name = "Eigen Organisatie", kind = "school" }).ProblemAsync(HttpStatusCode.Forbidden);
        await partner.PutAsJsonAsync($"{Root}/organisations/{other}", new { name = "Andere Organisatie", kind = "social-work", description = "x" }).ProblemAsync(HttpStatusCode.Forbidden);
        await partner.PostAsJsonAsync($"{Root}/organisations/{other}/contact-points", new { kind = "phone", value = "035 1" }).ProblemAsync(HttpStatusCode.Forbidden);
        await partner.GetAsync($"{Root}/organisations/{other}/changes").ProblemAsync(HttpStatusCode.Forbidden);
        await partner.PutAsJsonAsync($"{Root}/organisations/{voorbeeldstadOrganisation}", new { name = "Elders", kind = "school", description = "x" }).ProblemAsync(HttpStatusCode.NotFound);
        await (await service.AsAsync(Demo.Resident)).PutAsJsonAsync($"{Root}/organisations/{own}", new { name = "Eigen Organisatie", kind = "social-work", description = "x" })
            .ProblemAsync(HttpStatusCode.Forbidden);
        await partner.PostAsJsonAsync($"{Root}/organisations/{own}/contact-points", new { kind = "email", value = "geen-adres" }).ProblemAsync(HttpStatusCode.BadRequest, "value");

        Assert.Equal(before, await service.RowCountsAsync());
        Assert.Equal(JsonValueKind.Null, (await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{own}")).GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task A_partner_whose_assignment_ended_no_longer_keeps_the_listing()
    {
        var partnerPerson = await service.OnceAsync("partner-person", async () =>
            await service.NewPersonAsync("Partner Zuid", await service.UserIdOfAsync(Demo.Partner)));
        var former = await service.NewOrganisationAsync("Vroegere Organisatie");
        await service.AssignAsync(partnerPerson, former, await service.NewFunctionAsync(), [Demo.Zuid], Today.AddYears(-2), Today.AddDays(-1));

        await (await service.AsAsync(Demo.Partner)).PutAsJsonAsync($"{Root}/organisations/{former}", new { name = "Vroegere Organisatie", kind = "social-work", description = "x" })
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_resident_reports_an_outdated_listing_once_and_a_keeper_resolves_it_with_a_note()
    {
        var organisation = await service.NewOrganisationAsync("Verouderde Organisatie");
        var resident = await service.AsAsync(Demo.Resident);
        var admin = await service.AsAsync(Demo.Admin);

        var first = await resident.PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, note = "Het nummer werkt niet meer." });
        var again = await resident.PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, note = "Nog steeds niet." });
        var byAnother = await (await service.AsAsync(Demo.ResidentOost)).PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, note = "Klopt niet." });
        var report = (await first.OkAsync()).GetProperty("id").GetGuid();
        var open = await admin.GetFromJsonAsync<JsonElement>($"{Root}/listing-reports?pageSize=100");
        var resolved = await admin.PostAsJsonAsync($"{Root}/listing-reports/{report}/resolution", new { note = "Nummer bijgewerkt." });
        var resolvedAgain = await admin.PostAsJsonAsync($"{Root}/listing-reports/{report}/resolution", new { note = "Nog eens." });
        var afterwards = await resident.PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, note = "Weer fout." });
        var closed = await admin.GetFromJsonAsync<JsonElement>($"{Root}/listing-reports?status=resolved&pageSize=100");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(report, (await again.OkAsync()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Created, byAnother.StatusCode);
        var listed = Assert.Single(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == report);
        Assert.Equal("Verouderde Organisatie", listed.GetProperty("listingName").GetString());
        Assert.Equal("organisation", listed.GetProperty("listingKind").GetString());
        Assert.Equal("Het nummer werkt niet meer.", listed.GetProperty("note").GetString());
        Assert.Equal(await service.UserIdOfAsync(Demo.Resident), listed.GetProperty("reportedBy").GetGuid());
        Assert.Equal("Nummer bijgewerkt.", (await resolved.OkAsync()).GetProperty("resolution").GetString());
        await resolvedAgain.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
        Assert.Contains(closed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == report);
    }

    [Fact]
    public async Task Reports_need_a_signed_in_resident_a_listing_of_this_municipality_and_a_note_and_only_keepers_see_them()
    {
        var organisation = await service.NewOrganisationAsync();
        var resident = await service.AsAsync(Demo.Resident);
        var before = await service.RowCountsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized,
            (await service.Client().PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, note = "x" })).StatusCode);
        await resident.PostAsJsonAsync($"{Root}/listing-reports", new { note = "x" }).ProblemAsync(HttpStatusCode.BadRequest, "organisationId");
        await resident.PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, personId = Guid.NewGuid(), note = "x" })
            .ProblemAsync(HttpStatusCode.BadRequest, "organisationId");
        await resident.PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, note = "" }).ProblemAsync(HttpStatusCode.BadRequest, "note");
        await resident.PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = Guid.NewGuid(), note = "x" }).ProblemAsync(HttpStatusCode.BadRequest, "organisationId");
        await (await service.AsAsync(Demo.VoorbeeldstadResident, Demo.Voorbeeldstad))
            .PostAsJsonAsync($"{Root}/listing-reports", new { organisationId = organisation, note = "x" }).ProblemAsync(HttpStatusCode.BadRequest, "organisationId");
        await resident.GetAsync($"{Root}/listing-reports").ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(Demo.Partner)).GetAsync($"{Root}/listing-reports").ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(before, await service.RowCountsAsync());
    }
}
