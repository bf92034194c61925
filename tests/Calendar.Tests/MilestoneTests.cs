using System.Net;
using System.Net.Http.Json;
using Buurt.Calendar.Data;
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
    private async Task<Guid> SubmittedAsync(Guid? area = null)
    {
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(new InitiativeSubmitted(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area ?? Zuid, Theme.Fysiek, 5_000m));
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
}
