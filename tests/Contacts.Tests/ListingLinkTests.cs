using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contacts.Domain;
using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>
/// An organisation without a partner account keeps its own listing by a link mailed to its address
/// (by a keeper, or the yearly "is this still right?"): opening the link only shows the listing and
/// its forms (mail scanners follow links), each form's POST corrects what partners may correct and is
/// recorded as the link's; the token is kept only hashed, opens nothing else, and expires.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class ListingLinkTests(ContactsService service)
{
    /// <summary>A client that does not follow redirects, to see how the service answers a form (the service listens on a real port).</summary>
    private HttpClient Browser()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = service.Factory.ClientOptions.BaseAddress };
        client.DefaultRequestHeaders.Add(TenantHeaders.Internal, Demo.Hilversum);
        return client;
    }

    private async Task<(Guid Organisation, string LinkPath)> OrganisationWithLinkAsync(string name)
    {
        var organisation = await service.NewOrganisationAsync(name, [
            new { kind = "email", value = "post@" + Guid.NewGuid().ToString("N")[..8] + ".example", visibility = "public" },
            new { kind = "phone", value = "035 200 3000", visibility = "public", label = "Balie" },
        ]);
        var seen = service.Published.Of<ListingVerificationDue>().Count();
        var sent = await (await service.AsAsync(Demo.Admin)).PostAsync($"{Root}/organisations/{organisation}/listing-link", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var due = await service.Published.WaitForNewAsync<ListingVerificationDue>(seen, e => e.ListingId == organisation);
        return (organisation, "/" + due.LinkPath);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private async Task<JsonElement> ListingAsync(Guid organisation) =>
        await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{organisation}");

    [Fact]
    public async Task A_keeper_mails_a_link_whose_page_changes_nothing_and_whose_forms_correct_the_description_and_points_recorded_as_the_links()
    {
        var (organisation, link) = await OrganisationWithLinkAsync("Buurtvereniging Zonder Account");
        var before = await ListingAsync(organisation);
        var phone = before.GetProperty("contactPoints").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "phone").GetProperty("id").GetGuid();
        var browser = Browser();

        var page = await browser.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        var afterOpening = await service.RowCountsAsync();
        var rowsBefore = afterOpening;
        var described = await browser.PostAsync(link + "/description", Form(("description", "Wij organiseren de buurtbarbecue.")));
        var changed = await browser.PostAsync($"{link}/contact-points/{phone}", Form(("value", "035 200 4000"), ("label", "Secretariaat")));
        var added = await browser.PostAsync(link + "/contact-points", Form(("kind", "website"), ("value", "https://buurtvereniging.example")));
        var website = (await ListingAsync(organisation)).GetProperty("contactPoints").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "website");
        var removed = await browser.PostAsync($"{link}/contact-points/{website.GetProperty("id").GetGuid()}/removal", null);
        var after = await ListingAsync(organisation);
        var changes = await (await service.AsAsync(Demo.Admin)).GetFromJsonAsync<JsonElement>($"{Root}/organisations/{organisation}/changes");
        var pageAfter = await (await browser.GetAsync(link + "?lang=en")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Contains("Iets aanpassen?", html, StringComparison.Ordinal);
        Assert.Contains("035 200 3000", html, StringComparison.Ordinal);
        Assert.Contains($"{link}/description", html, StringComparison.Ordinal);
        Assert.Equal(before.GetProperty("lastVerifiedAt").GetDateTimeOffset(), (await ListingAsync(organisation)).GetProperty("lastVerifiedAt").GetDateTimeOffset());
        Assert.Equal(rowsBefore, afterOpening);
        foreach (var answer in new[] { described, changed, added, removed })
        {
            Assert.True(answer.StatusCode == HttpStatusCode.SeeOther, $"{answer.RequestMessage?.RequestUri}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            Assert.Equal(link, answer.Headers.Location?.ToString());
        }
        Assert.Equal("Wij organiseren de buurtbarbecue.", after.GetProperty("description").GetString());
        Assert.Equal("Buurtvereniging Zonder Account", after.GetProperty("name").GetString());
        var points = after.GetProperty("contactPoints").EnumerateArray().ToList();
        Assert.Equal(["phone", "email"], points.Select(p => p.GetProperty("kind").GetString()));
        Assert.Equal("035 200 4000", points[0].GetProperty("value").GetString());
        Assert.Equal("Secretariaat", points[0].GetProperty("label").GetString());
        Assert.Equal("public", points[0].GetProperty("visibility").GetString());
        var rows = changes.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("link", r.GetProperty("changedAs").GetString()));
        Assert.All(rows, r => Assert.StartsWith("link ", r.GetProperty("changedBy").GetString(), StringComparison.Ordinal));
        Assert.Equal("phone 035 200 4000 (public, Secretariaat)", rows.Single(r => r.GetProperty("after").GetString()?.StartsWith("phone", StringComparison.Ordinal) == true).GetProperty("after").GetString());
        Assert.Contains("Something to change?", pageAfter, StringComparison.Ordinal);
        Assert.Contains("035 200 4000", pageAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_form_input_is_a_400_naming_the_field_and_changes_nothing()
    {
        var (organisation, link) = await OrganisationWithLinkAsync("Foutieve Invoer");
        var phone = (await ListingAsync(organisation)).GetProperty("contactPoints").EnumerateArray()
            .Single(p => p.GetProperty("kind").GetString() == "phone").GetProperty("id").GetGuid();
        // Another organisation's point is no point of this listing.
        var other = await service.NewOrganisationAsync("Ander", [new { kind = "phone", value = "035 999 1111", visibility = "public" }]);
        var otherPoint = (await ListingAsync(other)).GetProperty("contactPoints")[0].GetProperty("id").GetGuid();
        var browser = Browser();
        var before = await service.RowCountsAsync();
        var listingBefore = (await ListingAsync(organisation)).ToString();

        await browser.PostAsync(link + "/contact-points", Form(("kind", "fax"), ("value", "035 1"))).ProblemAsync(HttpStatusCode.BadRequest, "kind");
        await browser.PostAsync(link + "/contact-points", Form(("kind", "email"), ("value", "geen-adres"))).ProblemAsync(HttpStatusCode.BadRequest, "value");
        await browser.PostAsync(link + "/contact-points", Form(("kind", "phone"))).ProblemAsync(HttpStatusCode.BadRequest, "value");
        await browser.PostAsync(link + "/contact-points", Form(("kind", "phone"), ("value", "035 1"), ("visibility", "everyone"))).ProblemAsync(HttpStatusCode.BadRequest, "visibility");
        await browser.PostAsync($"{link}/contact-points/{phone}", Form(("value", "bel maar"))).ProblemAsync(HttpStatusCode.BadRequest, "value");
        await browser.PostAsync(link + "/description", Form(("description", new string('x', Organisation.DescriptionMaxLength + 1)))).ProblemAsync(HttpStatusCode.BadRequest, "description");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync($"{link}/contact-points/{otherPoint}/removal", null)).StatusCode);

        Assert.Equal(listingBefore, (await ListingAsync(organisation)).ToString());
        Assert.Equal(before, await service.RowCountsAsync());
        Assert.Equal("035 999 1111", (await ListingAsync(other)).GetProperty("contactPoints")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_token_is_kept_only_hashed_expires_after_four_weeks_a_new_link_ends_the_old_and_it_opens_nothing_else()
    {
        var (organisation, first) = await OrganisationWithLinkAsync("Gehashte Link");
        var token = first[(first.LastIndexOf('/') + 1)..];
        var stored = await service.Database.ScalarAsync<string>(
            $"SELECT concat_ws(' ', token_hash, extract(epoch FROM expires_at - issued_at)::bigint) FROM secret_links WHERE organisation_id = '{organisation}'");
        var seen = service.Published.Of<ListingVerificationDue>().Count();
        (await (await service.AsAsync(Demo.Admin)).PostAsync($"{Root}/organisations/{organisation}/listing-link", null)).EnsureSuccessStatusCode();
        var second = "/" + (await service.Published.WaitForNewAsync<ListingVerificationDue>(seen, e => e.ListingId == organisation)).LinkPath;
        var browser = Browser();

        var oldPage = await browser.GetAsync(first);
        var oldPost = await browser.PostAsync(first + "/description", Form(("description", "via de oude link")));
        var asConsentLink = await browser.PostAsync($"{Root}/consent-links/{second[(second.LastIndexOf('/') + 1)..]}", null);
        var newPage = await browser.GetAsync(second);
        await service.Database.ScalarAsync<object>($"UPDATE secret_links SET expires_at = now() - interval '1 second' WHERE organisation_id = '{organisation}'");
        var expiredPage = await browser.GetAsync(second);
        var expiredPost = await browser.PostAsync(second + "/description", Form(("description", "te laat")));

        Assert.Equal($"{SecretLink.Hash(token)} {(long)Verification.LinkLifetime.TotalSeconds}", stored);
        Assert.Equal(0L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM secret_links WHERE token_hash = '{token}'"));
        Assert.Equal(HttpStatusCode.NotFound, oldPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asConsentLink.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expiredPage.StatusCode);
        Assert.Contains("niet meer geldig", await expiredPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, expiredPost.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await ListingAsync(organisation)).GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task Only_keepers_send_a_link_an_organisation_without_an_address_is_a_409_and_a_persons_link_corrects_nothing()
    {
        var withoutAddress = await service.NewOrganisationAsync("Zonder Adres", [new { kind = "phone", value = "035 300 4000", visibility = "public" }]);
        var (organisation, _) = await OrganisationWithLinkAsync("Alleen Voor Beheerders");
        var person = await service.NewPersonAsync("Link Persoon");
        await service.NewPersonalPointAsync(person, "email", "persoon@link.example", "staff");
        await service.Database.ScalarAsync<object>($"UPDATE people SET last_verified_at = now() - interval '366 days' WHERE id = '{person}'");
        var seen = service.Published.Of<ListingVerificationDue>().Count();
        await service.WatchVerificationsAsync(DateTimeOffset.UtcNow);
        var personLink = "/" + (await service.Published.WaitForNewAsync<ListingVerificationDue>(seen, e => e.ListingId == person)).LinkPath;
        var before = await service.RowCountsAsync();

        await (await service.AsAsync(Demo.Admin)).PostAsync($"{Root}/organisations/{withoutAddress}/listing-link", null).ProblemAsync(HttpStatusCode.Conflict);
        await (await service.AsAsync(Demo.Partner)).PostAsync($"{Root}/organisations/{organisation}/listing-link", null).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(Demo.Resident)).PostAsync($"{Root}/organisations/{organisation}/listing-link", null).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().PostAsync($"{Root}/organisations/{organisation}/listing-link", null)).StatusCode);
        await (await service.AsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad)).PostAsync($"{Root}/organisations/{organisation}/listing-link", null)
            .ProblemAsync(HttpStatusCode.NotFound);
        var personPage = await Browser().GetAsync(personLink);
        var personCorrection = await Browser().PostAsync(personLink + "/description", Form(("description", "x")));

        Assert.Equal(before, await service.RowCountsAsync());
        Assert.Equal(HttpStatusCode.OK, personPage.StatusCode);
        Assert.DoesNotContain("/description", await personPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, personCorrection.StatusCode);
    }
}
