using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Buurt.Contracts.Contacts;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>
/// Withdrawing a consent by the link mailed with it: opening the link changes nothing (mail scanners
/// open links), its button (a POST) withdraws, and from that answer on the detail is gone from every
/// answer, list and export; the token is kept only as a hash and travels only in its secret event.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class ConsentLinkTests(ContactsService service)
{
    /// <summary>Someone working in Oost 1223 with a public phone and their own e-mail address, under a public consent; the link it mailed.</summary>
    private async Task<(Holder Holder, string Phone, Guid Consent, ConsentWithdrawalLinkIssued Link)> ConsentedAsync(string name)
    {
        var holder = await service.HolderAsync(Demo.Oost1223, name: name);
        var phone = (await (await service.AsAsync(Demo.Admin)).GetFromJsonAsync<JsonElement>($"{Root}/people/{holder.Person}"))
            .GetProperty("contactPoints")[0].GetProperty("value").GetString()!;
        await service.NewPersonalPointAsync(holder.Person, "email", "eigen@example.nl", "staff");
        var consent = await service.ConsentAsync(holder.Person, [holder.Phone]);
        var link = await service.Published.WaitForAsync<ConsentWithdrawalLinkIssued>(e => e.ConsentId == consent);
        return (holder, phone, consent, link);
    }

    private async Task<string> EverywhereAnonymousAsync(Holder holder)
    {
        var anonymous = service.Client();
        return string.Join("\n",
            await anonymous.GetStringAsync($"{Root}/who?postcode=1223"),
            await anonymous.GetStringAsync($"{Root}/who?postcode=1223&topic=groen"),
            await anonymous.GetStringAsync($"{Root}/people/{holder.Person}"),
            await anonymous.GetStringAsync($"{Root}/open-data/hsds.json"),
            await anonymous.GetStringAsync($"{Root}/open-data/hsds/phones.csv"),
            await (await service.AsAsync(Demo.Resident)).GetStringAsync($"{Root}/people/{holder.Person}"));
    }

    [Fact]
    public async Task A_consent_mails_a_link_to_the_persons_own_address_naming_what_it_shows_and_keeps_only_the_tokens_hash()
    {
        var (holder, _, consent, link) = await ConsentedAsync("Link Persoon");
        var token = link.LinkPath.Split('/')[^1];

        Assert.Equal("eigen@example.nl", link.Email);
        Assert.Equal("Link Persoon", link.PersonName);
        Assert.Equal("nl", link.Language);
        Assert.Equal(["phone"], link.ContactPointKinds);
        Assert.Equal("public", link.Visibility);
        Assert.Equal(holder.Person, link.PersonId);
        Assert.Equal($"api/contacts/v1/consent-links/{token}", link.LinkPath);
        Assert.True(token.Length >= 43, "a 256-bit token");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(1L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM secret_links WHERE token_hash = '{hash}' AND consent_id = '{consent}'"));
        Assert.Equal(0L, await service.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM secret_links WHERE token_hash = '{token}' OR position('{token}' in (SELECT string_agg(payload::text, '') FROM outbox_messages)) > 0"));
    }

    [Fact]
    public async Task Opening_the_link_shows_what_would_be_withdrawn_and_withdraws_nothing()
    {
        var (holder, phone, _, link) = await ConsentedAsync("Open Persoon");

        var page = await service.Client().GetAsync("/" + link.LinkPath);
        var pageAgain = await service.Client().GetAsync("/" + link.LinkPath + "?lang=en");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Contains("Toestemming intrekken", html, StringComparison.Ordinal);
        Assert.Contains(phone, html, StringComparison.Ordinal);
        Assert.Contains("iedereen", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
        Assert.Contains("Withdraw consent", await pageAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(phone, await EverywhereAnonymousAsync(holder), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_links_button_withdraws_and_the_detail_is_gone_from_every_answer_list_and_export_from_that_answer_on()
    {
        var (holder, phone, consent, link) = await ConsentedAsync("Intrek Persoon");
        Assert.Contains(phone, await EverywhereAnonymousAsync(holder), StringComparison.Ordinal);

        var withdrawn = await service.Client().PostAsync("/" + link.LinkPath, null);
        var everywhere = await EverywhereAnonymousAsync(holder);
        var again = await service.Client().PostAsync("/" + link.LinkPath, null);
        var history = await (await service.AsAsync(Demo.Admin)).GetFromJsonAsync<JsonElement>($"{Root}/people/{holder.Person}/consents");

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Contains("Toestemming ingetrokken", await withdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Intrek Persoon", everywhere, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, everywhere, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Toestemming ingetrokken", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withdrawal = Assert.Single(history.EnumerateArray(), r => r.GetProperty("kind").GetString() == "withdrawn");
        Assert.Equal(consent, withdrawal.GetProperty("consentId").GetGuid());
        Assert.Equal("email-link", withdrawal.GetProperty("basis").GetString());
        Assert.Equal("link", withdrawal.GetProperty("recordedBy").GetString());
        await service.Published.WaitForAsync<ConsentWithdrawn>(e => e.ConsentId == consent);
    }

    [Fact]
    public async Task A_keeper_reissues_a_lost_link_the_old_one_stops_working_and_the_new_one_withdraws()
    {
        var (holder, phone, consent, first) = await ConsentedAsync("Kwijt Persoon");
        var admin = await service.AsAsync(Demo.Admin);
        var reissue = $"{Root}/people/{holder.Person}/consents/{consent}/withdrawal-link";

        var reissued = await admin.PostAsync(reissue, null);
        var second = await service.Published.WaitForAsync<ConsentWithdrawalLinkIssued>(e => e.ConsentId == consent && e.LinkPath != first.LinkPath);
        var oldPage = await service.Client().GetAsync("/" + first.LinkPath);
        var oldButton = await service.Client().PostAsync("/" + first.LinkPath, null);
        var stillShown = await EverywhereAnonymousAsync(holder);
        var withdrawn = await service.Client().PostAsync("/" + second.LinkPath, null);
        var afterwards = await EverywhereAnonymousAsync(holder);
        var afterWithdrawal = await admin.PostAsync(reissue, null);

        Assert.Equal(HttpStatusCode.NoContent, reissued.StatusCode);
        Assert.Equal("eigen@example.nl", second.Email);
        Assert.Equal(HttpStatusCode.NotFound, oldPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldButton.StatusCode);
        Assert.Contains(phone, stillShown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.DoesNotContain(phone, afterwards, StringComparison.Ordinal);
        await afterWithdrawal.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM secret_links WHERE consent_id = '{consent}'"));
    }

    [Fact]
    public async Task A_link_is_reissued_only_by_keepers_for_a_consent_of_that_person_with_an_address_to_mail_it_to()
    {
        var (holder, _, consent, _) = await ConsentedAsync("Herhaal Persoon");
        var withoutAddress = await service.HolderAsync(Demo.Oost1223, name: "Zonder Adres");
        var unmailable = await service.ConsentAsync(withoutAddress.Person, [withoutAddress.Phone]);
        var admin = await service.AsAsync(Demo.Admin);

        var byResident = await (await service.AsAsync(Demo.Resident)).PostAsync($"{Root}/people/{holder.Person}/consents/{consent}/withdrawal-link", null);
        var otherPersons = await admin.PostAsync($"{Root}/people/{withoutAddress.Person}/consents/{consent}/withdrawal-link", null);
        var noAddress = await admin.PostAsync($"{Root}/people/{withoutAddress.Person}/consents/{unmailable}/withdrawal-link", null);
        var otherTenant = await (await service.AsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad)).PostAsync($"{Root}/people/{holder.Person}/consents/{consent}/withdrawal-link", null);

        await byResident.ProblemAsync(HttpStatusCode.Forbidden);
        await otherPersons.ProblemAsync(HttpStatusCode.NotFound);
        await noAddress.ProblemAsync(HttpStatusCode.Conflict);
        await otherTenant.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM secret_links WHERE consent_id = '{consent}'"));
    }

    [Fact]
    public async Task An_unknown_token_or_another_municipalitys_request_finds_no_link_and_changes_nothing()
    {
        var (holder, phone, _, link) = await ConsentedAsync("Vreemde Persoon");
        var before = await service.RowCountsAsync();

        var unknown = await service.Client().PostAsync($"{Root}/consent-links/{new string('x', 43)}", null);
        var otherTenant = await service.Client(Demo.Voorbeeldstad).PostAsync("/" + link.LinkPath, null);
        var otherTenantPage = await service.Client(Demo.Voorbeeldstad).GetAsync("/" + link.LinkPath);
        var wrongPurpose = await service.Client().PostAsync($"{Root}/verification-links/{link.LinkPath.Split('/')[^1]}", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Link niet geldig", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTenantPage.StatusCode);
        Assert.DoesNotContain(phone, await otherTenantPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrongPurpose.StatusCode);
        Assert.Equal(before, await service.RowCountsAsync());
        Assert.Contains(phone, await EverywhereAnonymousAsync(holder), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_an_email_address_gets_no_link_and_an_erasure_takes_the_links_with_it()
    {
        var holder = await service.HolderAsync(Demo.Oost1223);
        var withoutMail = await service.ConsentAsync(holder.Person, [holder.Phone]);
        var (other, _, _, link) = await ConsentedAsync("Wis Persoon");
        var admin = await service.AsAsync(Demo.Admin);
        (await admin.PostAsJsonAsync($"{Root}/assignments/{other.Assignment}/end", new { until = Today.AddDays(-1) })).EnsureSuccessStatusCode();

        (await admin.DeleteAsync($"{Root}/people/{other.Person}")).EnsureSuccessStatusCode();
        var page = await service.Client().GetAsync("/" + link.LinkPath);

        Assert.DoesNotContain(service.Published.Of<ConsentWithdrawalLinkIssued>(), e => e.ConsentId == withoutMail);
        Assert.Equal(0L, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM secret_links WHERE person_id = '{other.Person}'"));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
