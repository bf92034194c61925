using System.Net;
using System.Net.Http.Json;
using Buurt.Contracts.Identity;
using Buurt.Contracts.Notifications;
using Buurt.Messaging;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Identity.Tests;

/// <summary>
/// Identity tells the services that keep a copy of accounts (notifications) what happened to them:
/// registered, changed, erased, and every account again when a new copy asks.
/// </summary>
public sealed class AccountEventTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private PublishedMessages Published => fixture.Identity.Published;

    private async Task<(string Email, HttpClient Client, Guid Id)> NewResidentAsync(string language = "nl")
    {
        var email = $"bewoner.{Guid.NewGuid():N}@hilversum.example";
        var registered = await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/registrations",
            new { email, password = "Bewoner-2026!", displayName = "Nieuwe Bewoner", postcode = "1216 AB", language }).OkAsync();
        var client = fixture.Client(Demo.Hilversum);
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync(Demo.Hilversum, email, "Bewoner-2026!"));
        return (email, client, registered.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_resident_who_registers_is_published_with_language_role_and_home_wijk()
    {
        var (email, _, id) = await NewResidentAsync("en");

        var registered = await Published.WaitForAsync<AccountRegistered>(r => r.Email == email);
        Assert.Equal((id, "Nieuwe Bewoner", "en", true), (registered.AccountId, registered.DisplayName, registered.Language, registered.SelfRegistered));
        Assert.Equal(["resident"], registered.Roles);
        Assert.Equal([Demo.Zuid], registered.Wijken);
    }

    [Fact]
    public async Task A_changed_name_and_language_are_published_whole()
    {
        var (email, client, id) = await NewResidentAsync();

        var changed = await client.PatchAsJsonAsync("/api/identity/v1/me", new { displayName = "Andere Naam", language = "en" }).OkAsync();

        Assert.Equal("Andere Naam", changed.GetProperty("displayName").GetString());
        var published = await Published.WaitForAsync<AccountChanged>(c => c.AccountId == id);
        Assert.Equal((email, "Andere Naam", "en"), (published.Email, published.DisplayName, published.Language));
        Assert.Equal([Demo.Zuid], published.Wijken);
    }

    [Theory]
    [InlineData("language", "fr")]
    [InlineData("displayName", "")]
    public async Task A_bad_change_gets_400_naming_the_field_and_publishes_nothing(string field, string value)
    {
        var (_, client, id) = await NewResidentAsync();

        await client.PatchAsJsonAsync("/api/identity/v1/me", new Dictionary<string, string> { [field] = value }).ProblemAsync(HttpStatusCode.BadRequest, field);

        await Task.Delay(500);
        Assert.DoesNotContain(Published.Of<AccountChanged>(), c => c.AccountId == id);
    }

    [Fact]
    public async Task An_erased_account_is_published_and_signs_in_no_more()
    {
        var (email, client, id) = await NewResidentAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/identity/v1/me")).StatusCode);

        await Published.WaitForAsync<AccountErased>(e => e.AccountId == id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Identity.TokenAsync(Demo.Hilversum, email, "Bewoner-2026!"));
    }

    [Fact]
    public async Task A_reset_code_leaves_no_copy_in_identitys_outbox_once_published()
    {
        var seen = Published.Of<PasswordResetRequested>().Count();
        await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets", new { email = Demo.Alderman });
        var requested = await Published.WaitForNewAsync<PasswordResetRequested>(seen, r => r.Email == Demo.Alderman);

        var row = await Eventually.ValueAsync(async () =>
        {
            await using var scope = fixture.Identity.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.IdentityServiceDbContext>();
            return await db.Set<Buurt.Messaging.Outbox.OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == requested.EventId);
        }, m => m.SentAt is not null, what: "the reset's outbox row marked sent");
        Assert.Equal("{}", row.Payload);
        Assert.DoesNotContain(requested.Code, row.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_copy_asking_for_the_accounts_gets_every_account_of_its_municipality()
    {
        var seen = Published.Of<AccountChanged>().Count();
        var asked = new AccountsReplayRequested(Demo.Voorbeeldstad, Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        await BusReadiness.ConnectedAsync(fixture.Identity.Factory.Services);

        await fixture.Identity.Factory.Services.GetRequiredService<IBus>().Publish(asked, c =>
        {
            c.MessageId = asked.EventId;
            c.Headers.Set(BuurtMessageHeaders.Tenant, asked.TenantId);
        });

        var replayed = await Eventually.ValueAsync(() => Task.FromResult(Published.Of<AccountChanged>().Skip(seen).Where(c => c.TenantId == Demo.Voorbeeldstad).ToList()),
            c => c.Count >= 3, what: "voorbeeldstad's three demo accounts");
        Assert.Equal([Demo.VoorbeeldstadAdmin, Demo.VoorbeeldstadDirector, Demo.VoorbeeldstadResident], replayed.Select(c => c.Email).Order());
        Assert.Equal([Demo.VoorbeeldstadNoord], replayed.Single(c => c.Email == Demo.VoorbeeldstadDirector).Wijken);
    }

    [Theory]
    [InlineData("06 12 34 56 78")]
    [InlineData("+31 6-12345678")]
    [InlineData("0031 (0)6 1234 5678")]
    public async Task A_phone_number_is_kept_in_E164_and_published_and_an_empty_one_removes_it(string written)
    {
        var (_, client, id) = await NewResidentAsync();

        var changed = await client.PatchAsJsonAsync("/api/identity/v1/me", new { phoneNumber = written }).OkAsync();

        Assert.Equal("+31612345678", changed.GetProperty("phoneNumber").GetString());
        var published = await Published.WaitForAsync<AccountChanged>(c => c.AccountId == id);
        Assert.Equal("+31612345678", published.PhoneNumber);
        // GET /me shows it too (the web app's settings page reads it there).
        Assert.Equal("+31612345678", (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/identity/v1/me")).GetProperty("phoneNumber").GetString());

        var seen = Published.Of<AccountChanged>().Count();
        var removed = await client.PatchAsJsonAsync("/api/identity/v1/me", new { phoneNumber = "" }).OkAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, removed.GetProperty("phoneNumber").ValueKind);
        Assert.Null((await Published.WaitForNewAsync<AccountChanged>(seen, c => c.AccountId == id)).PhoneNumber);
    }

    [Theory]
    [InlineData("020 123 45 67")] // a landline: no text messages
    [InlineData("06 1234 567")]
    [InlineData("+32 6 12345678")]
    [InlineData("bel me maar")]
    public async Task A_phone_number_that_is_no_Dutch_mobile_number_gets_400_naming_it_and_changes_nothing(string written)
    {
        var (_, client, id) = await NewResidentAsync();

        await client.PatchAsJsonAsync("/api/identity/v1/me", new { phoneNumber = written, displayName = "Niet Bewaard" })
            .ProblemAsync(HttpStatusCode.BadRequest, "phoneNumber");

        await Task.Delay(500);
        Assert.DoesNotContain(Published.Of<AccountChanged>(), c => c.AccountId == id);
    }
}
