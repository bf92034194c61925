using System.Net;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>
/// The agenda: occurrences in order with their offsets, across the clock changes, filtered, paged,
/// and only what the caller may see. Each test plans in a wijk and period of its own.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class AgendaTests(CalendarService service)
{
    private static readonly Guid s_centrum = Demo.Centrum;
    private static readonly Guid s_zuidwest = Guid.Parse("6573adcd-7f11-59ce-a56d-1cdf723f9517");
    private static readonly Guid s_noordwest = Guid.Parse("65ce95ea-b068-5131-9ea9-759c5c5b91c8");

    private static async Task<JsonElement> AgendaAsync(HttpClient client, string query) =>
        await client.GetAsync($"{Root}/agenda?{query}").OkAsync();

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task A_weekly_19_00_stays_19_00_local_across_the_march_and_october_changes()
    {
        var admin = await service.AsAsync(Demo.Admin);
        var id = (await service.ScheduleAsync(Body("2027-03-15T19:00", "2027-03-15T21:00", s_centrum,
            recurrence: new { frequency = "weekly", until = "2027-11-15" }), Demo.Admin)).GetProperty("id").GetGuid();

        var march = Items(await AgendaAsync(admin, $"areaId={s_centrum}&from=2027-03-20&to=2027-04-05"));
        var october = Items(await AgendaAsync(admin, $"areaId={s_centrum}&from=2027-10-20&to=2027-11-05"));

        Assert.All(march.Concat(october), i => Assert.Equal(id, i.GetProperty("activityId").GetGuid()));
        Assert.Equal(["2027-03-22T19:00:00+01:00", "2027-03-29T19:00:00+02:00", "2027-04-05T19:00:00+02:00"], march.Select(i => i.GetProperty("start").GetString()));
        Assert.Equal(["2027-10-25T19:00:00+02:00", "2027-11-01T19:00:00+01:00"], october.Select(i => i.GetProperty("start").GetString()));
        Assert.Equal(["2027-03-22T21:00:00+01:00", "2027-03-29T21:00:00+02:00", "2027-04-05T21:00:00+02:00"], march.Select(i => i.GetProperty("end").GetString()));
    }

    [Fact]
    public async Task On_the_change_days_a_nonexistent_time_moves_forward_and_a_twice_existing_one_is_the_earlier()
    {
        var admin = await service.AsAsync(Demo.Admin);
        await service.ScheduleAsync(Body("2027-03-28T02:30", "2027-03-28T04:00", s_zuidwest), Demo.Admin);
        await service.ScheduleAsync(Body("2027-10-31T02:30", "2027-10-31T04:00", s_zuidwest), Demo.Admin);

        var items = Items(await AgendaAsync(admin, $"areaId={s_zuidwest}&from=2027-03-28&to=2027-10-31"));

        // 02:30 does not exist on 28 March: 03:30 summer time (01:30 UTC), ending at 04:00 summer time.
        Assert.Equal(("2027-03-28T03:30:00+02:00", "2027-03-28T04:00:00+02:00"), (items[0].GetProperty("start").GetString(), items[0].GetProperty("end").GetString()));
        // 02:30 exists twice on 31 October: the first, summer time; 04:00 is winter time (two and a half hours later).
        Assert.Equal(("2027-10-31T02:30:00+02:00", "2027-10-31T04:00:00+01:00"), (items[1].GetProperty("start").GetString(), items[1].GetProperty("end").GetString()));
        Assert.Equal(["2027-03-28T02:30", "2027-10-31T02:30"], items.Select(i => i.GetProperty("occurrenceStart").GetString()));
    }

    [Fact]
    public async Task The_agenda_filters_by_wijk_kind_theme_and_period_and_pages()
    {
        var admin = await service.AsAsync(Demo.Admin);
        await service.ScheduleAsync(Body("2027-05-03T10:00", "2027-05-03T11:00", s_noordwest,
            recurrence: new { frequency = "weekly", byDay = new[] { "MO", "WE", "FR" }, until = "2027-05-28" }, change: b => b["theme"] = "sociaal"), Demo.Admin);
        await service.ScheduleAsync(Body("2027-05-04T14:00", "2027-05-04T16:00", s_noordwest, kind: "network-meeting", visibility: "network",
            change: b => b["theme"] = "veilig"), Demo.Admin);
        await service.ScheduleAsync(Body("2027-05-04T14:00", "2027-05-04T16:00", s_centrum), Demo.Admin);

        var all = await AgendaAsync(admin, $"areaId={s_noordwest}&from=2027-05-01&to=2027-05-31&pageSize=5");
        var second = await AgendaAsync(admin, $"areaId={s_noordwest}&from=2027-05-01&to=2027-05-31&pageSize=5&page=2");
        var network = await AgendaAsync(admin, $"areaId={s_noordwest}&from=2027-05-01&to=2027-05-31&kind=network-meeting");
        var social = await AgendaAsync(admin, $"areaId={s_noordwest}&from=2027-05-01&to=2027-05-31&theme=sociaal&pageSize=100");
        var firstWeek = await AgendaAsync(admin, $"areaId={s_noordwest}&from=2027-05-03&to=2027-05-04");

        Assert.Equal(13, all.GetProperty("total").GetInt64());
        Assert.Equal((1, 5), (all.GetProperty("page").GetInt32(), all.GetProperty("pageSize").GetInt32()));
        var starts = Items(all).Concat(Items(second)).Select(i => i.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order().ToList(), starts);
        Assert.Equal("network-meeting", Assert.Single(Items(network)).GetProperty("kind").GetString());
        Assert.Equal(12, social.GetProperty("total").GetInt64());
        Assert.All(Items(social), i => Assert.Equal("sociaal", i.GetProperty("theme").GetString()));
        Assert.Equal(["2027-05-03T10:00:00+02:00", "2027-05-04T14:00:00+02:00"], Items(firstWeek).Select(i => i.GetProperty("start").GetString()));
    }

    [Fact]
    public async Task Network_activities_are_for_the_wijks_network_only_not_in_lists_counts_or_by_id()
    {
        var id = (await service.ScheduleAsync(Body("2027-06-09T14:00", "2027-06-09T15:30", visibility: "network", kind: "network-meeting"))).GetProperty("id").GetGuid();
        await service.ScheduleAsync(Body("2027-06-09T10:00", "2027-06-09T11:00"));
        const string query = "from=2027-06-09&to=2027-06-09";

        foreach (var who in new[] { Demo.Director, Demo.Alderman, Demo.Partner, Demo.Admin })
        {
            var client = await service.AsAsync(who);
            Assert.Equal(2, (await AgendaAsync(client, $"areaId={Zuid}&{query}")).GetProperty("total").GetInt64());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Root}/activities/{id}")).StatusCode);
        }
        foreach (var client in new[] { service.Client(), await service.AsAsync(Demo.Resident), await service.AsAsync(Demo.BudgetController) })
        {
            var agenda = await AgendaAsync(client, $"areaId={Zuid}&{query}");
            Assert.Equal(1, agenda.GetProperty("total").GetInt64());
            Assert.Equal("public", Assert.Single(Items(agenda)).GetProperty("visibility").GetString());
            Assert.Equal(1, (await AgendaAsync(client, query)).GetProperty("total").GetInt64());
            await client.GetAsync($"{Root}/activities/{id}").ProblemAsync(HttpStatusCode.NotFound);
            await client.GetAsync($"{Root}/activities/{id}/occurrences").ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task The_demo_agenda_has_the_coffee_morning_for_everyone_and_the_wijkteam_for_the_network()
    {
        // Demo:Enabled is on in Development: the coffee morning every Tuesday, the wijkteam the first Thursday of the month.
        const string period = "from=2027-01-01&to=2027-01-31";
        var everyone = Items(await AgendaAsync(service.Client(), $"areaId={Zuid}&{period}&pageSize=100"));
        var network = Items(await AgendaAsync(await service.AsAsync(Demo.Partner), $"areaId={Zuid}&{period}&kind=network-meeting"));

        Assert.Equal(["2027-01-05T10:00:00+01:00", "2027-01-12T10:00:00+01:00", "2027-01-19T10:00:00+01:00", "2027-01-26T10:00:00+01:00"],
            everyone.Where(i => i.GetProperty("title").GetString() == "Koffieochtend in De Geus").Select(i => i.GetProperty("start").GetString()));
        Assert.DoesNotContain(everyone, i => i.GetProperty("visibility").GetString() == "network");
        Assert.Equal("2027-01-07T14:00:00+01:00", Assert.Single(network).GetProperty("start").GetString());
    }

    [Fact]
    public async Task The_publics_agenda_may_be_shared_briefly_and_a_signed_in_callers_never()
    {
        var anonymous = await service.Client().GetAsync($"{Root}/agenda?areaId={Zuid}");
        var partner = await (await service.AsAsync(Demo.Partner)).GetAsync($"{Root}/agenda?areaId={Zuid}");

        Assert.Equal("public, max-age=30", anonymous.Headers.CacheControl?.ToString());
        Assert.Null(partner.Headers.CacheControl);
    }

    [Theory]
    [InlineData("from=2027-01-01&to=2026-12-01", "to")]
    [InlineData("from=2027-01-01&to=2028-06-01", "to")]
    [InlineData("from=gisteren", "from")]
    [InlineData("from=2027-01-01T00:00", "from")]
    [InlineData("kind=party", "kind")]
    [InlineData("theme=groen", "theme")]
    [InlineData("pageSize=500", "pageSize")]
    public async Task A_bad_filter_is_a_problem_naming_it(string query, string field)
    {
        await service.Client().GetAsync($"{Root}/agenda?{query}").ProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
