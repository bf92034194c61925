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

    private const string Contacts = "/api/contacts/v1";

    /// <summary>How long a fact may take from one service's outbox to another's copy on a busy test machine.</summary>
    private static readonly TimeSpan CrossService = TimeSpan.FromSeconds(90);

    /// <summary>The demo's wijkagent office hour of Zuid (calendar) and contacts' demo venue Buurthuis Lopes Dias.</summary>
    private static readonly Guid s_wijkagentZuid = Guid.Parse("0193a0c0-0000-7000-8000-0000000a9e17");

    [Fact]
    public async Task The_demo_wijkagent_office_hour_is_hosted_by_whoever_contacts_says_holds_it_at_contacts_venue()
    {
        // The calendar and contacts started together: the copies arrive by the events or by the replay each asks for at start.
        var officeHour = await Eventually.ValueAsync(() => platform.Client().GetAsync($"{Calendar}/office-hours/{s_wijkagentZuid}").OkAsync(),
            until: o => o.GetProperty("host").GetProperty("name").GetString() == "Dennis Kok"
                && o.GetProperty("location").GetProperty("address").GetString() == "Lopes Diaslaan 213, 1216 Hilversum",
            timeout: CrossService, what: "the calendar's copies of contacts' wijkagent and Lopes Dias");

        Assert.Equal(("wijkagent", true, "both", 30), (officeHour.GetProperty("host").GetProperty("function").GetString(),
            officeHour.GetProperty("host").GetProperty("byFunction").GetBoolean(), officeHour.GetProperty("mode").GetString(), officeHour.GetProperty("walkInMinutes").GetInt32()));
        Assert.Equal("Buurthuis Lopes Dias", officeHour.GetProperty("location").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_hand_over_at_contacts_changes_the_host_of_an_office_hour_by_function_from_its_first_day_and_a_venue_change_moves_an_activity()
    {
        var admin = await platform.SignedInAsync(Demo.Admin);
        var director = await platform.SignedInAsync(Demo.Director);
        var gemeente = (await admin.PostAsJsonAsync($"{Contacts}/organisations", new { name = "Handhaving Hilversum", kind = "municipality" }).OkAsync()).GetProperty("id").GetGuid();
        var anton = (await admin.PostAsJsonAsync($"{Contacts}/people", new { name = "Anton Visser" }).OkAsync()).GetProperty("id").GetGuid();
        var bea = (await admin.PostAsJsonAsync($"{Contacts}/people", new { name = "Bea Smits" }).OkAsync()).GetProperty("id").GetGuid();
        await admin.PostAsJsonAsync($"{Contacts}/assignments", new { personId = anton, organisationId = gemeente, function = "wijkboa", areaIds = new[] { s_zuid }, from = "2026-01-01" }).OkAsync();

        // The wijkboa of Zuid, Thursdays 6 to 27 May 2027, walk-in only; scheduled once the calendar knows the wijkboa of Zuid.
        var body = new
        {
            areaId = s_zuid, host = new { function = "wijkboa" }, start = "2027-05-06T09:00", end = "2027-05-06T10:00",
            recurrence = new { frequency = "weekly", count = 4 }, location = new { name = "Buurthuis Lopes Dias" },
        };
        var officeHour = (await Eventually.ValueAsync(() => director.PostAsJsonAsync($"{Calendar}/office-hours", body),
            until: r => r.StatusCode == HttpStatusCode.Created, timeout: CrossService, what: "the calendar's copy of the wijkboa's assignment")).Headers.Location!;
        var id = Guid.Parse(officeHour.OriginalString.Split('/')[^1]);

        // Bea Smits takes over on 20 May.
        await admin.PostAsJsonAsync($"{Contacts}/assignments", new { personId = bea, organisationId = gemeente, function = "wijkboa", areaIds = new[] { s_zuid }, from = "2027-05-20", handOver = true }).OkAsync();

        // Asked signed in: the public's agenda may be shared by the gateway for 30 s, and would show the hosts as they were.
        var hosts = await Eventually.ValueAsync(async () => (await director.GetAsync($"{Calendar}/agenda?areaId={s_zuid}&from=2027-05-01&to=2027-05-31&kind=office-hour&pageSize=100").OkAsync())
                .GetProperty("items").EnumerateArray().Where(i => i.GetProperty("officeHourId").GetGuid() == id).Select(i => i.GetProperty("host").GetProperty("name").GetString()).ToList(),
            until: names => names.Contains("Bea Smits"), timeout: CrossService, what: "the hand-over to reach the calendar");
        Assert.Equal(["Anton Visser", "Anton Visser", "Bea Smits", "Bea Smits"], hosts);

        // Contacts names today's wijkboa with the sessions they host, from the calendar's events.
        var wijkboa = await Eventually.ValueAsync(async () => (await admin.GetAsync($"{Contacts}/who?areaId={s_zuid}").OkAsync()).GetProperty("contacts").EnumerateArray()
                .Single(c => c.GetProperty("function").GetString() == "wijkboa"),
            until: c => c.GetProperty("nextOfficeHours").GetArrayLength() == 2, timeout: CrossService, what: "contacts' copy of the office hour");
        Assert.Equal("Anton Visser", wijkboa.GetProperty("name").GetString());
        Assert.Equal(["2027-05-06T09:00:00+02:00", "2027-05-13T09:00:00+02:00"],
            wijkboa.GetProperty("nextOfficeHours").EnumerateArray().Select(o => o.GetProperty("start").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));

        // A venue of the network as an activity's place, and its change at contacts moves it.
        var venue = (await admin.PostAsJsonAsync($"{Contacts}/venues", new
        {
            name = "Buurtkamer Zuid", areaId = s_zuid, address = "Kerkelanden 5", postcode = "1216", city = "Hilversum", location = new { lat = 52.214, lon = 5.176 },
        }).OkAsync()).GetProperty("id").GetGuid();
        var activity = await Eventually.ValueAsync(() => director.PostAsJsonAsync($"{Calendar}/activities", new
        {
            title = "Buurtkamer open", description = "Koffie.", areaId = s_zuid, kind = "activity", visibility = "public",
            start = "2027-05-11T14:00", end = "2027-05-11T16:00", venueId = venue,
        }), until: r => r.StatusCode == HttpStatusCode.Created, timeout: CrossService, what: "the calendar's copy of the venue");
        var activityId = (await activity.OkAsync()).GetProperty("id").GetGuid();
        await admin.PutAsJsonAsync($"{Contacts}/venues/{venue}", new
        {
            name = "Buurtkamer Zuid", areaId = s_zuid, address = "Kerkelanden 7", postcode = "1216", city = "Hilversum", location = new { lat = 52.214, lon = 5.176 },
        }).OkAsync();
        var moved = await Eventually.ValueAsync(() => platform.Client().GetAsync($"{Calendar}/activities/{activityId}").OkAsync(),
            until: a => a.GetProperty("location").GetProperty("address").GetString() == "Kerkelanden 7, 1216 Hilversum", timeout: CrossService, what: "the activity to follow its venue");
        Assert.Equal(1, moved.GetProperty("sequence").GetInt32());
    }
}
