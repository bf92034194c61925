using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Buurt.Contracts.Budget;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Initiatives.Tests;

/// <summary>The buurtcyclus through the service's API: moves, the deal and its money, support, polls, conversation, evaluation.</summary>
public sealed class CycleApiTests(InitiativesService service) : IClassFixture<InitiativesService>
{
    private const string Base = "/api/initiatives/v1/initiatives";

    private async Task<Guid> SubmitAsync(string email = InitiativesService.Resident, Guid? area = null, decimal amount = 2_500m,
        string title = "Buurttuin aan de Kerkelandenlaan", string? publicName = null)
    {
        var client = await service.AsAsync(email);
        var response = await client.PostAsJsonAsync(Base, new
        {
            title,
            description = "Bewoners willen een moestuin aanleggen en samen onderhouden.",
            areaId = area ?? InitiativesService.Zuid,
            theme = "fysiek",
            requestedAmount = amount,
            location = new { lat = 52.2166, lon = 5.1736 },
            addressText = "Kerkelandenlaan 12",
            publicName,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> MoveAsync(string email, Guid id, string status, string? reason = null, decimal? finalCost = null) =>
        await (await service.AsAsync(email)).PostAsJsonAsync($"{Base}/{id}/status-changes", new { status, note = $"naar {status}", reason, finalCost });

    private static object DealBody(decimal amount = 2_400m) => new
    {
        amount,
        residentCommitments = new object[]
        {
            new { description = "De tuin wekelijks onderhouden", owner = "Bewonersgroep Kerkelanden", recurrence = new { frequency = "weekly", until = "2028-11-30" } },
        },
        municipalCommitments = new object[]
        {
            new { description = "Grond en hekwerk leveren", owner = "Gemeente Hilversum", dueDate = "2027-03-01" },
        },
    };

    private async Task<Guid> ToReciprocityTalkAsync()
    {
        var id = await SubmitAsync();
        await MoveAsync(InitiativesService.Director, id, "internal-check").OkAsync();
        await MoveAsync(InitiativesService.Director, id, "reciprocity-talk").OkAsync();
        return id;
    }

    [Fact]
    public async Task The_director_moves_it_the_timeline_keeps_every_step_and_answerDueBy_follows_each_stage()
    {
        var id = await SubmitAsync();
        var submitted = await (await service.AsAsync(InitiativesService.Resident)).GetAsync($"{Base}/{id}").OkAsync();
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        var firstDue = submitted.GetProperty("answerDueBy").GetString();
        Assert.NotNull(firstDue);
        Assert.Equal(["withdrawn"], submitted.GetProperty("allowedMoves").EnumerateArray().Select(m => m.GetString()));

        var moved = await MoveAsync(InitiativesService.Director, id, "internal-check").OkAsync();

        Assert.Equal("internal-check", moved.GetProperty("status").GetString());
        Assert.NotEqual(firstDue, moved.GetProperty("answerDueBy").GetString());
        var timeline = await (await service.AsAsync(InitiativesService.Resident)).GetAsync($"{Base}/{id}/timeline").OkAsync();
        Assert.Equal(2, timeline.GetArrayLength());
        var step = timeline[1];
        Assert.Equal(("status-changed", "director", "submitted", "internal-check", "naar internal-check"),
            (step.GetProperty("kind").GetString(), step.GetProperty("actorRole").GetString(), step.GetProperty("from").GetString(),
             step.GetProperty("to").GetString(), step.GetProperty("note").GetString()));
        Assert.True(step.GetProperty("answeredOnTime").GetBoolean());
        var events = (await service.OutboxAsync()).Where(m => m.Payload.Contains(id.ToString(), StringComparison.Ordinal)).Select(m => m.Type).ToList();
        Assert.Contains(events, t => t.Contains("InitiativeStatusChanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_illegal_move_is_409_naming_the_current_status_and_the_allowed_moves_and_changes_nothing()
    {
        var id = await SubmitAsync();

        var problem = await MoveAsync(InitiativesService.Director, id, "in-execution").ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("submitted", problem.GetProperty("currentStatus").GetString());
        Assert.Equal(["internal-check", "declined"], problem.GetProperty("allowedMoves").EnumerateArray().Select(m => m.GetString()));
        var read = await service.Client().GetAsync($"{Base}/{id}").OkAsync();
        Assert.Equal("submitted", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Moves_by_the_wrong_role_or_for_another_wijk_are_refused_and_change_nothing()
    {
        var oost = await SubmitAsync(InitiativesService.ResidentOost, InitiativesService.Oost1221);
        var zuid = await SubmitAsync();

        // The director of Zuid has no say in Oost; another resident none in anyone's initiative.
        await MoveAsync(InitiativesService.Director, oost, "internal-check").ProblemAsync(HttpStatusCode.Forbidden);
        await MoveAsync(InitiativesService.ResidentOost, zuid, "withdrawn").ProblemAsync(HttpStatusCode.Forbidden);
        // The initiator may not do the director's moves.
        var problem = await MoveAsync(InitiativesService.Resident, zuid, "internal-check").ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["withdrawn"], problem.GetProperty("allowedMoves").EnumerateArray().Select(m => m.GetString()));
        // Bad values name the field.
        await MoveAsync(InitiativesService.Director, zuid, "afgerond").ProblemAsync(HttpStatusCode.BadRequest, "status");
        await MoveAsync(InitiativesService.Director, zuid, "declined").ProblemAsync(HttpStatusCode.BadRequest, "reason");
        // Other residents do not see the timeline.
        await (await service.AsAsync(InitiativesService.ResidentOost)).GetAsync($"{Base}/{zuid}/timeline").ProblemAsync(HttpStatusCode.Forbidden);

        foreach (var id in new[] { oost, zuid })
        {
            Assert.Equal("submitted", (await service.Client().GetAsync($"{Base}/{id}").OkAsync()).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_decline_shows_its_reason_to_the_residents()
    {
        var id = await SubmitAsync();

        var declined = await MoveAsync(InitiativesService.Director, id, "declined", reason: "Valt buiten het wijkplan").OkAsync();

        Assert.Equal(("declined", "Valt buiten het wijkplan"), (declined.GetProperty("status").GetString(), declined.GetProperty("declineReason").GetString()));
        Assert.Equal(JsonValueKind.Null, declined.GetProperty("answerDueBy").ValueKind);
    }

    [Fact]
    public async Task The_deal_waits_for_the_budget_and_every_party_then_is_accepted_and_no_longer_changes()
    {
        var id = await ToReciprocityTalkAsync();
        var director = await service.AsAsync(InitiativesService.Director);

        var proposed = await director.PutAsJsonAsync($"{Base}/{id}/deal", DealBody()).OkAsync();

        Assert.Equal("deal-proposed", proposed.GetProperty("status").GetString());
        var deal = proposed.GetProperty("deal");
        Assert.Equal((1, 2400m, "pending"), (deal.GetProperty("version").GetInt32(), deal.GetProperty("amount").GetDecimal(), deal.GetProperty("fundingStatus").GetString()));
        Assert.Equal("weekly", deal.GetProperty("residentCommitments")[0].GetProperty("recurrence").GetProperty("frequency").GetString());
        Assert.Contains(await service.OutboxAsync(), m => m.Type.Contains("DealProposed", StringComparison.Ordinal) && m.Payload.Contains(id.ToString(), StringComparison.Ordinal));

        await (await service.AsAsync(InitiativesService.Resident)).PostAsync($"{Base}/{id}/deal/acceptances", null).OkAsync();
        await director.PostAsync($"{Base}/{id}/deal/acceptances", null).OkAsync();
        await director.PostAsync($"{Base}/{id}/deal/acceptances", null).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("deal-proposed", (await service.Client().GetAsync($"{Base}/{id}").OkAsync()).GetProperty("status").GetString());

        // The budget answers over the bus.
        await service.PublishAsync(new FundsReserved("hilversum", Guid.NewGuid(), DateTimeOffset.UtcNow, id, InitiativesService.Zuid, 1, 2400m, 2026, "director"));

        var accepted = await Eventually.ValueAsync(async () => await service.Client().GetAsync($"{Base}/{id}").OkAsync(),
            read => read.GetProperty("status").GetString() == "deal-accepted", what: "the deal to be accepted once the funds are reserved");
        Assert.Equal(("reserved", "accepted"), (accepted.GetProperty("deal").GetProperty("fundingStatus").GetString(), accepted.GetProperty("deal").GetProperty("state").GetString()));
        Assert.Contains(await service.OutboxAsync(), m => m.Type.Contains("DealAccepted", StringComparison.Ordinal) && m.Payload.Contains(id.ToString(), StringComparison.Ordinal));

        var change = await director.PutAsJsonAsync($"{Base}/{id}/deal", DealBody(100m)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("accepted", change.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2400m, (await service.Client().GetAsync($"{Base}/{id}").OkAsync()).GetProperty("deal").GetProperty("amount").GetDecimal());

        // Execution, a commitment done, completion with the final cost.
        await MoveAsync(InitiativesService.Director, id, "in-execution").OkAsync();
        var commitment = accepted.GetProperty("deal").GetProperty("municipalCommitments")[0].GetProperty("id").GetGuid();
        var done = await director.PostAsJsonAsync($"{Base}/{id}/deal/commitments/{commitment}/completions", new { note = "Geleverd" }).OkAsync();
        Assert.Equal("done", done.GetProperty("status").GetString());
        await MoveAsync(InitiativesService.Director, id, "completed", finalCost: 2400.01m).ProblemAsync(HttpStatusCode.BadRequest, "finalCost");
        var completed = await MoveAsync(InitiativesService.Director, id, "completed", finalCost: 2150m).OkAsync();
        Assert.Equal(2150m, completed.GetProperty("finalCost").GetDecimal());
        Assert.Contains(await service.OutboxAsync(), m => m.Type.Contains("InitiativeCompleted", StringComparison.Ordinal) && m.Payload.Contains(id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_reservation_shows_the_reason_and_a_revision_is_a_new_version()
    {
        var id = await ToReciprocityTalkAsync();
        var director = await service.AsAsync(InitiativesService.Director);
        await director.PutAsJsonAsync($"{Base}/{id}/deal", DealBody()).OkAsync();

        await service.PublishAsync(new FundsReservationRejected("hilversum", Guid.NewGuid(), DateTimeOffset.UtcNow, id, InitiativesService.Zuid, 1, 2400m,
            FundsRejectionReasons.InsufficientFunds, "Er is nog 1.000,00 euro over in Zuid."));

        var rejected = await Eventually.ValueAsync(async () => (await service.Client().GetAsync($"{Base}/{id}").OkAsync()).GetProperty("deal"),
            deal => deal.GetProperty("fundingStatus").GetString() == "rejected", what: "the rejection to show on the deal");
        Assert.Equal("insufficient-funds", rejected.GetProperty("fundingRejectionReason").GetString());
        await (await service.AsAsync(InitiativesService.Resident)).PostAsync($"{Base}/{id}/deal/acceptances", null).ProblemAsync(HttpStatusCode.Conflict);

        var revised = await director.PutAsJsonAsync($"{Base}/{id}/deal", DealBody(900m)).OkAsync();
        Assert.Equal((2, "pending"), (revised.GetProperty("deal").GetProperty("version").GetInt32(), revised.GetProperty("deal").GetProperty("fundingStatus").GetString()));
    }

    public static TheoryData<string, Func<JsonObject, JsonObject>, string> BadDeals() => new()
    {
        { "zero amount", d => { d["amount"] = 0; return d; }, "amount" },
        { "negative amount", d => { d["amount"] = -5; return d; }, "amount" },
        { "fraction of a cent", d => { d["amount"] = 10.001m; return d; }, "amount" },
        { "no resident commitment", d => { d["residentCommitments"] = new JsonArray(); return d; }, "residentCommitments" },
        { "commitment without owner", d => { d["residentCommitments"]![0]!.AsObject().Remove("owner"); return d; }, "residentCommitments[0].owner" },
        { "over-long description", d => { d["residentCommitments"]![0]!["description"] = new string('x', 501); return d; }, "residentCommitments[0].description" },
        { "recurrence without an end", d => { d["residentCommitments"]![0]!["recurrence"]!.AsObject().Remove("until"); return d; }, "residentCommitments[0].recurrence.until" },
        { "recurrence every 0 weeks", d => { d["residentCommitments"]![0]!["recurrence"]!["interval"] = 0; return d; }, "residentCommitments[0].recurrence.interval" },
        { "recurrence every 13 months", d => { d["residentCommitments"]![0]!["recurrence"]!["interval"] = 13; return d; }, "residentCommitments[0].recurrence.interval" },
        { "recurrence ended already", d => { d["residentCommitments"]![0]!["recurrence"]!["until"] = "2020-01-01"; return d; }, "residentCommitments[0].recurrence.until" },
        {
            "recurrence ending before its due date",
            d => { d["municipalCommitments"]![0]!["recurrence"] = new JsonObject { ["frequency"] = "monthly", ["until"] = "2027-02-01" }; return d; },
            "municipalCommitments[0].recurrence.until"
        },
        { "a blank owner", d => { d["municipalCommitments"]![0]!["owner"] = "   "; return d; }, "municipalCommitments[0].owner" },
    };

    [Theory]
    [MemberData(nameof(BadDeals))]
    public async Task A_bad_deal_gets_400_naming_the_field_and_stores_nothing(string why, Func<JsonObject, JsonObject> spoil, string field)
    {
        var id = await ToReciprocityTalkAsync();
        var body = spoil(JsonSerializer.SerializeToNode(DealBody())!.AsObject());

        var response = await (await service.AsAsync(InitiativesService.Director)).PutAsJsonAsync($"{Base}/{id}/deal", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Count() == 1, $"{why}: only '{field}' is wrong: {problem}");
        var read = await service.Client().GetAsync($"{Base}/{id}").OkAsync();
        Assert.Equal(("reciprocity-talk", JsonValueKind.Null), (read.GetProperty("status").GetString(), read.GetProperty("deal").ValueKind));
    }

    [Fact]
    public async Task Residents_of_the_wijk_support_once_and_can_take_it_back_others_cannot_support()
    {
        var id = await SubmitAsync();
        var resident = await service.AsAsync(InitiativesService.Resident);

        var supported = await resident.PutAsync($"{Base}/{id}/support", null).OkAsync();
        Assert.Equal((true, 1), (supported.GetProperty("supported").GetBoolean(), supported.GetProperty("supportCount").GetInt32()));
        await resident.PutAsync($"{Base}/{id}/support", null).ProblemAsync(HttpStatusCode.Conflict);
        await (await service.AsAsync(InitiativesService.ResidentOost)).PutAsync($"{Base}/{id}/support", null).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, (await service.Client().GetAsync($"{Base}/{id}").OkAsync()).GetProperty("supportCount").GetInt32());

        var withdrawn = await resident.DeleteAsync($"{Base}/{id}/support").OkAsync();
        Assert.Equal(0, withdrawn.GetProperty("supportCount").GetInt32());
        await resident.DeleteAsync($"{Base}/{id}/support").ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Support_comments_updates_and_a_first_report_are_published_for_the_followers()
    {
        var id = await SubmitAsync(title: "Volgbare buurttuin");
        var resident = await service.AsAsync(InitiativesService.Resident);
        var director = await service.AsAsync(InitiativesService.Director);

        await resident.PutAsync($"{Base}/{id}/support", null).OkAsync();
        await resident.DeleteAsync($"{Base}/{id}/support").OkAsync();
        var comment = await (await service.AsAsync(InitiativesService.ResidentOost)).PostAsJsonAsync($"{Base}/{id}/comments", new { text = "Goed plan!" }).OkAsync();
        var commentId = comment.GetProperty("id").GetGuid();
        await resident.PostAsJsonAsync($"{Base}/{id}/updates", new { text = "De grond is geleverd." }).OkAsync();
        var longText = string.Join(' ', Enumerable.Repeat("Vandaag plantten twaalf buren samen de eerste bessenstruiken.", 10));
        await director.PostAsJsonAsync($"{Base}/{id}/updates", new { text = longText }).OkAsync();
        await resident.PostAsJsonAsync($"{Base}/{id}/comments/{commentId}/reports", new { reason = "Reclame" }).OkAsync();
        await director.PostAsJsonAsync($"{Base}/{id}/comments/{commentId}/reports", new { reason = "Spam" }).OkAsync();

        var outbox = (await service.OutboxAsync()).Where(m => m.Payload.Contains(id.ToString(), StringComparison.Ordinal)).OrderBy(m => m.Sequence).ToList();
        List<T> Of<T>() => [.. outbox.Where(m => m.Type.StartsWith(typeof(T).FullName + ",", StringComparison.Ordinal))
            .Select(m => JsonSerializer.Deserialize<T>(m.Payload, JsonSerializerOptions.Web)!)];
        var supported = Assert.Single(Of<Contracts.Initiatives.InitiativeSupported>());
        var withdrawn = Assert.Single(Of<Contracts.Initiatives.InitiativeSupportWithdrawn>());
        Assert.Equal((InitiativesService.Zuid, supported.ResidentId), (withdrawn.AreaId, withdrawn.ResidentId));
        var posted = Assert.Single(Of<Contracts.Initiatives.CommentPosted>());
        Assert.Equal(commentId, posted.CommentId);
        Assert.NotEqual(supported.ResidentId, posted.AuthorId);
        var updates = Of<Contracts.Initiatives.InitiativeUpdatePosted>();
        Assert.Equal(2, updates.Count);
        Assert.Equal(("initiator", "De grond is geleverd.", supported.ResidentId, "Volgbare buurttuin"),
            (updates[0].AuthorRole, updates[0].Excerpt, updates[0].AuthorId, updates[0].Title));
        Assert.Equal(supported.ResidentId, updates[0].InitiatorId);
        Assert.Equal("staff", updates[1].AuthorRole);
        Assert.True(updates[1].Excerpt.Length <= 200, updates[1].Excerpt);
        Assert.EndsWith("…", updates[1].Excerpt, StringComparison.Ordinal);
        Assert.StartsWith("Vandaag plantten twaalf buren", updates[1].Excerpt, StringComparison.Ordinal);
        // Only the first report tells; the queue counts the others.
        var reported = Assert.Single(Of<Contracts.Initiatives.CommentReported>());
        Assert.Equal((commentId, "Reclame", "Volgbare buurttuin", InitiativesService.Zuid), (reported.CommentId, reported.Reason, reported.Title, reported.AreaId));
    }

    [Fact]
    public async Task A_copy_that_asks_for_the_followers_gets_each_initiative_with_its_supporters_and_commenters_at_their_own_times()
    {
        var id = await SubmitAsync(title: "Buurttuin met volgers");
        var quiet = await SubmitAsync(title: "Nog zonder volgers");
        var resident = await service.AsAsync(InitiativesService.Resident);
        var oost = await service.AsAsync(InitiativesService.ResidentOost);
        await resident.PutAsync($"{Base}/{id}/support", null).OkAsync();
        await oost.PostAsJsonAsync($"{Base}/{id}/comments", new { text = "Goed plan!" }).OkAsync();
        await oost.PostAsJsonAsync($"{Base}/{id}/comments", new { text = "Ik help mee." }).OkAsync();
        var withdrawnOn = await SubmitAsync(title: "Steun teruggenomen");
        await resident.PutAsync($"{Base}/{withdrawnOn}/support", null).OkAsync();
        await resident.DeleteAsync($"{Base}/{withdrawnOn}/support").OkAsync();
        var outbox = await service.OutboxAsync();
        List<T> Of<T>(Guid initiative) => [.. outbox.Where(m => m.Type.StartsWith(typeof(T).FullName + ",", StringComparison.Ordinal) && m.Payload.Contains(initiative.ToString(), StringComparison.Ordinal))
            .OrderBy(m => m.Sequence).Select(m => JsonSerializer.Deserialize<T>(m.Payload, JsonSerializerOptions.Web)!)];
        var supported = Assert.Single(Of<Contracts.Initiatives.InitiativeSupported>(id));
        var lastComment = Of<Contracts.Initiatives.CommentPosted>(id)[^1];
        var asked = DateTimeOffset.UtcNow;

        await service.PublishAsync(new Contracts.Initiatives.FollowersReplayRequested(Demo.Hilversum, Guid.NewGuid(), asked, "notifications"));

        var answers = await Eventually.ValueAsync(async () => (await service.OutboxAsync())
            .Where(m => m.Type.StartsWith(typeof(Contracts.Initiatives.InitiativeFollowersReplayed).FullName + ",", StringComparison.Ordinal) && m.OccurredAt >= asked)
            .Select(m => JsonSerializer.Deserialize<Contracts.Initiatives.InitiativeFollowersReplayed>(m.Payload, JsonSerializerOptions.Web)!).ToList(),
            until: a => a.Any(r => r.InitiativeId == withdrawnOn), what: "InitiativeFollowersReplayed in answer");
        var followed = Assert.Single(answers, a => a.InitiativeId == id);
        Assert.Equal((InitiativesService.Zuid, supported.ResidentId, "Buurttuin met volgers"), (followed.AreaId, followed.InitiatorId, followed.Title));
        Assert.Equal([new(supported.ResidentId, supported.OccurredAt)], followed.Supporters);
        var commenter = Assert.Single(followed.Commenters); // once, at the newest comment (the database keeps microseconds)
        Assert.Equal(lastComment.AuthorId, commenter.ResidentId);
        Assert.InRange(lastComment.OccurredAt - commenter.Since, TimeSpan.Zero, TimeSpan.FromMicroseconds(1));
        Assert.Empty(Assert.Single(answers, a => a.InitiativeId == quiet).Supporters);
        Assert.Empty(Assert.Single(answers, a => a.InitiativeId == withdrawnOn).Supporters); // taken back: not listed
        Assert.All(answers, a => Assert.Equal(Demo.Hilversum, a.TenantId));
    }

    [Fact]
    public async Task A_poll_takes_one_vote_per_resident_of_the_wijk_until_it_closes_and_shows_results_as_set()
    {
        var id = await SubmitAsync();
        var director = await service.AsAsync(InitiativesService.Director);
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(4);

        var opened = await director.PostAsJsonAsync($"{Base}/{id}/polls",
            new { question = "Waar komt de tuin?", options = new[] { "Bij de school", "Bij het plein" }, closesAt, results = "after-closing" });
        var poll = await opened.OkAsync();
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var pollUrl = $"{Base}/{id}/polls/{poll.GetProperty("id").GetGuid()}";

        var voted = await (await service.AsAsync(InitiativesService.Resident)).PostAsJsonAsync($"{pollUrl}/votes", new { option = 1 }).OkAsync();
        Assert.Equal(JsonValueKind.Null, voted.GetProperty("results").ValueKind);
        await (await service.AsAsync(InitiativesService.Resident)).PostAsJsonAsync($"{pollUrl}/votes", new { option = 0 }).ProblemAsync(HttpStatusCode.Conflict);
        await (await service.AsAsync(InitiativesService.ResidentOost)).PostAsJsonAsync($"{pollUrl}/votes", new { option = 0 }).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(InitiativesService.Resident)).PostAsJsonAsync($"{pollUrl}/votes", new { option = 7 }).ProblemAsync(HttpStatusCode.BadRequest, "option");

        await Task.Delay(closesAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        var closed = await service.Client().GetAsync(pollUrl).OkAsync();
        Assert.True(closed.GetProperty("closed").GetBoolean());
        Assert.Equal([0, 1], closed.GetProperty("results").EnumerateArray().Select(r => r.GetInt32()));
        await (await service.AsAsync(InitiativesService.Resident)).PostAsJsonAsync($"{pollUrl}/votes", new { option = 0 }).ProblemAsync(HttpStatusCode.Conflict);

        // A closing time with the municipality's offset (as its clock shows it) is the same instant, not a 500.
        var local = new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(10).AddHours(18), DateTimeKind.Unspecified), TimeSpan.FromHours(1));
        var withOffset = await director.PostAsJsonAsync($"{Base}/{id}/polls",
            new { question = "Hoe laat?", options = new[] { "Ochtend", "Avond" }, closesAt = local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) }).OkAsync();
        Assert.Equal(local.UtcDateTime, withOffset.GetProperty("closesAt").GetDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public async Task Comments_can_be_reported_once_and_hidden_by_staff_with_a_reason()
    {
        var id = await SubmitAsync();
        var comment = await (await service.AsAsync(InitiativesService.ResidentOost)).PostAsJsonAsync($"{Base}/{id}/comments", new { text = "Goed plan!" }).OkAsync();
        var url = $"{Base}/{id}/comments/{comment.GetProperty("id").GetGuid()}";
        var reporter = await service.AsAsync(InitiativesService.Resident);

        await reporter.PostAsJsonAsync($"{url}/reports", new { reason = "Reclame" }).OkAsync();
        await reporter.PostAsJsonAsync($"{url}/reports", new { reason = "Nog eens" }).ProblemAsync(HttpStatusCode.Conflict);
        await reporter.PostAsJsonAsync($"{url}/hide", new { reason = "Reclame" }).ProblemAsync(HttpStatusCode.Forbidden);
        // Another wijk's reported comment: not in the queue of Zuid's director.
        var oost = await SubmitAsync(InitiativesService.ResidentOost, InitiativesService.Oost1221);
        var elsewhere = await (await service.AsAsync(InitiativesService.ResidentOost)).PostAsJsonAsync($"{Base}/{oost}/comments", new { text = "Koop nu!" }).OkAsync();
        await reporter.PostAsJsonAsync($"{Base}/{oost}/comments/{elsewhere.GetProperty("id").GetGuid()}/reports", new { reason = "Reclame" }).OkAsync();
        var queue = (await (await service.AsAsync(InitiativesService.Director)).GetAsync($"{Base}/comments/reported?pageSize=100").OkAsync())
            .GetProperty("items").EnumerateArray().ToList();
        var queued = Assert.Single(queue, c => c.GetProperty("id").GetGuid() == comment.GetProperty("id").GetGuid());
        // The queue says which initiative, so staff can go and look.
        Assert.Equal((id, "Buurttuin aan de Kerkelandenlaan", InitiativesService.Zuid, 1), (queued.GetProperty("initiativeId").GetGuid(),
            queued.GetProperty("initiativeTitle").GetString(), queued.GetProperty("areaId").GetGuid(), queued.GetProperty("reportCount").GetInt32()));
        Assert.DoesNotContain(queue, c => c.GetProperty("id").GetGuid() == elsewhere.GetProperty("id").GetGuid());
        var admin = await service.AsAsync(Demo.Admin);
        Assert.Contains((await admin.GetAsync($"{Base}/comments/reported?pageSize=100").OkAsync()).GetProperty("items").EnumerateArray(),
            c => c.GetProperty("id").GetGuid() == elsewhere.GetProperty("id").GetGuid());
        Assert.DoesNotContain((await admin.GetAsync($"{Base}/comments/reported?pageSize=100&areaId={InitiativesService.Zuid}").OkAsync()).GetProperty("items").EnumerateArray(),
            c => c.GetProperty("id").GetGuid() == elsewhere.GetProperty("id").GetGuid());

        // The queue holds what the caller may hide: Zuid's alderman sees Zuid's only, the budget controller none.
        var aldermans = (await (await service.AsAsync(InitiativesService.Alderman)).GetAsync($"{Base}/comments/reported?pageSize=100").OkAsync())
            .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(comment.GetProperty("id").GetGuid(), aldermans);
        Assert.DoesNotContain(elsewhere.GetProperty("id").GetGuid(), aldermans);
        Assert.Equal(0, (await (await service.AsAsync(Demo.BudgetController)).GetAsync($"{Base}/comments/reported?pageSize=100").OkAsync())
            .GetProperty("total").GetInt32());

        // Only the wijk's own director or alderman (or the admin) hide: not Zuid's director in Oost, not the budget controller.
        var elsewhereUrl = $"{Base}/{oost}/comments/{elsewhere.GetProperty("id").GetGuid()}/hide";
        await (await service.AsAsync(InitiativesService.Director)).PostAsJsonAsync(elsewhereUrl, new { reason = "Reclame" }).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(InitiativesService.Alderman)).PostAsJsonAsync(elsewhereUrl, new { reason = "Reclame" }).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.AsAsync(Demo.BudgetController)).PostAsJsonAsync($"{url}/hide", new { reason = "Reclame" }).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.False((await service.Client().GetAsync($"{Base}/{oost}/comments").OkAsync()).GetProperty("items")[0].GetProperty("hidden").GetBoolean());
        await admin.PostAsJsonAsync(elsewhereUrl, new { reason = "Reclame" }).OkAsync();
        await (await service.AsAsync(InitiativesService.Director)).PostAsJsonAsync($"{url}/hide", new { reason = " " }).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await service.AsAsync(InitiativesService.Director)).PostAsJsonAsync($"{url}/hide", new { reason = "Reclame" }).OkAsync();

        var listed = (await service.Client().GetAsync($"{Base}/{id}/comments").OkAsync()).GetProperty("items")[0];
        Assert.Equal((true, "Reclame", JsonValueKind.Null), (listed.GetProperty("hidden").GetBoolean(), listed.GetProperty("hiddenReason").GetString(), listed.GetProperty("text").ValueKind));
        await reporter.PostAsJsonAsync($"{Base}/{id}/comments", new { text = new string('x', 2001) }).ProblemAsync(HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task The_list_filters_searches_Dutch_text_and_the_map_and_exports_show_it_without_personal_data()
    {
        var marker = $"Jeu-de-boulesbaan{Guid.NewGuid():N}"[..24];
        var consented = await SubmitAsync(title: $"{marker} speeltuinen", publicName: "Familie de Vries");
        var anonymous = await SubmitAsync(title: $"{marker} speeltuin");
        var client = service.Client();

        var found = await client.GetAsync($"{Base}?q=speeltuin%20{marker}&status=submitted&theme=fysiek&areaId={InitiativesService.Zuid}&sort=oldest").OkAsync();
        Assert.Equal([consented, anonymous], found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        await client.GetAsync($"{Base}?status=klaar").ProblemAsync(HttpStatusCode.BadRequest, "status");
        await client.GetAsync($"{Base}?sort=random").ProblemAsync(HttpStatusCode.BadRequest, "sort");

        var map = await client.GetAsync($"{Base}/map?q={marker}&bbox=5.1,52.2,5.2,52.3").OkAsync();
        Assert.Equal("FeatureCollection", map.GetProperty("type").GetString());
        Assert.Equal(2, map.GetProperty("features").GetArrayLength());
        Assert.Equal(5.1736, map.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal(0, (await client.GetAsync($"{Base}/map?q={marker}&bbox=4,51,4.1,51.1").OkAsync()).GetProperty("features").GetArrayLength());
        await client.GetAsync($"{Base}/map?bbox=5.2,52.2,5.1").ProblemAsync(HttpStatusCode.BadRequest, "bbox");

        var csv = await client.GetStringAsync($"{Base}/export.csv?q={marker}");
        // RFC 4180: every row ends in CRLF, the last one too.
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = csv[..^2].Split("\r\n");
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,title,description,wijk,buurt", lines[0], StringComparison.Ordinal);
        Assert.Contains("Familie de Vries", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(InitiativesService.Resident, csv, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("Familie de Vries", StringComparison.Ordinal));
        var geojson = JsonDocument.Parse(await client.GetStringAsync($"{Base}/export.geojson?q={marker}")).RootElement;
        Assert.Equal(2, geojson.GetProperty("features").GetArrayLength());
        Assert.Contains("Zuid", geojson.GetProperty("features")[0].GetProperty("properties").GetProperty("wijk").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passed_answer_date_is_listed_for_the_director_and_published_once()
    {
        var id = await SubmitAsync();
        await service.SqlAsync($"UPDATE initiatives SET answer_due_by = current_date - 3 WHERE id = {id}");

        var first = await service.WatchDeadlinesAsync();
        var second = await service.WatchDeadlinesAsync();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        Assert.Single(await service.OutboxAsync(), m => m.Type.Contains("InitiativeAnswerOverdue", StringComparison.Ordinal) && m.Payload.Contains(id.ToString(), StringComparison.Ordinal));
        var overdue = await (await service.AsAsync(InitiativesService.Director)).GetAsync($"{Base}/overdue?pageSize=100").OkAsync();
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        await (await service.AsAsync(InitiativesService.Resident)).GetAsync($"{Base}/overdue").ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Answers_due_by_a_date_list_the_late_ones_first_for_the_wijk_and_leave_later_ones_out()
    {
        var late = await SubmitAsync(title: "Te laat beantwoord");
        var soon = await SubmitAsync(title: "Deze week beantwoorden");
        var later = await SubmitAsync(title: "Later beantwoorden");
        await service.SqlAsync($"UPDATE initiatives SET answer_due_by = current_date - 2 WHERE id = {late}");
        await service.SqlAsync($"UPDATE initiatives SET answer_due_by = current_date + 3 WHERE id = {soon}");
        await service.SqlAsync($"UPDATE initiatives SET answer_due_by = current_date + 40 WHERE id = {later}");
        var director = await service.AsAsync(InitiativesService.Director);
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var due = await director.GetAsync($"{Base}/answers-due?areaId={InitiativesService.Zuid}&until={until}&pageSize=100").OkAsync();
        var ids = due.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Where(new[] { late, soon, later }.Contains).ToList();
        Assert.Equal([late, soon], ids);
        var dates = due.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("answerDueBy").GetString()!).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);

        // Without a date: up to this Sunday, the late one always in; another wijk's list has none of them.
        var thisWeek = await director.GetAsync($"{Base}/answers-due?pageSize=100").OkAsync();
        var week = thisWeek.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(late, week);
        Assert.DoesNotContain(later, week);
        var centrum = await director.GetAsync($"{Base}/answers-due?areaId={InitiativesService.Centrum}&until={until}").OkAsync();
        Assert.Equal(0, centrum.GetProperty("total").GetInt32());
        await (await service.AsAsync(InitiativesService.Resident)).GetAsync($"{Base}/answers-due").ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_answer_due_within_two_working_days_of_the_municipality_is_published_once_and_a_later_one_not_yet()
    {
        var soon = await SubmitAsync();
        var later = await SubmitAsync();
        var holidays = await service.InScopeAsync("hilversum", async s => (await s.GetRequiredService<InitiativesDbContext>().SettingsAsync()).Holidays);
        var last = Initiative.DueSoonUntil(WorkingDays.LocalDate(DateTimeOffset.UtcNow), holidays);
        await service.SqlAsync($"UPDATE initiatives SET answer_due_by = {last} WHERE id = {soon}");
        await service.SqlAsync($"UPDATE initiatives SET answer_due_by = {last.AddDays(1)} WHERE id = {later}");

        Assert.True(await service.WatchDeadlinesAsync() >= 1);
        await service.WatchDeadlinesAsync();

        var dueSoon = (await service.OutboxAsync()).Where(m => m.Type.StartsWith(typeof(Contracts.Initiatives.InitiativeAnswerDueSoon).FullName + ",", StringComparison.Ordinal)).ToList();
        var told = JsonSerializer.Deserialize<Contracts.Initiatives.InitiativeAnswerDueSoon>(
            Assert.Single(dueSoon, m => m.Payload.Contains(soon.ToString(), StringComparison.Ordinal)).Payload, JsonSerializerOptions.Web)!;
        Assert.Equal((last, "submitted", InitiativesService.Zuid), (told.DueBy, told.Status, told.AreaId));
        Assert.DoesNotContain(dueSoon, m => m.Payload.Contains(later.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(await service.OutboxAsync(), m => m.Type.Contains("InitiativeAnswerOverdue", StringComparison.Ordinal) && m.Payload.Contains(soon.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submitting_outside_the_Netherlands_or_in_a_buurt_of_another_wijk_is_400()
    {
        var client = await service.AsAsync(InitiativesService.Resident);
        var abroad = await client.PostAsJsonAsync(Base, new
        {
            title = "t",
            description = "d",
            areaId = InitiativesService.Zuid,
            theme = "sociaal",
            requestedAmount = 1m,
            location = new { lat = 48.86, lon = 2.35 },
        });
        await abroad.ProblemAsync(HttpStatusCode.BadRequest, "location");
        var wrongBuurt = await client.PostAsJsonAsync(Base, new
        {
            title = "t",
            description = "d",
            areaId = InitiativesService.Zuid,
            buurtId = InitiativesService.Oost1221,
            theme = "sociaal",
            requestedAmount = 1m,
        });
        await wrongBuurt.ProblemAsync(HttpStatusCode.BadRequest, "buurtId");
    }

    [Fact]
    public async Task The_public_answer_figures_count_answers_on_time_and_the_median_days_to_a_first_answer_per_wijk()
    {
        var id = await SubmitAsync(InitiativesService.ResidentOost, InitiativesService.Oost1221);
        await service.SqlAsync($"UPDATE initiatives SET submitted_at = submitted_at - interval '2 days' WHERE id = {id}");
        var before = await service.Client().GetAsync("/api/initiatives/v1/statistics/answers").OkAsync();
        var oostBefore = before.EnumerateArray().Single(w => w.GetProperty("areaId").GetGuid() == InitiativesService.Oost1221);

        // No demo director works for Oost: write the answer as a move would (first answer two days on, in time).
        await service.SqlAsync($"UPDATE initiatives SET first_answered_at = submitted_at + interval '2 days' WHERE id = {id}");
        await service.SqlAsync($"INSERT INTO timeline (id, tenant_id, initiative_id, at, kind, actor_role, answered_on_time) VALUES ({Guid.NewGuid()}, 'hilversum', {id}, now(), 'StatusChanged', 'Director', true)");

        var after = await service.Client().GetAsync("/api/initiatives/v1/statistics/answers?year=" + DateTimeOffset.UtcNow.Year).OkAsync();
        var oost = after.EnumerateArray().Single(w => w.GetProperty("areaId").GetGuid() == InitiativesService.Oost1221);
        Assert.Equal(oostBefore.GetProperty("answers").GetInt32() + 1, oost.GetProperty("answers").GetInt32());
        Assert.Equal(oostBefore.GetProperty("answeredOnTime").GetInt32() + 1, oost.GetProperty("answeredOnTime").GetInt32());
        Assert.True(oost.GetProperty("medianDaysToFirstAnswer").GetDouble() is > 1.9 and < 2.1);
        Assert.Contains(after.EnumerateArray(), w => w.GetProperty("areaId").GetGuid() == InitiativesService.Zuid);
    }

    [Fact]
    public async Task The_public_initiative_figures_count_per_wijk_the_stages_and_themes_of_the_years_initiatives()
    {
        // A year of its own, so the counts are exactly this test's initiatives.
        var id = await SubmitAsync();
        var other = await SubmitAsync();
        await MoveAsync(InitiativesService.Director, id, "internal-check").OkAsync();
        await service.SqlAsync($"UPDATE initiatives SET submitted_at = '2090-06-01T10:00:00Z' WHERE id IN ({id}, {other})");

        var figures = await service.Client().GetAsync("/api/initiatives/v1/statistics/initiatives?year=2090").OkAsync();
        var zuid = figures.EnumerateArray().Single(w => w.GetProperty("areaId").GetGuid() == InitiativesService.Zuid);
        Assert.Equal(2, zuid.GetProperty("initiatives").GetInt32());
        // Every stage in the buurtcyclus's order, zeros too; the same for the themes.
        Assert.Equal(["submitted", "internal-check", "reciprocity-talk", "deal-proposed", "deal-accepted", "in-execution", "completed", "evaluated", "withdrawn", "declined"],
            zuid.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal([1, 1, 0, 0, 0, 0, 0, 0, 0, 0], zuid.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("count").GetInt32()));
        Assert.Equal(["sociaal 0", "fysiek 2", "veilig 0"],
            zuid.GetProperty("themes").EnumerateArray().Select(t => $"{t.GetProperty("theme").GetString()} {t.GetProperty("count").GetInt32()}"));
        var oost = figures.EnumerateArray().Single(w => w.GetProperty("areaId").GetGuid() == InitiativesService.Oost1221);
        Assert.Equal(0, oost.GetProperty("initiatives").GetInt32());

        // This year no longer counts them.
        var now = await service.Client().GetAsync("/api/initiatives/v1/statistics/initiatives").OkAsync();
        Assert.All(now.EnumerateArray(), w => Assert.Equal(w.GetProperty("initiatives").GetInt32(), w.GetProperty("stages").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32())));
    }

    [Theory]
    [InlineData("initiatives", "1999")]
    [InlineData("answers", "2101")]
    public async Task A_year_out_of_range_is_a_400_naming_the_year(string figures, string year)
    {
        var response = await service.Client().GetAsync($"/api/initiatives/v1/statistics/{figures}?year={year}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("year", out _));
    }
}
