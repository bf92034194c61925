using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// Issue 4's acceptance run, through the gateway with demo tokens and the real budget service over
/// RabbitMQ: a resident submits, the director takes it through the cycle, the wijk supports it and
/// votes, the deal is proposed, the budget reserves the money, both sides accept, then execution,
/// completion and evaluation; the timeline, answerDueBy, the map and the exports follow every step.
/// </summary>
[Collection(DemoBooks.Name)]
public sealed class BuurtcyclusTests(Platform platform) : IClassFixture<Platform>
{
    private static readonly Guid s_zuid = Demo.Zuid;
    private const string Base = "/api/initiatives/v1/initiatives";

    /// <summary>The wijk's books this year; read signed in, since the gateway caches the anonymous summary for a minute.</summary>
    private static Task<JsonElement> BudgetAsync(HttpClient client) =>
        client.GetAsync($"/api/budget/v1/budgets/{DateTimeOffset.UtcNow.Year}/areas/{s_zuid}").OkAsync();

    [Fact]
    public async Task A_resident_s_initiative_goes_through_the_whole_cycle_with_the_budget_reserving_and_committing_the_money()
    {
        var resident = await platform.SignedInAsync("resident@hilversum.example");
        var neighbour = await platform.SignedInAsync("resident.oost@hilversum.example");
        var director = await platform.SignedInAsync("director.zuid@hilversum.example");
        var anonymous = platform.Client();
        var title = $"Buurttuin Kerkelanden {Guid.NewGuid():N}"[..32];

        var submitted = await resident.PostAsJsonAsync(Base, new
        {
            title,
            description = "Bewoners leggen een moestuin aan en onderhouden die samen.",
            areaId = s_zuid,
            theme = "fysiek",
            subTheme = "groen",
            requestedAmount = 2400m,
            location = new { lat = 52.2166, lon = 5.1736 },
            publicName = "Bewonersgroep Kerkelanden",
        }).OkAsync();
        var id = submitted.GetProperty("id").GetGuid();
        var url = $"{Base}/{id}";
        var dueWhenSubmitted = submitted.GetProperty("answerDueBy").GetString();
        Assert.NotNull(dueWhenSubmitted);

        // The director answers; each stage has its own promised date.
        var check = await director.PostAsJsonAsync($"{url}/status-changes", new { status = "internal-check", note = "Wijkteam bekijkt het" }).OkAsync();
        var talk = await director.PostAsJsonAsync($"{url}/status-changes", new { status = "reciprocity-talk" }).OkAsync();
        Assert.NotEqual(dueWhenSubmitted, check.GetProperty("answerDueBy").GetString());
        Assert.NotEqual(check.GetProperty("answerDueBy").GetString(), talk.GetProperty("answerDueBy").GetString());

        // Support and a poll: residents of Zuid only.
        Assert.Equal(1, (await resident.PutAsync($"{url}/support", null).OkAsync()).GetProperty("supportCount").GetInt32());
        await neighbour.PutAsync($"{url}/support", null).ProblemAsync(HttpStatusCode.Forbidden);
        var poll = await director.PostAsJsonAsync($"{url}/polls",
            new { question = "Waar komt de tuin?", options = new[] { "Bij de school", "Bij het plein" }, closesAt = DateTimeOffset.UtcNow.AddDays(7) }).OkAsync();
        var pollUrl = $"{url}/polls/{poll.GetProperty("id").GetGuid()}";
        var voted = await resident.PostAsJsonAsync($"{pollUrl}/votes", new { option = 1 }).OkAsync();
        Assert.Equal([0, 1], voted.GetProperty("results").EnumerateArray().Select(r => r.GetInt32()));
        await resident.PostAsJsonAsync($"{pollUrl}/votes", new { option = 0 }).ProblemAsync(HttpStatusCode.Conflict);
        await neighbour.PostAsJsonAsync($"{pollUrl}/votes", new { option = 0 }).ProblemAsync(HttpStatusCode.Forbidden);

        // The deal: proposing asks the budget, which reserves the money.
        var before = await BudgetAsync(director);
        var proposed = await director.PutAsJsonAsync($"{url}/deal", new
        {
            amount = 2400m,
            residentCommitments = new object[] { new { description = "De tuin onderhouden", owner = "Bewonersgroep", recurrence = new { frequency = "monthly", until = "2028-11-30" } } },
            municipalCommitments = new object[] { new { description = "Grond en hekwerk leveren", owner = "Gemeente Hilversum", dueDate = "2027-03-01" } },
        }).OkAsync();
        Assert.Equal(("deal-proposed", "pending"), (proposed.GetProperty("status").GetString(), proposed.GetProperty("deal").GetProperty("fundingStatus").GetString()));
        var reserved = await Eventually.ValueAsync(() => anonymous.GetAsync(url).OkAsync(),
            i => i.GetProperty("deal").GetProperty("fundingStatus").GetString() != "pending", what: "the budget's answer to DealProposed");
        Assert.Equal(("reserved", "director"), (reserved.GetProperty("deal").GetProperty("fundingStatus").GetString(), reserved.GetProperty("deal").GetProperty("approver").GetString()));
        var afterReservation = await BudgetAsync(director);
        Assert.Equal(before.GetProperty("reserved").GetDecimal() + 2400m, afterReservation.GetProperty("reserved").GetDecimal());
        Assert.Equal(before.GetProperty("available").GetDecimal() - 2400m, afterReservation.GetProperty("available").GetDecimal());

        // Both sides accept: the deal is accepted and the budget commits the money.
        await resident.PostAsync($"{url}/deal/acceptances", null).OkAsync();
        var accepted = await director.PostAsync($"{url}/deal/acceptances", null).OkAsync();
        Assert.Equal(("deal-accepted", "accepted"), (accepted.GetProperty("status").GetString(), accepted.GetProperty("deal").GetProperty("state").GetString()));
        await Eventually.ValueAsync(() => BudgetAsync(director),
            b => b.GetProperty("committed").GetDecimal() == before.GetProperty("committed").GetDecimal() + 2400m, what: "the budget to commit on DealAccepted");

        // Execution, completion with the final cost, evaluation.
        await director.PostAsJsonAsync($"{url}/status-changes", new { status = "in-execution" }).OkAsync();
        var completed = await director.PostAsJsonAsync($"{url}/status-changes", new { status = "completed", finalCost = 2150m }).OkAsync();
        Assert.Equal(2150m, completed.GetProperty("finalCost").GetDecimal());
        var commitments = completed.GetProperty("deal").GetProperty("residentCommitments").EnumerateArray()
            .Concat(completed.GetProperty("deal").GetProperty("municipalCommitments").EnumerateArray())
            .Select(c => new { commitmentId = c.GetProperty("id").GetGuid(), outcome = "kept" }).ToArray();
        await resident.PutAsJsonAsync($"{url}/evaluation", new { story = "De tuin bloeit; twintig buren doen mee.", reviews = commitments }).OkAsync();
        var evaluated = await director.PostAsJsonAsync($"{url}/status-changes", new { status = "evaluated" }).OkAsync();
        Assert.Equal("evaluated", evaluated.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, evaluated.GetProperty("answerDueBy").ValueKind);
        await Eventually.ValueAsync(() => BudgetAsync(director),
            b => b.GetProperty("available").GetDecimal() == before.GetProperty("available").GetDecimal() - 2150m, what: "the budget to release what the completion did not spend");

        // The timeline the initiators see tells the whole story in order.
        var timeline = await resident.GetAsync($"{url}/timeline").OkAsync();
        var moves = timeline.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "status-changed").Select(e => e.GetProperty("to").GetString()!).ToArray();
        Assert.Equal(["internal-check", "reciprocity-talk", "deal-proposed", "deal-accepted", "in-execution", "completed", "evaluated"], moves);
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("kind").GetString() == "funds-reserved");
        Assert.Equal("Wijkteam bekijkt het", timeline.EnumerateArray().First(e => e.GetProperty("to").GetString() == "internal-check").GetProperty("note").GetString());

        // The map and the open data show it, with the consented name and nobody's e-mail.
        var map = await anonymous.GetAsync($"{Base}/map?areaId={s_zuid}&status=evaluated&bbox=5.1,52.1,5.3,52.3").OkAsync();
        Assert.Contains(map.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("id").GetGuid() == id);
        var csv = await anonymous.GetStringAsync($"{Base}/export.csv?areaId={s_zuid}&status=evaluated");
        var row = Assert.Single(csv.Split("\r\n"), l => l.StartsWith(id.ToString(), StringComparison.Ordinal));
        Assert.Contains("Bewonersgroep Kerkelanden", row, StringComparison.Ordinal);
        Assert.DoesNotContain("@", csv, StringComparison.Ordinal);
    }
}
