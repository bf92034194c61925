using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Identity.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

public sealed class StaffAndResetTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static readonly Guid s_zuid = Demo.Zuid;

    private LogMailer Mailer => fixture.Identity.Factory.Services.GetRequiredService<LogMailer>();

    private string TokenMailedTo(string email) => Mailer.Recent.Last(m => m.To == email).Token!;

    [Fact]
    public async Task A_new_director_is_invited_chooses_a_password_and_signs_in_for_their_wijk()
    {
        var email = $"regisseur.{Guid.NewGuid():N}@hilversum.example";
        var admin = await fixture.ClientAsAsync("admin@hilversum.example");

        var created = await admin.PostAsJsonAsync("/api/identity/v1/users", new { email, displayName = "Nieuwe Regisseur", role = "director", wijken = new[] { s_zuid } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var confirmed = await fixture.Client("hilversum").PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email, token = TokenMailedTo(email), password = "Regie-2026-wijk" });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);

        var token = new JsonWebToken(await fixture.Identity.TokenAsync("hilversum", email, "Regie-2026-wijk"));
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == "director");
        Assert.Equal(s_zuid.ToString(), token.Claims.Single(c => c.Type == "wijk").Value);
    }

    public static TheoryData<string, object, string> BadStaff() => new()
    {
        { "a resident role", new { email = "x1@hilversum.example", displayName = "X", role = "resident" }, "role" },
        { "a director without a wijk", new { email = "x2@hilversum.example", displayName = "X", role = "director" }, "wijken" },
        { "another municipality's wijk", new { email = "x3@hilversum.example", displayName = "X", role = "partner", wijken = new[] { "40437c71-c350-5967-8430-06f36ad69767" } }, "wijken" },
        { "no e-mail address", new { displayName = "X", role = "budget-controller" }, "email" },
    };

    [Theory]
    [MemberData(nameof(BadStaff))]
    public async Task A_bad_staff_account_gets_400_naming_the_field(string why, object body, string field)
    {
        var admin = await fixture.ClientAsAsync("admin@hilversum.example");

        var response = await admin.PostAsJsonAsync("/api/identity/v1/users", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: {problem}");
    }

    [Theory]
    [InlineData("resident@hilversum.example")]
    [InlineData("director.zuid@hilversum.example")]
    public async Task Only_the_tenant_admin_creates_staff(string email)
    {
        var client = await fixture.ClientAsAsync(email);

        var response = await client.PostAsJsonAsync("/api/identity/v1/users", new { email = "nope@hilversum.example", displayName = "Nee", role = "tenant-admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_reset_is_accepted_for_any_address_and_mails_only_an_existing_account()
    {
        var before = Mailer.Recent.Count;

        var unknown = await fixture.Client("hilversum").PostAsJsonAsync("/api/identity/v1/password-resets", new { email = "niemand@hilversum.example" });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(before, Mailer.Recent.Count);

        var known = await fixture.Client("hilversum").PostAsJsonAsync("/api/identity/v1/password-resets", new { email = "budget@hilversum.example" });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal("budget@hilversum.example", Mailer.Recent.Last().To);
    }

    [Fact]
    public async Task A_wrong_reset_code_changes_nothing()
    {
        var response = await fixture.Client("hilversum").PostAsJsonAsync("/api/identity/v1/password-resets/confirm",
            new { email = "alderman.zuid@hilversum.example", token = "verzonnen", password = "Ander-2026-wachtwoord" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _));
        // The old password still works.
        Assert.NotEmpty(await fixture.Identity.TokenAsync("hilversum", "alderman.zuid@hilversum.example"));
    }
}
