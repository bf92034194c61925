using System.Net;
using System.Net.Http.Json;
using Buurt.Testing;
using IcalCalendar = Ical.Net.Calendar;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// Issue 14's first phase through the gateway with demo tokens: the director plans, everyone reads
/// the agenda and the wijk's feed (shared by the gateway, 304 when unchanged), the network's meeting
/// stays the network's, and a milestone follows its initiative over the bus.
/// </summary>
public sealed class CalendarFlowTests(Platform platform) : IClassFixture<Platform>
{
    private const string Calendar = "/api/calendar/v1";
    private const string Initiatives = "/api/initiatives/v1/initiatives";
    private static readonly Guid s_zuid = Demo.Zuid;

    [Fact]
    public async Task The_director_plans_a_weekly_activity_everyone_reads_it_and_the_feed_is_shared_and_304_when_unchanged()
    {
        var director = await platform.SignedInAsync(Demo.Director);
        var created = await director.PostAsJsonAsync($"{Calendar}/activities", new
        {
            title = "Samen eten in De Geus",
            description = "Iedere maandag koken en eten met de buurt.",
            areaId = s_zuid,
            kind = "activity",
            visibility = "public",
            start = "2026-12-07T19:00",
            end = "2026-12-07T21:00",
            recurrence = new { frequency = "weekly", byDay = new[] { "MO" }, count = 20 },
            location = new { name = "Wijkcentrum De Geus", address = "Hilversum Zuid", lat = 52.2166, lon = 5.1736 },
            registration = new { capacity = 30 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.OkAsync()).GetProperty("id").GetGuid();

        var anonymous = platform.Client();
        var agenda = await anonymous.GetAsync($"{Calendar}/agenda?areaId={s_zuid}&from=2027-03-22&to=2027-04-04&kind=activity&pageSize=100").OkAsync();
        var meals = agenda.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("activityId").GetGuid() == id)
            .Select(i => i.GetProperty("start").GetString()).ToList();
        Assert.Equal(["2027-03-22T19:00:00+01:00", "2027-03-29T19:00:00+02:00"], meals);
        var demo = agenda.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("title").GetString() == "Koffieochtend in De Geus");
        Assert.Equal(2, demo);

        var feed = await anonymous.GetAsync($"{Calendar}/areas/{s_zuid}/agenda.ics");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = IcalCalendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Contains(calendar.Events, e => e.Uid == $"{id}@buurt" && e.RecurrenceRule!.ToString() == "FREQ=WEEKLY;COUNT=20;BYDAY=MO");
        Assert.DoesNotContain(calendar.Events, e => e.Summary == "Overleg wijkteam Zuid");
        var unchanged = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Calendar}/areas/{s_zuid}/agenda.ics")
        {
            Headers = { IfNoneMatch = { feed.Headers.ETag! } },
        });
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task The_wijkteam_meeting_is_the_networks_through_the_gateway_too()
    {
        const string query = $"{Calendar}/agenda?kind=network-meeting&pageSize=100";
        var partner = await (await platform.SignedInAsync(Demo.Partner)).GetAsync(query).OkAsync();
        var resident = await (await platform.SignedInAsync(Demo.Resident)).GetAsync(query).OkAsync();
        var anonymous = await platform.Client().GetAsync(query).OkAsync();

        var meeting = Assert.Single(partner.GetProperty("items").EnumerateArray());
        Assert.Equal(("Overleg wijkteam Zuid", "network"), (meeting.GetProperty("title").GetString(), meeting.GetProperty("visibility").GetString()));
        Assert.Equal(0, resident.GetProperty("total").GetInt64());
        Assert.Equal(0, anonymous.GetProperty("total").GetInt64());
        await platform.Client().GetAsync($"{Calendar}/activities/{meeting.GetProperty("activityId").GetGuid()}").ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_milestone_follows_its_initiative_over_the_bus_and_leaves_the_agenda_when_it_is_withdrawn()
    {
        var resident = await platform.SignedInAsync(Demo.Resident);
        var director = await platform.SignedInAsync(Demo.Director);
        var initiative = (await resident.PostAsJsonAsync(Initiatives, new
        {
            title = "Speeltuin Calvijnhof",
            description = "Een nieuwe speeltuin, ontworpen met de kinderen uit de buurt.",
            areaId = s_zuid,
            theme = "fysiek",
            requestedAmount = 4_000m,
        }).OkAsync()).GetProperty("id").GetGuid();
        var milestone = new
        {
            title = "Opening van de speeltuin",
            description = "Met limonade.",
            areaId = s_zuid,
            kind = "milestone",
            visibility = "public",
            start = "2027-05-22T14:00",
            end = "2027-05-22T16:00",
            initiativeId = initiative,
        };

        // The calendar hears of the initiative over the bus; until then it does not know it.
        var planned = await Eventually.ValueAsync(() => director.PostAsJsonAsync($"{Calendar}/activities", milestone),
            r => r.StatusCode == HttpStatusCode.Created, what: "the calendar to know the initiative");
        var id = (await planned.OkAsync()).GetProperty("id").GetGuid();
        const string agenda = $"{Calendar}/agenda?kind=milestone&from=2027-05-22&to=2027-05-22";
        Assert.Equal(1, (await director.GetAsync(agenda).OkAsync()).GetProperty("total").GetInt64());

        await resident.PostAsJsonAsync($"{Initiatives}/{initiative}/status-changes", new { status = "withdrawn", reason = "Geen plek gevonden" }).OkAsync();

        await Eventually.TrueAsync(async () => (await director.GetAsync(agenda).OkAsync()).GetProperty("total").GetInt64() == 0,
            what: "the milestone to leave the agenda");
        await director.GetAsync($"{Calendar}/activities/{id}").ProblemAsync(HttpStatusCode.NotFound);
    }
}
