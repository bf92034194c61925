using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contacts.Data;
using Buurt.Contracts.Identity;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>Venues (published for the calendar), the copy of identity's postcode ranges, and the network's gauges.</summary>
[Collection(ContactsCollection.Name)]
public sealed class VenueAndCopyTests(ContactsService service)
{
    [Fact]
    public async Task The_demo_venues_De_Geus_and_Lopes_Dias_are_listed_per_wijk_for_anyone_and_shared_for_half_a_minute()
    {
        var oost = await service.Client().GetAsync($"{Root}/venues?areaId={Demo.Oost1221}");
        var zuid = await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/venues?areaId={Demo.Zuid}");

        Assert.Equal("public, max-age=30", oost.Headers.CacheControl?.ToString());
        var geus = Assert.Single((await oost.OkAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("Wijkcentrum De Geus", geus.GetProperty("name").GetString());
        Assert.Contains("ringleiding", geus.GetProperty("accessibilityNotes").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, geus.GetProperty("openingHours").GetArrayLength());
        Assert.Equal("monday", geus.GetProperty("openingHours")[0].GetProperty("day").GetString());
        Assert.Contains(zuid.GetProperty("items").EnumerateArray(), v => v.GetProperty("name").GetString() == "Buurthuis Lopes Dias");
    }

    [Fact]
    public async Task A_venue_is_registered_changed_and_ended_and_each_step_is_published_for_the_calendar()
    {
        var director = await service.AsAsync(Demo.Director);
        var venue = new
        {
            name = "Speeltuingebouw Zuid",
            areaId = Demo.Zuid,
            address = "Havenstraat 1",
            postcode = "1216 AB",
            city = "Hilversum",
            location = new { lat = 52.214, lon = 5.176 },
            openingHours = new[] { new { day = "saturday", opens = "10:00:00", closes = "16:00:00" } },
            accessibilityNotes = "Gelijkvloers.",
        };

        var id = await IdOfAsync(director.PostAsJsonAsync($"{Root}/venues", venue));
        var changed = await director.PutAsJsonAsync($"{Root}/venues/{id}", venue with { name = "Speeltuinhuis Zuid" });
        var ended = await director.DeleteAsync($"{Root}/venues/{id}");

        Assert.Equal("Speeltuinhuis Zuid", (await changed.OkAsync()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        var events = await service.EventsAboutAsync(id);
        Assert.Equal(["VenueRegistered", "VenueChanged", "VenueEnded"], events.Select(e => e.Type));
        Assert.Equal("1216 AB", events[0].Payload.GetProperty("postcode").GetString());
        Assert.Equal("saturday", events[0].Payload.GetProperty("openingHours")[0].GetProperty("day").GetString());
        var listed = await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/venues?areaId={Demo.Zuid}&pageSize=100");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_postcode_range_identity_adds_later_is_copied_from_its_event_and_answers_at_once()
    {
        await service.Client().GetAsync($"{Root}/who?postcode=1299").ProblemAsync(HttpStatusCode.NotFound);

        await service.PublishAsync(new PostcodeRangeAdded(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, Demo.Centrum, 1298, 1299));

        var answer = await Eventually.ValueAsync(() => service.Client().GetAsync($"{Root}/who?postcode=1299&topic=groen"),
            r => r.IsSuccessStatusCode, what: "the new postcode range to be copied");
        Assert.Equal(Demo.Centrum, (await answer.OkAsync()).GetProperty("wijk").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_postcode_range_identity_removes_is_gone_from_the_copy()
    {
        await service.PublishAsync(new PostcodeRangeAdded(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, Demo.Centrum, 1296, 1297));
        await Eventually.ValueAsync(() => service.Client().GetAsync($"{Root}/who?postcode=1297&topic=groen"), r => r.IsSuccessStatusCode,
            what: "the new postcode range to be copied");

        await service.PublishAsync(new PostcodeRangeRemoved(Demo.Hilversum, Guid.NewGuid(), DateTimeOffset.UtcNow, Demo.Centrum, 1296, 1297));

        var answer = await Eventually.ValueAsync(() => service.Client().GetAsync($"{Root}/who?postcode=1297&topic=groen"),
            r => r.StatusCode == HttpStatusCode.NotFound, what: "the removed postcode range to be gone");
        await answer.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_catch_up_copied_every_range_of_identity_without_doubles()
    {
        var copied = await service.InScopeAsync(Demo.Voorbeeldstad, s => s.GetRequiredService<ContactsDbContext>().PostcodeRanges.OrderBy(r => r.From)
            .Select(r => new { r.From, r.To }).ToListAsync());

        Assert.Equal([(9991, 9993), (9994, 9996), (9997, 9999)], copied.Select(r => (r.From, r.To)));
    }

    [Fact]
    public async Task The_gauges_count_todays_holders_per_wijk_and_function_and_the_standing_consents_without_personal_data()
    {
        var metrics = await Eventually.ValueAsync(
            () => service.Factory.CreateClient().GetStringAsync("/metrics"),
            m => m.Contains("buurt_contacts_holders{", StringComparison.Ordinal) && m.Contains("buurt_contacts_consents{", StringComparison.Ordinal),
            what: "the network gauges");

        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("buurt_contacts_holders{", StringComparison.Ordinal) && l.Contains("function=\"wijkagent\"", StringComparison.Ordinal)
            && l.Contains("tenant=\"hilversum\"", StringComparison.Ordinal) && l.Contains("wijk=\"Oost 1221\"", StringComparison.Ordinal) && l.EndsWith("} 1", StringComparison.Ordinal));
        Assert.Matches("buurt_contacts_consents\\{[^}]*tenant=\"hilversum\",visibility=\"public\"\\} [1-9]", metrics);
        Assert.DoesNotContain("Dennis", metrics, StringComparison.Ordinal);
    }
}
