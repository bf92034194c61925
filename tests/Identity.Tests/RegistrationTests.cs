using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Buurt.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

public sealed class RegistrationTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Path = "/api/identity/v1/registrations";
    private static readonly Guid s_oost1221 = Demo.Oost1221;

    private static JsonObject Registration(string? email = null) => new()
    {
        ["email"] = email ?? $"bewoner.{Guid.NewGuid():N}@example.nl",
        ["password"] = "Buurt-2026-veilig",
        ["displayName"] = "Noor Bakker",
        ["postcode"] = "1221 ab",
    };

    private async Task<int> UsersAsync()
    {
        await using var scope = fixture.Identity.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>().Users.CountAsync();
    }

    [Fact]
    public async Task A_resident_registers_lands_in_the_wijk_of_their_postcode_and_can_sign_in()
    {
        var body = Registration();

        var response = await fixture.Client(Demo.Hilversum).PostAsJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.OkAsync();
        Assert.Equal(s_oost1221, created.GetProperty("area").GetProperty("id").GetGuid());
        Assert.Equal("1221 AB", created.GetProperty("postcode").GetString());
        var token = new JsonWebToken(await fixture.Identity.TokenAsync(Demo.Hilversum, body["email"]!.GetValue<string>(), "Buurt-2026-veilig"));
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == "resident");
        Assert.Equal(s_oost1221.ToString(), token.Claims.Single(c => c.Type == "wijk").Value);
    }

    [Fact]
    public async Task The_same_address_may_have_an_account_in_another_municipality_but_not_twice_in_one()
    {
        var email = $"twee.{Guid.NewGuid():N}@example.nl";
        var elsewhere = Registration(email);
        elsewhere["postcode"] = "9991";

        Assert.Equal(HttpStatusCode.Created, (await fixture.Client(Demo.Hilversum).PostAsJsonAsync(Path, Registration(email))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Client(Demo.Voorbeeldstad).PostAsJsonAsync(Path, elsewhere)).StatusCode);
        var again = fixture.Client(Demo.Hilversum).PostAsJsonAsync(Path, Registration(email.ToUpperInvariant()));

        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    public static TheoryData<string, string> BadRegistrations() => new()
    {
        { "email", "geen-adres" },
        { "password", "Kort-1!" }, // too short
        { "password", "Geen-cijfers-hier" }, // no digit
        { "postcode", "9991" }, // a wijk of another municipality
        { "postcode", "12345" }, // no postcode
        { "displayName", "" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_gets_400_naming_the_field_and_creates_no_account(string field, string value)
    {
        var before = await UsersAsync();
        var body = Registration();
        body[field] = value;

        var response = fixture.Client(Demo.Hilversum).PostAsJsonAsync(Path, body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await UsersAsync());
    }

    [Fact]
    public async Task A_registration_without_a_municipality_is_refused()
    {
        var response = fixture.Client(null).PostAsJsonAsync(Path, Registration());

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
