using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// Meldingen and their settings on the residents' site: the inbox with its unread count in the
/// header, marking read; choosing per kind and channel; the mobile number for text messages.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class NotificationPagesTests(WebPlatform platform)
{
    private const string Notifications = "/api/notifications/v1";

    private const string NoTexts = "Uw gemeente verstuurt geen sms'jes. U hoeft daarom geen mobiel nummer op te geven.";

    [Fact]
    public async Task A_resident_sees_the_notifications_about_their_initiative_marks_them_read_and_the_count_drops()
    {
        using var resident = await platform.SignedInAsync(Demo.Resident);
        using var director = await platform.SignedInAsync(Demo.Director);
        // Start from nothing unread (earlier tests leave notifications).
        await resident.PostAsync($"{Notifications}/notifications/read", null).OkAsync();
        var title = $"Bloembakken {Guid.NewGuid():N}"[..22];
        var initiative = await platform.SubmitInitiativeAsync(title, "Bloembakken langs de stoep.", 300m);
        await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{initiative}/status-changes", new { status = "internal-check", note = "We kijken ernaar" }).OkAsync();
        await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{initiative}/status-changes", new { status = "reciprocity-talk" }).OkAsync();
        var about = await Eventually.ValueAsync(() => AboutAsync(resident, initiative), items => items.Count == 2, what: "two notifications about the initiative");
        var (newest, older) = (about[0], about[1]);
        Assert.Equal(2, await UnreadAsync(resident));

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: "/mijn-buurt");
        // The count beside "Mijn buurt", named for screen readers.
        Assert.Equal("2 ongelezen meldingen", Normalise(await page.Locator("#unread-count").InnerTextAsync()));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "2 ongelezen meldingen", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk mijn meldingen" }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/mijn-buurt/meldingen");
        Assert.Equal("U hebt 2 ongelezen meldingen.", (await page.InnerTextAsync("#unread-summary")).Trim());
        // Newest first, unread said in words, each linking to the initiative.
        var cards = page.Locator(".buurt-notification");
        Assert.Equal($"melding-{newest}", await cards.Nth(0).GetAttributeAsync("id"));
        Assert.Equal($"melding-{older}", await cards.Nth(1).GetAttributeAsync("id"));
        var olderCard = page.Locator($"#melding-{older}");
        Assert.Contains("Ongelezen", await olderCard.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("interne check", await olderCard.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("We kijken ernaar", await olderCard.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"/initiatieven/{initiative}", await olderCard.Locator("h2 a").GetAttributeAsync("href"));
        await Axe.AssertNoViolationsAsync(page);

        // Mark one read: it says so, the count drops, the API agrees.
        await olderCard.GetByRole(AriaRole.Button, new() { NameRegex = new("^Markeer als gelezen") }).ClickAsync();
        await page.WaitForURLAsync($"{platform.Site()}/mijn-buurt/meldingen?gelezen=een");
        Assert.Equal("De melding is als gelezen gemarkeerd.", (await page.InnerTextAsync("#done")).Trim());
        Assert.Equal("1 ongelezen melding", Normalise(await page.Locator("#unread-count").InnerTextAsync()));
        Assert.DoesNotContain("Ongelezen", await page.Locator($"#melding-{older} h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Gelezen", await page.Locator($"#melding-{older}").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"#melding-{older} button").CountAsync());
        Assert.Contains("Ongelezen", await page.Locator($"#melding-{newest} h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await UnreadAsync(resident));
        await Axe.AssertNoViolationsAsync(page);

        // Mark all read with the keyboard only: the count leaves the header.
        await Keys.TabToAsync(page, "Alles als gelezen markeren");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{platform.Site()}/mijn-buurt/meldingen?gelezen=alle&aantal=1");
        Assert.Equal(0, await page.Locator("#unread-count").CountAsync());
        Assert.Equal("U hebt geen ongelezen meldingen.", (await page.InnerTextAsync("#unread-summary")).Trim());
        Assert.Equal(0, await UnreadAsync(resident));

        // A notification leads to what it is about, by keyboard too.
        await page.Locator($"#melding-{newest} h2 a").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{platform.Site()}/initiatieven/{initiative}");

        await page.GotoAsync($"{platform.Site()}/mijn-buurt/meldingen?lang=en");
        Assert.Equal("You have no unread notifications.", (await page.InnerTextAsync("#unread-summary")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_chooses_how_a_kind_reaches_them_and_the_API_then_returns_it()
    {
        using var resident = await platform.SignedInAsync(Demo.ResidentOost);
        var page = await platform.NewPageAsync();
        try
        {
            await platform.SignInAsync(page, Demo.ResidentOost, returnUrl: "/mijn-buurt");
            await page.GetByRole(AriaRole.Link, new() { Name = "Kies hoe u meldingen krijgt" }).ClickAsync();
            await page.WaitForURLAsync($"{platform.Site()}/mijn-buurt/instellingen");
            // Transactional kinds are always on, without a choice; a colleague's kinds are not a resident's; Hilversum sends no texts.
            var booking = page.Locator("#always-on-list #soort-booking-confirmed");
            Assert.Contains("Altijd aan: e-mail, in de app en op de site", await booking.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("select#email-booking-confirmed").CountAsync());
            Assert.Equal(0, await page.Locator("#soort-new-initiative").CountAsync());
            Assert.Equal(0, await page.Locator("select[name=sms]").CountAsync());
            // Said plainly where the number would be asked, and no number asked for.
            Assert.False((await resident.GetFromJsonAsync<JsonElement>($"{Notifications}/preferences")).GetProperty("smsOffered").GetBoolean());
            Assert.Equal(NoTexts, (await page.InnerTextAsync("#sms-not-offered")).Trim());
            Assert.Equal(0, await page.Locator("#phoneNumber").CountAsync());
            Assert.DoesNotContain("sms", await page.InnerTextAsync("#channels-intro"), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(new[] { "immediately", "digest", "off" }, await page.Locator("#email-initiative-update option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
            Assert.Equal(new[] { "immediately", "off" }, await page.Locator("#inApp-initiative-update option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
            await Axe.AssertNoViolationsAsync(page);

            // With the keyboard only: the e-mail into the daily digest, the app off, then save this kind.
            await Keys.TabToAsync(page, "", id: "email-initiative-update");
            await page.Locator("#email-initiative-update").SelectOptionAsync("digest");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("inApp-initiative-update", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            await page.Locator("#inApp-initiative-update").SelectOptionAsync("off");
            await Keys.TabUntilAsync(page, "document.activeElement.type === 'submit' && document.activeElement.closest('#soort-initiative-update') !== null", "the kind's save button");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync($"{platform.Site()}/mijn-buurt/instellingen?opgeslagen=initiative-update#soort-initiative-update");
            Assert.Equal("Opgeslagen voor ‘Nieuws over initiatieven die u volgt’: e-mail: in het dagelijkse overzicht, in de app en op de site: uit, pushmelding: direct.",
                (await page.InnerTextAsync("#saved")).Trim());
            Assert.Equal("digest", await page.Locator("#email-initiative-update").InputValueAsync());
            Assert.Equal("off", await page.Locator("#inApp-initiative-update").InputValueAsync());

            var update = await KindAsync(resident, "initiative-update");
            Assert.Equal("digest", update.GetProperty("channels").GetProperty("email").GetString());
            Assert.Equal("off", update.GetProperty("channels").GetProperty("in-app").GetString());
            Assert.Equal("immediately", update.GetProperty("channels").GetProperty("push").GetString());
            // Nothing else changed.
            Assert.Equal("immediately", (await KindAsync(resident, "initiative-moved")).GetProperty("channels").GetProperty("email").GetString());
            await Axe.AssertNoViolationsAsync(page);

            await page.GotoAsync($"{platform.Site()}/mijn-buurt/instellingen?lang=en");
            Assert.Contains("Always on: e-mail, in the app and on the site", await booking.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("Your municipality sends no text messages. So you need not give a mobile number.", (await page.InnerTextAsync("#sms-not-offered")).Trim());
            await Axe.AssertNoViolationsAsync(page);

            // A number given before (through identity's API): shown, said to be unused, and removable; not changeable.
            await resident.PatchAsJsonAsync("/api/identity/v1/me", new { phoneNumber = "06 87 65 43 21" }).OkAsync();
            await page.GotoAsync($"{platform.Site()}/mijn-buurt/instellingen?lang=nl"); // the English choice above stays otherwise
            Assert.Equal("Uw nummer: +31687654321", (await page.InnerTextAsync("#phone-current")).Trim());
            Assert.Equal("Uw gemeente verstuurt geen sms'jes. Uw nummer wordt daarom niet gebruikt; u kunt het verwijderen.",
                (await page.InnerTextAsync("#sms-not-offered")).Trim());
            Assert.Equal(0, await page.Locator("#phoneNumber").CountAsync());
            await Axe.AssertNoViolationsAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Nummer verwijderen" }).ClickAsync();
            await page.WaitForURLAsync($"{platform.Site()}/mijn-buurt/instellingen?opgeslagen=geen-nummer#phone");
            Assert.Equal(NoTexts, (await page.InnerTextAsync("#sms-not-offered")).Trim());
            Assert.Equal(0, await page.Locator("#phone-current").CountAsync());
            Assert.Equal(JsonValueKind.Null, (await MeAsync(resident)).GetProperty("phoneNumber").ValueKind);
        }
        finally
        {
            await resident.PatchAsJsonAsync("/api/identity/v1/me", new { phoneNumber = "" });
            // Other tests wait for this resident's mails.
            await resident.PutAsJsonAsync($"{Notifications}/preferences/initiative-update", new { email = "immediately", inApp = "immediately" }).OkAsync();
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_resident_gives_a_bad_phone_number_sees_why_at_the_field_then_a_good_one_and_chooses_texts()
    {
        // Voorbeeldstad sends text messages (WebPlatform); the page offers them once there is a number.
        using var resident = await platform.SignedInAsync(Demo.VoorbeeldstadResident, Demo.Voorbeeldstad);
        var site = platform.Site(Demo.Voorbeeldstad);
        var page = await platform.NewPageAsync();
        try
        {
            await platform.SignInAsync(page, Demo.VoorbeeldstadResident, "/mijn-buurt/instellingen", Demo.Voorbeeldstad);
            Assert.Equal("U hebt geen nummer opgegeven.", (await page.InnerTextAsync("#phone-current")).Trim());
            Assert.Equal(0, await page.Locator("select[name=sms]").CountAsync());
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Nummer verwijderen" }).CountAsync());
            // Texts are offered here (no channel yet, the number missing): the page invites it, without an "if".
            Assert.True((await resident.GetFromJsonAsync<JsonElement>($"{Notifications}/preferences")).GetProperty("smsOffered").GetBoolean());
            Assert.StartsWith("Berichten over afspraken en activiteiten kunnen ook per sms komen. Geef daarvoor hieronder uw mobiele nummer op.",
                (await page.InnerTextAsync("#channels-intro")).Trim(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#sms-not-offered").CountAsync());

            // A landline: identity's 400, said in our words at the field; what was typed stays.
            await page.Locator("#phoneNumber").FillAsync("020 123 45 67");
            var refused = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Nummer opslaan" }).ClickAsync(),
                r => r.Url.EndsWith("/mijn-buurt/instellingen", StringComparison.Ordinal) && r.Request.Method == "POST");
            Assert.Equal(400, refused.Status);
            const string invalid = "Vul een Nederlands mobiel nummer in: 06 en 8 cijfers, of +316 en 8 cijfers.";
            Assert.Equal(invalid, (await page.InnerTextAsync("#phoneNumber-error")).Trim());
            Assert.Equal("true", await page.Locator("#phoneNumber").GetAttributeAsync("aria-invalid"));
            Assert.Equal(invalid, (await page.Locator("#error a[href='#phoneNumber']").InnerTextAsync()).Trim());
            await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
            Assert.Equal("020 123 45 67", await page.Locator("#phoneNumber").InputValueAsync());
            Assert.DoesNotContain("A phone number", await page.InnerTextAsync("main"), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, (await MeAsync(resident)).GetProperty("phoneNumber").ValueKind);
            await Axe.AssertNoViolationsAsync(page);

            // Empty is not "remove" (that is its own button).
            await page.Locator("#phoneNumber").FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Nummer opslaan" }).ClickAsync();
            await Assertions.Expect(page.Locator("#phoneNumber-error")).ToContainTextAsync("Vul uw mobiele nummer in.");

            // A good one, written as people do, kept in E.164.
            await page.Locator("#phoneNumber").FillAsync("06-12 34 56 78");
            await page.GetByRole(AriaRole.Button, new() { Name = "Nummer opslaan" }).ClickAsync();
            await page.WaitForURLAsync($"{site}/mijn-buurt/instellingen?opgeslagen=nummer#phone");
            Assert.Equal("Uw nummer is opgeslagen: +31612345678.", (await page.InnerTextAsync("#saved")).Trim());
            Assert.Equal("Uw nummer: +31612345678", (await page.InnerTextAsync("#phone-current")).Trim());
            Assert.Equal("+31612345678", (await MeAsync(resident)).GetProperty("phoneNumber").GetString());

            // Notifications learns the number from identity's event: then texts are offered, for the kinds that go by text only.
            await Eventually.TrueAsync(async () => (await KindAsync(resident, "booking-reminder")).GetProperty("channels").TryGetProperty("sms", out _),
                what: "notifications to offer texts");
            await page.ReloadAsync();
            Assert.StartsWith("Sms kiest u bij berichten over afspraken en activiteiten.", (await page.InnerTextAsync("#channels-intro")).Trim(), StringComparison.Ordinal);
            Assert.Equal(new[] { "immediately", "off" }, await page.Locator("#sms-booking-reminder option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
            Assert.Equal(0, await page.Locator("#sms-initiative-moved").CountAsync());
            Assert.Contains("sms", await page.Locator("#always-on-list #soort-booking-confirmed").InnerTextAsync(), StringComparison.Ordinal);
            await page.Locator("#sms-booking-reminder").SelectOptionAsync("off");
            await page.Locator("#soort-booking-reminder button[type=submit]").ClickAsync();
            await page.WaitForURLAsync($"{site}/mijn-buurt/instellingen?opgeslagen=booking-reminder#soort-booking-reminder");
            Assert.EndsWith("sms: uit.", (await page.InnerTextAsync("#saved")).Trim(), StringComparison.Ordinal);
            Assert.Equal("off", (await KindAsync(resident, "booking-reminder")).GetProperty("channels").GetProperty("sms").GetString());
            Assert.Equal("immediately", (await KindAsync(resident, "booking-reminder")).GetProperty("channels").GetProperty("email").GetString());
            await Axe.AssertNoViolationsAsync(page);

            // Removing it: said, and identity holds none.
            await page.GetByRole(AriaRole.Button, new() { Name = "Nummer verwijderen" }).ClickAsync();
            await page.WaitForURLAsync($"{site}/mijn-buurt/instellingen?opgeslagen=geen-nummer#phone");
            Assert.Equal("Uw nummer is verwijderd. U krijgt geen sms'jes meer.", (await page.InnerTextAsync("#saved")).Trim());
            Assert.Equal("U hebt geen nummer opgegeven.", (await page.InnerTextAsync("#phone-current")).Trim());
            Assert.Equal(JsonValueKind.Null, (await MeAsync(resident)).GetProperty("phoneNumber").ValueKind);
        }
        finally
        {
            await resident.PatchAsJsonAsync("/api/identity/v1/me", new { phoneNumber = "" });
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData("/mijn-buurt/meldingen")]
    [InlineData("/mijn-buurt/instellingen")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        using var visitor = platform.SiteClient();
        using var response = await visitor.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("connect/authorize|inloggen", response.Headers.Location!.ToString());
        // And the header of a page for everyone shows no count.
        Assert.DoesNotContain("unread-count", await visitor.GetStringAsync("/agenda"), StringComparison.Ordinal);
    }

    /// <summary>The resident's notifications that lead to the initiative (notifications gives the path without its first slash), newest first: their ids.</summary>
    private static async Task<List<Guid>> AboutAsync(HttpClient resident, Guid initiative) =>
        [.. (await resident.GetFromJsonAsync<JsonElement>($"{Notifications}/notifications?pageSize=50")).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("link").GetString() == $"initiatieven/{initiative}")
            .Select(n => n.GetProperty("id").GetGuid())];

    private static async Task<int> UnreadAsync(HttpClient resident) =>
        (await resident.GetFromJsonAsync<JsonElement>($"{Notifications}/notifications/unread-count")).GetProperty("unread").GetInt32();

    private static async Task<JsonElement> KindAsync(HttpClient resident, string kind) =>
        (await resident.GetFromJsonAsync<JsonElement>($"{Notifications}/preferences")).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("kind").GetString() == kind);

    private static Task<JsonElement> MeAsync(HttpClient resident) => resident.GetFromJsonAsync<JsonElement>("/api/identity/v1/me");

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
