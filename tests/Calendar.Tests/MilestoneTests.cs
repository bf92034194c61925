using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Calendar.Tests.CalendarService;

namespace Buurt.Calendar.Tests;

/// <summary>Milestones of initiatives, from the calendar's own copy of them kept by the initiatives' events.</summary>
[Collection(CalendarCollection.Name)]
public sealed class MilestoneTests(CalendarService service)
{
    private async Task<Guid> SubmittedAsync(Guid? area = null, Guid? initiator = null)
    {
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(new InitiativeSubmitted(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area ?? Zuid, Theme.Fysiek, 5_000m,
            InitiatorId: initiator));
        await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum,
            s => s.GetRequiredService<CalendarDbContext>().Initiatives.AnyAsync(i => i.Id == initiative)), what: "the initiative to reach the copy");
        return initiative;
    }

    private static Dictionary<string, object?> Milestone(Guid initiative, string day = "2027-06-12") =>
        Body($"{day}T15:00", $"{day}T16:00", kind: "milestone", change: b =>
        {
            b["title"] = "Opening van de speeltuin";
            b["initiativeId"] = initiative;
        });

    [Fact]
    public async Task A_milestone_of_an_initiative_is_in_the_agenda_until_the_initiative_is_withdrawn()
    {
        var initiative = await SubmittedAsync();
        var id = (await service.ScheduleAsync(Milestone(initiative))).GetProperty("id").GetGuid();
        const string agenda = $"{Root}/agenda?kind=milestone&from=2027-06-12&to=2027-06-12";
        Assert.Equal(1, (await service.Client().GetAsync(agenda).OkAsync()).GetProperty("total").GetInt64());

        await service.PublishAsync(new InitiativeWithdrawn(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Zuid));

        await Eventually.TrueAsync(async () => (await service.Client().GetAsync(agenda).OkAsync()).GetProperty("total").GetInt64() == 0,
            what: "the milestone to leave the agenda");
        await service.Client().GetAsync($"{Root}/activities/{id}").ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id.ToString(), await service.Client().GetStringAsync($"{Root}/areas/{Zuid}/agenda.ics"), StringComparison.Ordinal);
        // A withdrawn initiative gets no new milestones.
        await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/activities", Milestone(initiative, "2027-06-19")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_declined_initiative_that_is_heard_of_before_its_submission_stays_closed()
    {
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(new InitiativeDeclined(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Zuid, "Past niet in het wijkplan."));
        await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum,
            s => s.GetRequiredService<CalendarDbContext>().Initiatives.AnyAsync(i => i.Id == initiative)), what: "the declined initiative to reach the copy");
        await service.PublishAsync(new InitiativeSubmitted(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Zuid, Theme.Fysiek, 10m));
        await Task.Delay(500);

        await (await service.AsAsync(Demo.Director)).PostAsJsonAsync($"{Root}/activities", Milestone(initiative)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_milestone_happens_once_in_its_initiatives_wijk()
    {
        var initiative = await SubmittedAsync();
        var elsewhere = await SubmittedAsync(Demo.Centrum);
        var director = await service.AsAsync(Demo.Director);
        var before = await service.CountEverythingAsync();

        var recurring = Milestone(initiative);
        recurring["recurrence"] = new { frequency = "weekly", count = 3 };
        await director.PostAsJsonAsync($"{Root}/activities", recurring).ProblemAsync(HttpStatusCode.BadRequest, "recurrence");
        await director.PostAsJsonAsync($"{Root}/activities", Milestone(elsewhere)).ProblemAsync(HttpStatusCode.BadRequest, "initiativeId");

        Assert.Equal(before, await service.CountEverythingAsync());
    }

    /// <summary>The signed-in account (the token's <c>sub</c>), as initiatives names the initiator.</summary>
    private static Guid AccountOf(HttpClient client)
    {
        var payload = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '='));
        return JsonDocument.Parse(json).RootElement.GetProperty("sub").GetGuid();
    }

    [Fact]
    public async Task An_initiator_adds_a_milestone_to_their_own_initiative_and_to_no_one_elses()
    {
        var resident = await service.AsAsync(Demo.Resident);
        var own = await SubmittedAsync(initiator: AccountOf(resident));
        var others = await SubmittedAsync(initiator: Guid.CreateVersion7());
        var before = await service.CountEverythingAsync();

        await resident.PostAsJsonAsync($"{Root}/activities", Milestone(others, "2027-07-03")).ProblemAsync(HttpStatusCode.Forbidden);
        await resident.PostAsJsonAsync($"{Root}/activities", Milestone(Guid.CreateVersion7(), "2027-07-03")).ProblemAsync(HttpStatusCode.BadRequest, "initiativeId");
        var network = Milestone(own, "2027-07-03");
        network["visibility"] = "network";
        await resident.PostAsJsonAsync($"{Root}/activities", network).ProblemAsync(HttpStatusCode.BadRequest, "visibility");
        // Only milestones: an ordinary activity stays the wijk's planners'.
        await resident.PostAsJsonAsync($"{Root}/activities", Body("2027-07-03T15:00", "2027-07-03T16:00")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await service.CountEverythingAsync());

        var id = (await resident.PostAsJsonAsync($"{Root}/activities", Milestone(own, "2027-07-03")).OkAsync()).GetProperty("id").GetGuid();
        var items = (await service.Client().GetAsync($"{Root}/agenda?kind=milestone&from=2027-07-03&to=2027-07-03").OkAsync()).GetProperty("items");
        Assert.Equal([id], items.EnumerateArray().Select(i => i.GetProperty("activityId").GetGuid()));

        await service.PublishAsync(new InitiativeWithdrawn(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, own, Zuid));
        await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum,
            s => s.GetRequiredService<CalendarDbContext>().Initiatives.AnyAsync(i => i.Id == own && i.State != InitiativeState.Open)), what: "the withdrawal to reach the copy");
        await resident.PostAsJsonAsync($"{Root}/activities", Milestone(own, "2027-07-10")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_submission_names_the_initiator_also_of_a_copy_made_first_from_a_withdrawal()
    {
        var initiator = Guid.CreateVersion7();
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(new InitiativeWithdrawn(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Zuid));
        await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum,
            s => s.GetRequiredService<CalendarDbContext>().Initiatives.AnyAsync(i => i.Id == initiative)), what: "the withdrawn initiative to reach the copy");
        await service.PublishAsync(new InitiativeSubmitted(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Zuid, Theme.Fysiek, 10m,
            InitiatorId: initiator));

        await Eventually.TrueAsync(() => service.InScopeAsync(Demo.Hilversum,
            s => s.GetRequiredService<CalendarDbContext>().Initiatives.AnyAsync(i => i.Id == initiative && i.InitiatorId == initiator)),
            what: "the initiator to reach the copy");
    }
}
