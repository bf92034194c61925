using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contracts.Identity;
using Buurt.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Buurt.Identity.Tests;

/// <summary>The tenant admin's staff accounts: the list, roles and wijken, deactivating and reactivating, the invitation again.</summary>
public sealed class StaffAccountTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Users = "/api/identity/v1/users";

    [Fact]
    public async Task The_admin_lists_the_municipalitys_staff_with_roles_wijken_and_open_invitations()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, email) = await InviteAsync(admin, ["director", "alderman"], [Demo.Zuid]);

        var list = await admin.GetFromJsonAsync<JsonElement>($"{Users}?kind=staff");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        var director = items.Single(i => i.GetProperty("email").GetString() == Demo.Director);
        Assert.Equal(["director"], Strings(director.GetProperty("roles")));
        Assert.Equal([Demo.Zuid.ToString()], Strings(director.GetProperty("wijken")));
        Assert.Equal("active", director.GetProperty("status").GetString());
        var invited = items.Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(["director", "alderman"], Strings(invited.GetProperty("roles")));
        Assert.Equal("invited", invited.GetProperty("status").GetString());
        Assert.Equal(email, invited.GetProperty("email").GetString());
        // Staff only, and only this municipality's.
        Assert.DoesNotContain(items, i => i.GetProperty("email").GetString() is Demo.Resident or Demo.VoorbeeldstadAdmin or Demo.VoorbeeldstadDirector);
        Assert.Contains(items, i => i.GetProperty("email").GetString() == Demo.Admin);
    }

    [Fact]
    public async Task Another_municipalitys_admin_neither_sees_nor_changes_these_accounts()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, _) = await InviteAsync(admin, ["director"], [Demo.Zuid]);
        var other = await fixture.ClientAsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad);

        var list = await other.GetFromJsonAsync<JsonElement>(Users);
        var get = await other.GetAsync($"{Users}/{id}");
        var change = await other.PutAsJsonAsync($"{Users}/{id}/roles", new { roles = new[] { "tenant-admin" } });
        var deactivate = await other.PostAsync($"{Users}/{id}/deactivation", null);
        var resend = await other.PostAsync($"{Users}/{id}/invitations", null);

        var emails = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()).ToList();
        Assert.Contains(Demo.VoorbeeldstadDirector, emails);
        Assert.DoesNotContain(emails, e => e!.EndsWith("@hilversum.example", StringComparison.Ordinal));
        Assert.All([get, change, deactivate, resend], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"{Users}/{id}");
        Assert.Equal(["director"], Strings(unchanged.GetProperty("roles")));
        Assert.Equal("invited", unchanged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Changing_roles_and_wijken_reaches_the_copies_and_the_next_token()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, email) = await InviteAsync(admin, ["director"], [Demo.Zuid]);
        await AcceptAsync(email);

        var response = await admin.PutAsJsonAsync($"{Users}/{id}/roles", new { roles = new[] { "alderman" }, wijken = new[] { Demo.Centrum } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await fixture.Identity.Published.WaitForAsync<AccountChanged>(c => c.AccountId == id);
        Assert.Equal(["alderman"], changed.Roles);
        Assert.Equal([Demo.Centrum], changed.Wijken);
        var token = new JsonWebToken(await fixture.Identity.TokenAsync(Demo.Hilversum, email, "Regie-2026-wijk"));
        Assert.Equal(["alderman"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal([Demo.Centrum.ToString()], token.Claims.Where(c => c.Type == "wijk").Select(c => c.Value));
    }

    public static TheoryData<object, string> BadRoles() => new()
    {
        { new { roles = Array.Empty<string>() }, "roles" },
        { new { roles = new[] { "resident" } }, "roles" },
        { new { roles = new[] { "partner" } }, "wijken" }, // a partner works for a wijk
        { new { roles = new[] { "director" }, wijken = new[] { Demo.VoorbeeldstadNoord } }, "wijken" }, // another municipality's
        { new { wijken = new[] { Demo.Zuid } }, "roles" },
    };

    [Theory]
    [MemberData(nameof(BadRoles))]
    public async Task Bad_roles_get_400_naming_the_field_and_change_nothing(object body, string field)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, _) = await InviteAsync(admin, ["director"], [Demo.Zuid]);

        await admin.PutAsJsonAsync($"{Users}/{id}/roles", body).ProblemAsync(HttpStatusCode.BadRequest, field);

        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"{Users}/{id}");
        Assert.Equal(["director"], Strings(unchanged.GetProperty("roles")));
        Assert.Equal([Demo.Zuid.ToString()], Strings(unchanged.GetProperty("wijken")));
    }

    [Fact]
    public async Task The_admin_keeps_their_own_admin_role_and_account()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var self = await SelfAsync(admin);

        await admin.PutAsJsonAsync($"{Users}/{self}/roles", new { roles = new[] { "budget-controller" } }).ProblemAsync(HttpStatusCode.BadRequest, "roles");
        await admin.PostAsync($"{Users}/{self}/deactivation", null).ProblemAsync(HttpStatusCode.Conflict);

        var still = await admin.GetFromJsonAsync<JsonElement>($"{Users}/{self}");
        Assert.Equal(["tenant-admin"], Strings(still.GetProperty("roles")));
        Assert.Equal("active", still.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_roles_and_cannot_sign_in_or_reset_its_password()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, email) = await InviteAsync(admin, ["director"], [Demo.Zuid]);
        await AcceptAsync(email);
        var resetBefore = await ResetCodeAsync(email);

        var response = await admin.PostAsync($"{Users}/{id}/deactivation", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await fixture.Identity.Published.WaitForAsync<AccountChanged>(c => c.AccountId == id);
        Assert.Empty(changed.Roles);
        Assert.Empty(changed.Wijken);
        var token = await fixture.Identity.RequestTokenAsync(Demo.Hilversum, TestIdentity.PasswordForm(email, "Regie-2026-wijk"));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Contains("deactivated", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_description").GetString(), StringComparison.Ordinal);
        // Only to whoever knows the password: a wrong one hears what any wrong password hears.
        var guess = await fixture.Identity.RequestTokenAsync(Demo.Hilversum, TestIdentity.PasswordForm(email, "Geraden-2026"));
        Assert.DoesNotContain("deactivated", (await guess.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_description").GetString(), StringComparison.Ordinal);
        await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email, token = resetBefore, password = "Terug-2026-binnen" }).ProblemAsync(HttpStatusCode.BadRequest, "token");
        var listed = (await admin.GetFromJsonAsync<JsonElement>(Users)).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("deactivated", listed.GetProperty("status").GetString());
        await admin.PutAsJsonAsync($"{Users}/{id}/roles", new { roles = new[] { "budget-controller" } }).ProblemAsync(HttpStatusCode.Conflict);
        // Deactivating again answers the same.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Users}/{id}/deactivation", null)).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_colleague_is_reactivated_with_new_roles_and_signs_in_with_their_password_again()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, email) = await InviteAsync(admin, ["director"], [Demo.Zuid]);
        await AcceptAsync(email);
        // Not deactivated: its roles change instead.
        await admin.PostAsJsonAsync($"{Users}/{id}/reactivation", new { roles = new[] { "director" }, wijken = new[] { Demo.Zuid } })
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Users}/{id}/deactivation", null)).StatusCode);

        // Bad input changes nothing: a director needs a wijk, a wijk must be this municipality's, a role must be a staff role.
        await admin.PostAsJsonAsync($"{Users}/{id}/reactivation", new { roles = new[] { "director" } }).ProblemAsync(HttpStatusCode.BadRequest, "wijken");
        await admin.PostAsJsonAsync($"{Users}/{id}/reactivation", new { roles = new[] { "director" }, wijken = new[] { Guid.NewGuid() } })
            .ProblemAsync(HttpStatusCode.BadRequest, "wijken");
        await admin.PostAsJsonAsync($"{Users}/{id}/reactivation", new { roles = new[] { "resident" } }).ProblemAsync(HttpStatusCode.BadRequest, "roles");
        await admin.PostAsJsonAsync($"{Users}/{id}/reactivation", new { wijken = new[] { Demo.Zuid } }).ProblemAsync(HttpStatusCode.BadRequest, "roles");
        Assert.Equal("deactivated", (await admin.GetFromJsonAsync<JsonElement>($"{Users}/{id}")).GetProperty("status").GetString());
        var refused = await fixture.Identity.RequestTokenAsync(Demo.Hilversum, TestIdentity.PasswordForm(email, "Regie-2026-wijk"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var back = await admin.PostAsJsonAsync($"{Users}/{id}/reactivation", new { roles = new[] { "alderman" }, wijken = new[] { Demo.Oost1221 } }).OkAsync();

        Assert.Equal("active", back.GetProperty("status").GetString());
        Assert.Equal(["alderman"], Strings(back.GetProperty("roles")));
        Assert.Equal([Demo.Oost1221.ToString()], Strings(back.GetProperty("wijken")));
        var changed = await fixture.Identity.Published.WaitForAsync<AccountChanged>(c => c.AccountId == id && c.Roles.Contains("alderman"));
        Assert.Equal([Demo.Oost1221], changed.Wijken);
        var token = new JsonWebToken(await fixture.Identity.TokenAsync(Demo.Hilversum, email, "Regie-2026-wijk"));
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == "alderman");
        Assert.DoesNotContain(token.Claims, c => c.Type == "role" && c.Value == "director");
        // Another municipality's admin and a director get nothing.
        var other = await fixture.ClientAsAsync(Demo.VoorbeeldstadAdmin, Demo.Voorbeeldstad);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{Users}/{id}/reactivation", new { roles = new[] { "director" }, wijken = new[] { Demo.Zuid } })).StatusCode);
        var director = await fixture.ClientAsAsync(Demo.Director);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.PostAsJsonAsync($"{Users}/{id}/reactivation", new { roles = new[] { "director" }, wijken = new[] { Demo.Zuid } })).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_invitation_no_longer_opens_the_account()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, email) = await InviteAsync(admin, ["budget-controller"], []);
        var invited = await fixture.Identity.Published.WaitForAsync<StaffInvited>(i => i.AccountId == id);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Users}/{id}/deactivation", null)).StatusCode);

        await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email, token = invited.Code, password = "Regie-2026-wijk" }).ProblemAsync(HttpStatusCode.BadRequest, "token");
    }

    [Fact]
    public async Task An_open_invitation_is_mailed_again_with_a_new_code_until_it_is_accepted()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, email) = await InviteAsync(admin, ["partner"], [Demo.Zuid]);
        var first = await fixture.Identity.Published.WaitForAsync<StaffInvited>(i => i.AccountId == id);

        var again = await admin.PostAsync($"{Users}/{id}/invitations", null);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var second = await fixture.Identity.Published.WaitForAsync<StaffInvited>(i => i.AccountId == id && i.Code != first.Code);
        Assert.Equal(email, second.Email);
        await AcceptAsync(email, second.Code);
        await admin.PostAsync($"{Users}/{id}/invitations", null).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(Demo.Director)]
    [InlineData(Demo.Resident)]
    [InlineData(Demo.BudgetController)]
    public async Task Only_the_tenant_admin_sees_and_changes_staff(string email)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var (id, _) = await InviteAsync(admin, ["director"], [Demo.Zuid]);
        var client = await fixture.ClientAsAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Users)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"{Users}/{id}/roles", new { roles = new[] { "tenant-admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Users}/{id}/deactivation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Users}/{id}/invitations", null)).StatusCode);
        Assert.Equal(["director"], Strings((await admin.GetFromJsonAsync<JsonElement>($"{Users}/{id}")).GetProperty("roles")));
    }

    [Fact]
    public async Task A_residents_account_is_not_a_staff_account_and_other_kinds_are_not_listed()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var resident = new JsonWebToken(await fixture.Identity.TokenAsync(Demo.Hilversum, Demo.Resident)).Subject;

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Users}/{resident}")).StatusCode);
        await admin.PutAsJsonAsync($"{Users}/{resident}/roles", new { roles = new[] { "tenant-admin" } }).ProblemAsync(HttpStatusCode.NotFound);
        await admin.GetAsync($"{Users}?kind=resident").ProblemAsync(HttpStatusCode.BadRequest, "kind");
    }

    private static async Task<(Guid Id, string Email)> InviteAsync(HttpClient admin, string[] roles, Guid[] wijken)
    {
        var email = $"collega.{Guid.NewGuid():N}@hilversum.example";
        var created = await admin.PostAsJsonAsync(Users, new { email, displayName = "Nieuwe Collega", roles, wijken });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), email);
    }

    private async Task AcceptAsync(string email, string? code = null)
    {
        code ??= (await fixture.Identity.Published.WaitForAsync<StaffInvited>(i => i.Email == email)).Code;
        var confirmed = await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email, token = code, password = "Regie-2026-wijk" });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
    }

    private async Task<string> ResetCodeAsync(string email)
    {
        var seen = fixture.Identity.Published.Of<PasswordResetRequested>().Count();
        await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets", new { email });
        return (await fixture.Identity.Published.WaitForNewAsync<PasswordResetRequested>(seen, r => r.Email == email)).Code;
    }

    private async Task<Guid> SelfAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>(Users)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("email").GetString() == Demo.Admin).GetProperty("id").GetGuid();

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];
}
