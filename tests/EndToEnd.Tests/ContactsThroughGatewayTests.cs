using System.Net;
using System.Net.Http.Json;
using System.Text;
using Buurt.Contracts.Contacts;
using Buurt.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// Contacts as residents and staff meet it through the gateway: the README's tour question, and a
/// withdrawn consent that is gone from the very next answer, never having been in the gateway's
/// shared (Redis) cache, while answers without people in them are shared.
/// </summary>
public sealed class ContactsThroughGatewayTests(Platform platform) : IClassFixture<Platform>
{
    private const string Contacts = "/api/contacts/v1";

    [Fact]
    public async Task The_tour_who_do_I_talk_to_about_groen_in_1221()
    {
        var answer = await platform.Client().GetAsync($"{Contacts}/who?postcode=1221&topic=groen").OkAsync();

        Assert.Equal("Oost 1221", answer.GetProperty("wijk").GetProperty("name").GetString());
        var contact = Assert.Single(answer.GetProperty("contacts").EnumerateArray());
        Assert.Equal("wijkregisseur", contact.GetProperty("function").GetString());
        Assert.Equal("Jeroen van Dijk", contact.GetProperty("name").GetString());
        Assert.Equal("Gemeente Hilversum", contact.GetProperty("organisation").GetProperty("name").GetString());
        Assert.Contains(contact.GetProperty("contactPoints").EnumerateArray(), p => p.GetProperty("value").GetString() == "wijkoost@hilversum.example");
    }

    [Fact]
    public async Task Who_names_the_wijkagents_next_office_hours_from_the_calendar_with_their_walk_in_part()
    {
        // The calendar's demo: the wijkagent of Zuid's office hour on Tuesdays 19:00–20:30, walk-in until 19:30, then slots.
        var wijkagent = await Eventually.ValueAsync(async () => Assert.Single((await platform.Client().GetAsync($"{Contacts}/who?postcode=1216&topic=veiligheid").OkAsync())
                .GetProperty("contacts").EnumerateArray()),
            until: c => c.GetProperty("nextOfficeHours").GetArrayLength() > 0, timeout: TimeSpan.FromSeconds(90), what: "contacts' copy of the calendar's office hours");

        Assert.Equal("Dennis Kok", wijkagent.GetProperty("name").GetString());
        var next = wijkagent.GetProperty("nextOfficeHours").EnumerateArray().ToList();
        Assert.Equal(3, next.Count);
        Assert.All(next, o => Assert.Equal(Guid.Parse("0193a0c0-0000-7000-8000-0000000a9e17"), o.GetProperty("officeHourId").GetGuid()));
        var first = next[0];
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var start = TimeZoneInfo.ConvertTime(first.GetProperty("start").GetDateTimeOffset(), amsterdam);
        Assert.Equal((DayOfWeek.Tuesday, new TimeSpan(19, 0, 0)), (start.DayOfWeek, start.TimeOfDay));
        Assert.Equal(new TimeSpan(19, 30, 0), TimeZoneInfo.ConvertTime(first.GetProperty("walkInUntil").GetDateTimeOffset(), amsterdam).TimeOfDay);
        Assert.Equal("both", first.GetProperty("mode").GetString());
        Assert.StartsWith("Buurthuis Lopes Dias", first.GetProperty("location").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_consent_is_gone_from_the_very_next_answer_through_the_gateway_and_was_never_in_its_shared_cache()
    {
        var (admin, person, phone, consent) = await ConsentedHolderAsync("Buurtconciërge", "Conciërge Oost", withEmail: false);
        var anonymous = platform.Client();

        // Asked twice, as a cache would need: each time from the service, never stored.
        foreach (var _ in new[] { 1, 2 })
        {
            var shown = await anonymous.GetAsync($"{Contacts}/who?postcode=1223");
            Assert.Contains(phone, await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("no-store", shown.Headers.CacheControl?.ToString());
            Assert.Null(shown.Headers.Age);
            Assert.Contains(phone, await anonymous.GetStringAsync($"{Contacts}/people/{person}"), StringComparison.Ordinal);
        }
        var withdrawal = await admin.PostAsync($"{Contacts}/people/{person}/consents/{consent}/withdrawals", null);
        var after = await anonymous.GetStringAsync($"{Contacts}/who?postcode=1223");
        var personAfter = await anonymous.GetStringAsync($"{Contacts}/people/{person}");

        Assert.Equal(HttpStatusCode.Created, withdrawal.StatusCode);
        Assert.Contains("Conciërge Oost", after, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, after, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, personAfter, StringComparison.Ordinal);
        Assert.DoesNotContain(await GatewayCacheEntriesAsync(), e => e.Contains(phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_consent_withdrawn_by_its_mailed_link_through_the_gateway_is_gone_from_the_answer_of_that_POST_on()
    {
        Platform.SkipWhenRunning("contacts' bus (the withdrawal link it publishes)");
        var published = new PublishedMessages();
        using var observer = platform.Contacts.Services.GetRequiredService<IBus>().ConnectPublishObserver(published);
        var (_, person, phone, consent) = await ConsentedHolderAsync("Straatcoach", "Coach Oost", withEmail: true);
        var link = await published.WaitForAsync<ConsentWithdrawalLinkIssued>(e => e.ConsentId == consent);
        var anonymous = platform.Client();
        string[] reads = [$"{Contacts}/who?postcode=1223", $"{Contacts}/people/{person}", $"{Contacts}/open-data/hsds.json"];
        foreach (var read in reads)
        {
            Assert.Contains(phone, await anonymous.GetStringAsync(read), StringComparison.Ordinal);
        }

        var page = await anonymous.GetAsync("/" + link.LinkPath);
        var pageAgain = await anonymous.GetAsync("/" + link.LinkPath);
        var stillShown = await anonymous.GetStringAsync(reads[0]);
        var withdrawal = await anonymous.PostAsync("/" + link.LinkPath, null);
        var after = await Task.WhenAll(reads.Select(anonymous.GetStringAsync));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(pageAgain.Headers.Age);
        Assert.Contains(phone, stillShown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withdrawal.StatusCode);
        Assert.Contains("Toestemming ingetrokken", await withdrawal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(after, body => Assert.DoesNotContain(phone, body, StringComparison.Ordinal));
        Assert.Contains("Coach Oost", after[0], StringComparison.Ordinal);
        Assert.DoesNotContain(await GatewayCacheEntriesAsync(), e => e.Contains(phone, StringComparison.Ordinal) || e.Contains(link.LinkPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_with_no_person_in_it_is_shared_by_the_gateway()
    {
        Platform.SkipWhenRunning("the gateway's Redis keys");
        var url = $"{Contacts}/who?postcode=1221&topic=verkeer&probe={Guid.NewGuid():N}";

        var first = await platform.Client().GetAsync(url);
        var second = await platform.Client().GetAsync(url);

        Assert.Equal("public, max-age=30", first.Headers.CacheControl?.ToString());
        Assert.NotNull(second.Headers.Age);
        Assert.Contains(await GatewayCacheEntriesAsync(), e => e.Contains("Gemeente Hilversum", StringComparison.Ordinal));
    }

    /// <summary>
    /// Someone holding a new function in Oost 1223 since two days, with a public phone under a public
    /// consent (and their own e-mail address, which gets them a withdrawal link); as the admin.
    /// </summary>
    private async Task<(HttpClient Admin, Guid Person, string Phone, Guid Consent)> ConsentedHolderAsync(string functionName, string name, bool withEmail)
    {
        var admin = await platform.SignedInAsync(Demo.Admin);
        var phone = "06 " + Random.Shared.Next(10_000_000, 99_999_999);
        var function = "f-" + Guid.NewGuid().ToString("N")[..10];
        (await admin.PutAsJsonAsync($"{Contacts}/functions/{function}", new { name = functionName })).EnsureSuccessStatusCode();
        var organisation = await IdOfAsync(admin.PostAsJsonAsync($"{Contacts}/organisations", new { name = functionName + " Oost", kind = "housing-corporation" }));
        var person = await IdOfAsync(admin.PostAsJsonAsync($"{Contacts}/people", new { name }));
        var point = await IdOfAsync(admin.PostAsJsonAsync($"{Contacts}/people/{person}/contact-points", new { kind = "phone", value = phone, visibility = "public" }));
        if (withEmail)
        {
            await IdOfAsync(admin.PostAsJsonAsync($"{Contacts}/people/{person}/contact-points", new { kind = "email", value = "eigen@example.nl" }));
        }
        await IdOfAsync(admin.PostAsJsonAsync($"{Contacts}/assignments", new
        {
            personId = person,
            organisationId = organisation,
            function,
            areaIds = new[] { Demo.Oost1223 },
            from = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)),
        }));
        var consent = await IdOfAsync(admin.PostAsJsonAsync($"{Contacts}/people/{person}/consents",
            new { contactPointIds = new[] { point }, visibility = "public", basis = "in-person", textVersion = "2026-01" }));
        return (admin, person, phone, consent);
    }

    /// <summary>Every string value the gateway keeps in Redis (its cache entries hold the bodies as they were sent).</summary>
    private async Task<List<string>> GatewayCacheEntriesAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var entries = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: platform.GatewayRedisKeyPrefix + "*"))
        {
            if (await redis.GetDatabase().KeyTypeAsync(key) == RedisType.String && (byte[]?)await redis.GetDatabase().StringGetAsync(key) is { } value)
            {
                entries.Add(Encoding.UTF8.GetString(value));
            }
        }
        return entries;
    }

    private static async Task<Guid> IdOfAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.OkAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("id").GetGuid();
    }
}
