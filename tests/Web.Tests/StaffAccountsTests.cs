using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The functional administrator's staff accounts (/werkplek/instellingen/medewerkers) through the
/// gateway: inviting a colleague (the mail from smtp4dev, the password chosen through its link),
/// changing roles and wijken, deactivating and giving access again; errors at the fields; nobody else gets in; Voorbeeldstad's
/// administrator sees Voorbeeldstad's staff only. Every test makes its own colleagues.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class StaffAccountsTests(WebPlatform platform)
{
    private const string Path = "/werkplek/instellingen/medewerkers";

    [Fact]
    public async Task The_admin_invites_a_director_who_chooses_a_password_through_the_mails_link_and_works_in_that_wijk()
    {
        var email = $"regisseur.{Guid.NewGuid():N}@hilversum.example";
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: Path);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Medewerkers");
        Assert.Equal("page", await page.GetAttributeAsync("#nav-staff", "aria-current"));
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#displayName").FillAsync("Rita Regisseur");
        await page.Locator("#email").FillAsync(email);
        await page.Locator($"form:has(#displayName) input[name=roles][value=director]").CheckAsync();
        await page.Locator($"form:has(#displayName) input[name=wijken][value='{Demo.Centrum}']").CheckAsync();
        await page.Locator("form:has(#displayName) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=uitgenodigd*");

        Assert.Contains("De uitnodiging is verstuurd.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        // Back with the new account's forms: its roles and wijken, and the invitation to send again.
        await Assertions.Expect(page.Locator("#change")).ToHaveTextAsync("Rollen en wijken van Rita Regisseur");
        Assert.True(await page.Locator("form:has(#change-roles) input[name=roles][value=director]").IsCheckedAsync());
        Assert.True(await page.Locator($"form:has(#change-roles) input[name=wijken][value='{Demo.Centrum}']").IsCheckedAsync());
        Assert.Equal(1, await page.Locator("button", new() { HasText = "Uitnodiging opnieuw sturen" }).CountAsync());
        await FindAsync(page, email);
        var row = page.Locator("tr", new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("Wijkregisseur");
        await Assertions.Expect(row).ToContainTextAsync("Centrum");
        await Assertions.Expect(row).ToContainTextAsync("Uitgenodigd");
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();

        // The invitation, as smtp4dev has it: a link to the page where the password is chosen, and the code.
        var mail = (await platform.Mail.WaitForAsync(m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase),
            timeout: TimeSpan.FromSeconds(30), what: "the invitation mail")).Single();
        var link = ResetLink().Match(mail.TextBody!).Value;
        Assert.StartsWith($"{platform.Site()}/account/reset?email=", link, StringComparison.Ordinal);
        var code = CodeLine().Match(mail.TextBody!).Groups[1].Value;

        var invitee = await platform.NewPageAsync();
        await invitee.GotoAsync(link);
        Assert.Equal(email, await invitee.InputValueAsync("#email"));
        await invitee.Locator("#token").FillAsync(code);
        await invitee.Locator("#password").FillAsync(Demo.Password);
        await invitee.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(invitee.Locator("[role=status]")).ToBeVisibleAsync();
        await platform.SignInAsync(invitee, email, returnUrl: "/werkplek");
        Assert.Equal("Mijn wijk vandaag: Centrum", (await invitee.InnerTextAsync("h1")).Trim());
        await invitee.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_changes_a_role_with_errors_at_the_fields_and_the_persons_access_changes_then_deactivates_them()
    {
        var (id, email) = await ColleagueAsync("director", Demo.Zuid);
        var colleague = await platform.NewPageAsync();
        await platform.SignInAsync(colleague, email, returnUrl: $"/werkplek/bord?wijk={Demo.Zuid}");
        Assert.Equal(403, (await colleague.GotoAsync($"{platform.Site()}/werkplek/budget"))!.Status);
        await colleague.Context.CloseAsync();

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: $"{Path}?wijzig={id}");
        var form = page.Locator("form:has(#change-roles)");
        // A director without a wijk: identity's rule, at the wijken.
        await form.Locator($"input[name=wijken][value='{Demo.Zuid}']").UncheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#change-wijken-error");
        Assert.StartsWith("Wijken:", (await page.InnerTextAsync("#change-wijken-error")).Trim(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        // No role at all: the page's own check.
        await form.Locator("input[name=roles][value=director]").UncheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#change-roles-error");
        Assert.Contains("Kies ten minste één rol.", await page.InnerTextAsync("#change-roles-error"), StringComparison.Ordinal);
        Assert.Equal(["director"], (await AccountAsync(id)).Roles);

        await form.Locator("input[name=roles][value=budget-controller]").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=gewijzigd*");
        Assert.Contains("De rollen en wijken zijn opgeslagen.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        var changed = await AccountAsync(id);
        Assert.Equal(["budget-controller"], changed.Roles);
        Assert.Empty(changed.Wijken);

        // Signed in again: the budget is theirs, the wijk no longer.
        colleague = await platform.NewPageAsync();
        await platform.SignInAsync(colleague, email, returnUrl: "/werkplek/budget");
        Assert.Equal(403, (await colleague.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}"))!.Status);
        await colleague.Context.CloseAsync();

        await page.Locator("form:has-text('Account deactiveren') button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=gedeactiveerd*");
        await Assertions.Expect(page.Locator("#deactivated-note")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#change-roles").CountAsync());
        await FindAsync(page, email);
        await Assertions.Expect(page.Locator("tr", new() { HasText = email })).ToContainTextAsync("Gedeactiveerd");
        await Axe.AssertNoViolationsAsync(page);
        using var anonymous = platform.Client();
        var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(TestIdentity.PasswordForm(email)));
        Assert.False(token.IsSuccessStatusCode);
        await page.Context.CloseAsync();
        // The login page says so to whoever knows the password.
        colleague = await platform.NewPageAsync();
        await colleague.GotoAsync($"{platform.Site()}/inloggen?returnUrl=%2Fwerkplek");
        await colleague.Locator("#email").FillAsync(email);
        await colleague.Locator("#password").FillAsync(Demo.Password);
        await colleague.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(colleague.Locator("#email-error")).ToContainTextAsync("gedeactiveerd");
        await colleague.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_gives_a_deactivated_colleague_access_again_with_a_wijk_required_at_the_field()
    {
        var (id, email) = await ColleagueAsync("director", Demo.Zuid);
        using (var admin = await platform.SignedInAsync(Demo.Admin))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/v1/users/{id}/deactivation", null)).StatusCode);
        }

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: $"{Path}?wijzig={id}");
        await Assertions.Expect(page.Locator("#deactivated-note")).ToBeVisibleAsync();
        var form = page.Locator("form:has(#reactivate-roles)");
        // Nothing ticked: the page's own check; a director without a wijk: identity's rule, at the wijken.
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#reactivate-roles-error");
        Assert.Contains("Kies ten minste één rol.", await page.InnerTextAsync("#reactivate-roles-error"), StringComparison.Ordinal);
        await form.Locator("input[name=roles][value=director]").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#reactivate-wijken-error");
        Assert.StartsWith("Wijken:", (await page.InnerTextAsync("#reactivate-wijken-error")).Trim(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        Assert.Equal("deactivated", (await AccountAsync(id)).Status);

        await form.Locator($"input[name=wijken][value='{Demo.Zuid}']").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**gelukt=heractiveerd*");
        Assert.Contains("Het account is weer actief.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#change-roles")).ToBeVisibleAsync();
        var back = await AccountAsync(id);
        Assert.Equal("active", back.Status);
        Assert.Equal(["director"], back.Roles);
        Assert.Equal([Demo.Zuid], back.Wijken);
        await page.Context.CloseAsync();

        // Their own password opens the wijk's board again.
        var colleague = await platform.NewPageAsync();
        await platform.SignInAsync(colleague, email, returnUrl: $"/werkplek/bord?wijk={Demo.Zuid}");
        Assert.Equal(200, (await colleague.GotoAsync($"{platform.Site()}/werkplek/bord?wijk={Demo.Zuid}"))!.Status);
        await colleague.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_or_taken_address_is_said_at_the_field_and_creates_nothing()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Admin, returnUrl: Path);
        var before = (await StaffAsync()).Count;

        await page.Locator("#displayName").FillAsync("Geen Adres");
        await page.Locator("#email").FillAsync("geen-adres");
        await page.Locator("form:has(#displayName) input[name=roles][value=budget-controller]").CheckAsync();
        await page.Locator("form:has(#displayName) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#email-error");

        Assert.StartsWith("E-mailadres:", (await page.InnerTextAsync("#email-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal("geen-adres", await page.InputValueAsync("#email"));
        Assert.True(await page.Locator("form:has(#displayName) input[name=roles][value=budget-controller]").IsCheckedAsync());
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#email").FillAsync(Demo.Director);
        await page.Locator("form:has(#displayName) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#email-error")).ToContainTextAsync("Er is al een account met dit e-mailadres");
        Assert.Equal(before, (await StaffAsync()).Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_director_gets_403_and_no_link()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek?wijk={Demo.Zuid}");
        Assert.Equal(0, await page.Locator("#nav-staff").CountAsync());

        var response = await page.GotoAsync($"{platform.Site()}{Path}");

        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        Assert.Equal("Geen toegang", (await page.InnerTextAsync("h1")).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Voorbeeldstads_admin_sees_only_voorbeeldstads_staff()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.VoorbeeldstadAdmin, returnUrl: Path, tenant: Demo.Voorbeeldstad);

        var table = await page.InnerTextAsync("table");

        Assert.Contains(Demo.VoorbeeldstadDirector, table, StringComparison.Ordinal);
        Assert.DoesNotContain("hilversum.example", table, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>The list filtered to one address, with the page's search form.</summary>
    private static async Task FindAsync(IPage page, string email)
    {
        await page.Locator("#q").FillAsync(email);
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**q=*");
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
    }

    /// <summary>A colleague with a password (the demo's), made through the API as the administrator; the code from the mail.</summary>
    private async Task<(Guid Id, string Email)> ColleagueAsync(string role, Guid wijk)
    {
        var email = $"collega.{Guid.NewGuid():N}@hilversum.example";
        using var admin = await platform.SignedInAsync(Demo.Admin);
        var created = await admin.PostAsJsonAsync("/api/identity/v1/users", new { email, displayName = "Collega Test", role, wijken = new[] { wijk } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var mail = (await platform.Mail.WaitForAsync(m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase),
            timeout: TimeSpan.FromSeconds(30), what: "the invitation mail")).Single();
        var confirmed = await platform.Client().PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email, token = CodeLine().Match(mail.TextBody!).Groups[1].Value, password = Demo.Password });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        return (id, email);
    }

    private sealed record Account(Guid Id, string Email, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken, string Status);

    private async Task<Account> AccountAsync(Guid id)
    {
        using var admin = await platform.SignedInAsync(Demo.Admin);
        return (await admin.GetFromJsonAsync<Account>($"/api/identity/v1/users/{id}", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    private async Task<IReadOnlyList<JsonElement>> StaffAsync()
    {
        using var admin = await platform.SignedInAsync(Demo.Admin);
        return [.. (await admin.GetFromJsonAsync<JsonElement>("/api/identity/v1/users")).GetProperty("items").EnumerateArray()];
    }

    [GeneratedRegex(@"http\S+/account/reset\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"Uw code: (\S+)")]
    private static partial Regex CodeLine();
}
