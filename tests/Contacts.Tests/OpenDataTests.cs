using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>
/// The open HSDS-shaped export: the network's public part only (a person's own detail only under a
/// public consent standing now), one municipality's, as JSON and as CSV per table.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class OpenDataTests(ContactsService service)
{
    [Fact]
    public async Task The_export_holds_organisations_services_contacts_and_venues_with_public_details_only()
    {
        var publicHolder = await service.HolderAsync(Demo.Zuid, name: "Open Houder");
        await service.ConsentAsync(publicHolder.Person, [publicHolder.Phone]);
        var networkHolder = await service.HolderAsync(Demo.Zuid, name: "Netwerk Houder");
        await service.ConsentAsync(networkHolder.Person, [networkHolder.Phone], "network");
        var silentHolder = await service.HolderAsync(Demo.Zuid, name: "Stille Houder");
        var admin = await service.AsAsync(Demo.Admin);
        var person = await admin.GetFromJsonAsync<JsonElement>($"{Root}/people/{publicHolder.Person}");
        var phones = new Dictionary<Guid, string>();
        foreach (var holder in new[] { publicHolder, networkHolder, silentHolder })
        {
            phones[holder.Person] = (await admin.GetFromJsonAsync<JsonElement>($"{Root}/people/{holder.Person}")).GetProperty("contactPoints")[0].GetProperty("value").GetString()!;
        }
        var secretOrganisation = await service.NewOrganisationAsync("Geheim Nummer", [new { kind = "phone", value = "035 999 0000", visibility = "staff" }]);

        var response = await service.Client().GetAsync($"{Root}/open-data/hsds.json");
        var text = await response.Content.ReadAsStringAsync();
        var hsds = JsonDocument.Parse(text).RootElement;

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("3.0", hsds.GetProperty("hsds_version").GetString());
        Assert.Contains(hsds.GetProperty("organizations").EnumerateArray(), o => o.GetProperty("name").GetString() == "Versa Welzijn");
        Assert.Contains(hsds.GetProperty("organizations").EnumerateArray(), o => o.GetProperty("id").GetGuid() == secretOrganisation);
        var service_ = Assert.Single(hsds.GetProperty("services").EnumerateArray(), s => s.GetProperty("id").GetGuid() == publicHolder.Assignment);
        Assert.Equal(publicHolder.Organisation, service_.GetProperty("organization_id").GetGuid());
        Assert.Contains(hsds.GetProperty("service_areas").EnumerateArray(), a => a.GetProperty("service_id").GetGuid() == publicHolder.Assignment && a.GetProperty("name").GetString() == "Zuid");
        var contact = Assert.Single(hsds.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("service_id").GetGuid() == publicHolder.Assignment);
        Assert.Equal("Open Houder", contact.GetProperty("name").GetString());
        Assert.Contains(hsds.GetProperty("phones").EnumerateArray(), p => p.GetProperty("number").GetString() == phones[publicHolder.Person]
            && p.GetProperty("contact_id").GetGuid() == contact.GetProperty("id").GetGuid());
        Assert.DoesNotContain(phones[networkHolder.Person], text, StringComparison.Ordinal);
        Assert.DoesNotContain(phones[silentHolder.Person], text, StringComparison.Ordinal);
        Assert.DoesNotContain("035 999 0000", text, StringComparison.Ordinal);
        Assert.DoesNotContain(person.GetProperty("id").GetGuid().ToString(), text, StringComparison.Ordinal);
        var venue = Assert.Single(hsds.GetProperty("locations").EnumerateArray(), l => l.GetProperty("name").GetString() == "Buurthuis Lopes Dias");
        Assert.Contains(hsds.GetProperty("addresses").EnumerateArray(), a => a.GetProperty("location_id").GetGuid() == venue.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Each_table_comes_as_CSV_and_another_municipality_sees_only_its_own()
    {
        var organisation = await service.NewOrganisationAsync("Csv, \"Organisatie\"");

        var csv = await service.Client().GetAsync($"{Root}/open-data/hsds/organizations.csv");
        var body = await csv.Content.ReadAsStringAsync();
        var elsewhere = await service.Client(Demo.Voorbeeldstad).GetStringAsync($"{Root}/open-data/hsds.json");
        var unknown = service.Client().GetAsync($"{Root}/open-data/hsds/people.csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,name,description,email,website\r\n", body, StringComparison.Ordinal);
        Assert.Contains($"{organisation},\"Csv, \"\"Organisatie\"\"\",", body, StringComparison.Ordinal);
        Assert.DoesNotContain(organisation.ToString(), elsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain("Versa Welzijn", elsewhere, StringComparison.Ordinal);
        await unknown.ProblemAsync(HttpStatusCode.BadRequest, "file");
    }
}
