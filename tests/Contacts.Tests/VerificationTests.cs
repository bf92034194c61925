using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contacts.UseCases;
using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Api;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>
/// The yearly "is this still right?": a year after a listing was last confirmed its contact is asked
/// once (an event through the outbox, by one replica of two), confirming by the link's button sets the
/// date, and four weeks without an answer flag the listing to staff. The watch runs on a clock the test
/// sets (<see cref="ManualClock"/>).
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class VerificationTests(ContactsService service)
{
    private static readonly TimeSpan s_year = TimeSpan.FromDays(365);

    private async Task<Guid> OrganisationWithMailAsync(string name) =>
        await service.NewOrganisationAsync(name, [new { kind = "email", value = "info@" + Guid.NewGuid().ToString("N")[..8] + ".example", visibility = "public" }]);

    [Fact]
    public async Task A_year_after_its_last_confirmation_a_listings_contact_is_asked_once_even_with_two_replicas_watching()
    {
        var organisation = await OrganisationWithMailAsync("Jaarlijks Gevraagd");
        var email = (await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{organisation}")).GetProperty("contactPoints")[0].GetProperty("value").GetString();
        var registered = (await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{organisation}")).GetProperty("lastVerifiedAt").GetDateTimeOffset();

        await service.WatchVerificationsAsync(registered + s_year - TimeSpan.FromDays(1));
        var tooEarly = await service.EventsAboutAsync(organisation);
        var passes = await Task.WhenAll(service.WatchVerificationsAsync(registered + s_year), service.WatchVerificationsAsync(registered + s_year));
        await service.WatchVerificationsAsync(registered + s_year + TimeSpan.FromDays(30));
        var due = await service.Published.WaitForAsync<ListingVerificationDue>(e => e.ListingId == organisation);
        await Task.Delay(500);

        Assert.DoesNotContain(tooEarly, e => e.Type == nameof(ListingVerificationDue));
        Assert.True(passes.Sum() >= 1);
        Assert.Single(service.Published.Of<ListingVerificationDue>(), e => e.ListingId == organisation);
        Assert.Equal("organisation", due.ListingKind);
        Assert.Equal("Jaarlijks Gevraagd", due.ListingName);
        Assert.Equal(email, due.Email);
        Assert.Equal(registered, due.LastVerifiedAt);
        Assert.StartsWith("api/contacts/v1/verification-links/", due.LinkPath, StringComparison.Ordinal);
        Assert.Equal(1L, await service.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM organisations WHERE id = '{organisation}' AND verification_requested_at IS NOT NULL"));
    }

    /// <summary>Makes a listing's last confirmation <paramref name="days"/> old (in the database), so the real "now" of a link's POST follows it.</summary>
    private Task BackdateAsync(string table, Guid id, int days) =>
        service.Database.ScalarAsync<object>($"UPDATE {table} SET last_verified_at = now() - interval '{days} days' WHERE id = '{id}'");

    [Fact]
    public async Task Confirming_by_the_links_button_sets_the_date_opening_it_does_not_and_the_next_request_comes_a_year_later()
    {
        var organisation = await OrganisationWithMailAsync("Bevestigde Organisatie");
        await BackdateAsync("organisations", organisation, 366);
        var backdated = (await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{organisation}")).GetProperty("lastVerifiedAt").GetDateTimeOffset();
        await service.WatchVerificationsAsync(DateTimeOffset.UtcNow);
        var due = await service.Published.WaitForAsync<ListingVerificationDue>(e => e.ListingId == organisation);

        var page = await service.Client().GetAsync("/" + due.LinkPath);
        var afterOpening = (await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{organisation}")).GetProperty("lastVerifiedAt").GetDateTimeOffset();
        var confirmed = await service.Client().PostAsync("/" + due.LinkPath, null);
        var afterConfirming = (await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/organisations/{organisation}")).GetProperty("lastVerifiedAt").GetDateTimeOffset();
        var seen = service.Published.Of<ListingVerificationDue>().Count();
        await service.WatchVerificationsAsync(afterConfirming + s_year - TimeSpan.FromDays(1));
        var notYet = service.Published.Of<ListingVerificationDue>().Skip(seen).Any(e => e.ListingId == organisation);
        await service.WatchVerificationsAsync(afterConfirming + s_year);
        var next = await service.Published.WaitForNewAsync<ListingVerificationDue>(seen, e => e.ListingId == organisation);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Klopt dit nog?", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Bevestigde Organisatie", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(backdated, afterOpening);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Bedankt", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(afterConfirming, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.False(notYet);
        Assert.Equal(afterConfirming, next.LastVerifiedAt);
    }

    [Fact]
    public async Task A_listing_unconfirmed_for_a_year_and_four_weeks_is_flagged_to_staff_until_it_is_confirmed()
    {
        var organisation = await OrganisationWithMailAsync("Vergeten Organisatie");
        var person = await service.NewPersonAsync("Vergeten Persoon");
        await BackdateAsync("organisations", organisation, 365 + 29);
        await BackdateAsync("people", person, 365 + 29);
        var now = DateTimeOffset.UtcNow;

        var flaggedBefore = await FlaggedAsync(now - TimeSpan.FromDays(2));
        await service.WatchVerificationsAsync(now);
        var flagged = await FlaggedAsync(now);
        (await (await service.AsAsync(Demo.Admin)).PostAsync($"{Root}/organisations/{organisation}/verification", null)).EnsureSuccessStatusCode();
        (await (await service.AsAsync(Demo.Admin)).PostAsync($"{Root}/people/{person}/verification", null)).EnsureSuccessStatusCode();
        var flaggedAfter = await FlaggedAsync(DateTimeOffset.UtcNow);

        Assert.DoesNotContain(flaggedBefore, l => l.Id == organisation || l.Id == person);
        Assert.Contains(flagged, l => l.Id == organisation && l.Kind == Domain.ListingKind.Organisation && l.VerificationRequestedAt != null);
        // A person without an e-mail address was not asked (nothing to send it to), and is flagged all the same.
        Assert.Contains(flagged, l => l.Id == person && l.Kind == Domain.ListingKind.Person);
        Assert.DoesNotContain(service.Published.Of<ListingVerificationDue>(), e => e.ListingId == person);
        Assert.DoesNotContain(flaggedAfter, l => l.Id == organisation || l.Id == person);
    }

    private Task<IReadOnlyList<UnverifiedListing>> FlaggedAsync(DateTimeOffset now) => service.WithClockAsync<IReadOnlyList<UnverifiedListing>>(now, async (db, clock) =>
        (await new Verifications(db, clock).UnverifiedAsync(new PageRequest { PageSize = 100 },
            new Domain.Viewer(Guid.NewGuid(), [Buurt.ServiceDefaults.Auth.BuurtRoles.TenantAdmin], []), CancellationToken.None)).Items);

    [Fact]
    public async Task Staff_list_unverified_listings_partners_confirm_their_own_and_no_one_else_does_either()
    {
        var person = await service.NewPersonAsync("Lijst Persoon");
        var organisation = await service.NewOrganisationAsync("Niet Van Partner");
        await service.Database.ScalarAsync<object>($"UPDATE people SET last_verified_at = now() - interval '400 days' WHERE id = '{person}'");

        var list = await (await service.AsAsync(Demo.Director)).GetFromJsonAsync<JsonElement>($"{Root}/listings/unverified?pageSize=100");

        Assert.Contains(list.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetGuid() == person && l.GetProperty("kind").GetString() == "person");
        await (await service.AsAsync(Demo.Resident)).GetAsync($"{Root}/listings/unverified").ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(Demo.Partner)).GetAsync($"{Root}/listings/unverified").ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(Demo.Partner)).PostAsync($"{Root}/organisations/{organisation}/verification", null).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(Demo.Resident)).PostAsync($"{Root}/people/{person}/verification", null).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client().PostAsync($"{Root}/verification-links/{new string('y', 43)}", null)).StatusCode);
    }
}
