using System.Net;
using System.Net.Http.Json;
using Buurt.Contracts.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

public sealed class StaffAndResetTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static readonly Guid s_zuid = Demo.Zuid;

    [Fact]
    public async Task A_new_director_is_invited_chooses_a_password_and_signs_in_for_their_wijk()
    {
        var email = $"regisseur.{Guid.NewGuid():N}@hilversum.example";
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        var created = await admin.PostAsJsonAsync("/api/identity/v1/users", new { email, displayName = "Nieuwe Regisseur", role = "director", wijken = new[] { s_zuid } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Its mail is the notifications service's: identity publishes the invitation (in Dutch) with the code.
        var invited = await fixture.Identity.Published.WaitForAsync<StaffInvited>(i => i.Email == email);
        Assert.Equal("nl", invited.Language);
        var registered = await fixture.Identity.Published.WaitForAsync<AccountRegistered>(r => r.Email == email);
        Assert.Equal(["director"], registered.Roles);
        Assert.Equal([s_zuid], registered.Wijken);
        Assert.False(registered.SelfRegistered);
        var confirmed = await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email, token = invited.Code, password = "Regie-2026-wijk" });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);

        var token = new JsonWebToken(await fixture.Identity.TokenAsync(Demo.Hilversum, email, "Regie-2026-wijk"));
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == "director");
        Assert.Equal(s_zuid.ToString(), token.Claims.Single(c => c.Type == "wijk").Value);
    }

    public static TheoryData<object, string> BadStaff() => new()
    {
        { new { email = "x1@hilversum.example", displayName = "X", role = "resident" }, "role" },
        { new { email = "x2@hilversum.example", displayName = "X", role = "director" }, "wijken" }, // a director works for a wijk
        { new { email = "x3@hilversum.example", displayName = "X", role = "partner", wijken = new[] { Demo.VoorbeeldstadNoord } }, "wijken" }, // another municipality's
        { new { displayName = "X", role = "budget-controller" }, "email" },
    };

    [Theory]
    [MemberData(nameof(BadStaff))]
    public async Task A_bad_staff_account_gets_400_naming_the_field(object body, string field)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        var response = admin.PostAsJsonAsync("/api/identity/v1/users", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_address_with_an_account_here_is_a_conflict()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        var response = admin.PostAsJsonAsync("/api/identity/v1/users", new { email = Demo.BudgetController, displayName = "Dubbel", role = "budget-controller" });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(Demo.Resident)]
    [InlineData(Demo.Director)]
    public async Task Only_the_tenant_admin_creates_staff(string email)
    {
        var client = await fixture.ClientAsAsync(email);

        var response = await client.PostAsJsonAsync("/api/identity/v1/users", new { email = "nope@hilversum.example", displayName = "Nee", role = "tenant-admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_reset_is_accepted_for_any_address_and_mails_only_an_existing_account()
    {
        var unknown = await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets", new { email = "niemand@hilversum.example" });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);

        var known = await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets", new { email = Demo.BudgetController });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        await fixture.Identity.Published.WaitForAsync<PasswordResetRequested>(r => r.Email == Demo.BudgetController);
        // Published in order of their commits: had the unknown address been mailed, it would be out by now.
        Assert.DoesNotContain(fixture.Identity.Published.Of<PasswordResetRequested>(), r => r.Email == "niemand@hilversum.example");
    }

    [Fact]
    public async Task A_wrong_reset_code_changes_nothing()
    {
        var response = fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email = Demo.Alderman, token = "verzonnen", password = "Ander-2026-wachtwoord" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "token");
        // The old password still works.
        Assert.NotEmpty(await fixture.Identity.TokenAsync(Demo.Hilversum, Demo.Alderman));
    }
}
