using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// "Mijn toestemmingen": a resident with a record in the wijk network sees the consents they gave
/// (what, to whom, how) and withdraws one after confirming; from then on only staff see that detail.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConsentPageTests(WebPlatform platform)
{
    private const string Contacts = "/api/contacts/v1";

    [Fact]
    public async Task A_resident_sees_their_consents_and_withdraws_one_after_confirming()
    {
        var (person, phoneConsent, emailConsent) = await ResidentInTheNetworkAsync();
        using var neighbour = await platform.SignedInAsync(Demo.ResidentOost);
        Assert.Contains("035 555 0101", await PointsAsync(neighbour, person));

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: "/mijn-buurt");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk mijn toestemmingen" }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/mijn-toestemmingen");
        var phone = page.Locator($"#consent-{phoneConsent}");
        Assert.Contains("Telefoon: 035 555 0101", await phone.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Bewoners die zijn ingelogd", await phone.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("persoonlijk doorgegeven", await phone.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Geldt", await phone.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("E-mail: jan.consent@example.nl", await page.InnerTextAsync($"#consent-{emailConsent}"), StringComparison.Ordinal);
        Assert.Contains("door uzelf op deze site", await page.InnerTextAsync($"#consent-{emailConsent}"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The link asks to confirm; opening it withdraws nothing.
        await phone.GetByRole(AriaRole.Link, new() { NameRegex = new("^Toestemming intrekken") }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/mijn-toestemmingen/{phoneConsent}/intrekken");
        Assert.Contains("Telefoon: 035 555 0101", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("035 555 0101", await PointsAsync(neighbour, person));
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, toestemming intrekken" }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/mijn-toestemmingen?ingetrokken=1");
        Assert.Contains("Uw toestemming is ingetrokken.", await page.InnerTextAsync("#withdrawn"), StringComparison.Ordinal);
        Assert.Contains("Ingetrokken op", await page.InnerTextAsync($"#consent-{phoneConsent}"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"#consent-{phoneConsent} a").CountAsync());
        Assert.Equal(1, await page.Locator($"#consent-{emailConsent} a").CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        // From now on the neighbour no longer sees the phone number; the e-mail consent stands.
        Assert.DoesNotContain("035 555 0101", await PointsAsync(neighbour, person));
        Assert.Contains("jan.consent@example.nl", await PointsAsync(neighbour, person));

        // Withdrawn already: its page has no button. Another's consent id is not found.
        await page.GotoAsync($"{platform.Site()}/mijn-toestemmingen/{phoneConsent}/intrekken?lang=en");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw consent" }).CountAsync());
        Assert.Contains("Withdrawn on", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        var unknown = await page.GotoAsync($"{platform.Site()}/mijn-toestemmingen/{Guid.NewGuid()}/intrekken");
        Assert.Equal(404, unknown!.Status);
        await page.GotoAsync($"{platform.Site()}/mijn-toestemmingen?lang=en");
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_outside_the_network_reads_that_there_are_none_and_a_visitor_signs_in_first()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.ResidentOost, returnUrl: "/mijn-toestemmingen");
        Assert.Equal("U hebt geen toestemmingen gegeven.", (await page.InnerTextAsync("#no-consents")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();

        using var visitor = platform.SiteClient();
        using var response = await visitor.GetAsync("/mijn-toestemmingen");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("connect/authorize|inloggen", response.Headers.Location!.ToString());
    }

    /// <summary>
    /// The demo resident as a person in the network (registered by the admin with their account): a
    /// phone shown to residents by consent given in person, an e-mail address by their own consent.
    /// </summary>
    private async Task<(Guid Person, Guid PhoneConsent, Guid EmailConsent)> ResidentInTheNetworkAsync()
    {
        using var admin = await platform.SignedInAsync(Demo.Admin);
        using var resident = await platform.SignedInAsync(Demo.Resident);
        var account = (await resident.GetFromJsonAsync<JsonElement>("/api/identity/v1/me")).GetProperty("id").GetGuid();
        var person = await IdOfAsync(admin, $"{Contacts}/people", new { name = "Jan Consent", userId = account });
        var phone = await IdOfAsync(admin, $"{Contacts}/people/{person}/contact-points", new { kind = "phone", value = "035 555 0101", visibility = "public" });
        var email = await IdOfAsync(admin, $"{Contacts}/people/{person}/contact-points", new { kind = "email", value = "jan.consent@example.nl", visibility = "public" });
        var phoneConsent = await IdOfAsync(admin, $"{Contacts}/people/{person}/consents",
            new { contactPointIds = new[] { phone }, visibility = "residents", basis = "in-person", textVersion = "2026-01" });
        var emailConsent = await IdOfAsync(resident, $"{Contacts}/people/{person}/consents",
            new { contactPointIds = new[] { email }, visibility = "residents", basis = "on-platform", textVersion = "2026-01" });
        return (person, phoneConsent, emailConsent);
    }

    private static async Task<Guid> IdOfAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, answer.ToString());
        return answer.GetProperty("id").GetGuid();
    }

    private static async Task<string> PointsAsync(HttpClient client, Guid person) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Contacts}/people/{person}")).GetProperty("contactPoints").ToString();
}
