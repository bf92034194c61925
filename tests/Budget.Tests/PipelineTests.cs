using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Budget.Domain;
using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.Testing;

namespace Buurt.Budget.Tests;

[Collection(BudgetCollection.Name)]
public sealed class PipelineTests(BudgetService service)
{
    private const string Base = "/api/budget/v1/pipeline";

    private async Task<JsonElement> PipelineAsync(string tenant, Guid area) =>
        await service.Client(tenant).GetFromJsonAsync<JsonElement>($"{Base}/{area}");

    private async Task<JsonElement> WaitForAsync(string tenant, Guid area, int initiatives)
    {
        JsonElement pipeline = default;
        await Eventually.TrueAsync(async () =>
        {
            pipeline = await PipelineAsync(tenant, area);
            return pipeline.GetProperty("initiatives").GetInt32() >= initiatives;
        }, what: $"{initiatives} initiative(s) in the pipeline of {area}");
        return pipeline;
    }

    /// <summary>Waits for <paramref name="initiatives"/>, then a moment more: what came before them on the queue has been handled too.</summary>
    private async Task<JsonElement> SettledAsync(string tenant, Guid area, int initiatives)
    {
        await WaitForAsync(tenant, area, initiatives);
        await Task.Delay(300);
        return await PipelineAsync(tenant, area);
    }

    [Fact]
    public async Task Submitted_initiatives_add_up_per_wijk_to_the_cent()
    {
        var area = Guid.NewGuid();
        await service.PublishAsync(BudgetService.Submitted("hilversum", area, 0.10m));
        await service.PublishAsync(BudgetService.Submitted("hilversum", area, 0.20m));
        await service.PublishAsync(BudgetService.Submitted("hilversum", Guid.NewGuid(), 99m));

        var pipeline = await WaitForAsync("hilversum", area, 2);

        Assert.Equal(2, pipeline.GetProperty("initiatives").GetInt32());
        Assert.Equal(0.30m, pipeline.GetProperty("requestedAmount").GetDecimal());
        Assert.Equal(area, pipeline.GetProperty("areaId").GetGuid());
    }

    [Fact]
    public async Task A_redelivered_event_is_counted_once()
    {
        var area = Guid.NewGuid();
        var submitted = BudgetService.Submitted("hilversum", area, 500m);
        await service.PublishAsync(submitted);
        await service.PublishAsync(submitted);
        // A later event on the same queue: once it is counted, the duplicate before it has been handled.
        await service.PublishAsync(BudgetService.Submitted("hilversum", area, 1m));

        var pipeline = await SettledAsync("hilversum", area, 2);

        Assert.Equal(2, pipeline.GetProperty("initiatives").GetInt32());
        Assert.Equal(501m, pipeline.GetProperty("requestedAmount").GetDecimal());
    }

    [Fact]
    public async Task A_submission_that_arrives_after_its_deal_was_answered_stays_out_of_the_pipeline()
    {
        var area = Guid.NewGuid();
        var late = BudgetService.Submitted("hilversum", area, 700m);
        // The deal's queue ran ahead of the submissions' queue (no budget in that area: rejected, but answered).
        await service.PublishAsync(BudgetService.Proposed(late.InitiativeId, 700m, DateTimeOffset.UtcNow.Year, area: area));
        await service.WaitForAnswersAsync(late.InitiativeId);

        await service.PublishAsync(late);
        // A later event on the same queue: once it is counted, the late submission has been handled.
        await service.PublishAsync(BudgetService.Submitted("hilversum", area, 1m));
        var pipeline = await SettledAsync("hilversum", area, 1);

        Assert.Equal(1, pipeline.GetProperty("initiatives").GetInt32());
        Assert.Equal(1m, pipeline.GetProperty("requestedAmount").GetDecimal());
    }

    [Fact]
    public async Task A_municipality_sees_only_its_own_pipelines()
    {
        var area = Guid.NewGuid();
        await service.PublishAsync(BudgetService.Submitted("voorbeeldstad", area, 250m));
        await WaitForAsync("voorbeeldstad", area, 1);

        var elsewhere = await PipelineAsync("hilversum", area);
        var list = await service.Client("hilversum").GetFromJsonAsync<JsonElement>($"{Base}?pageSize=100");

        Assert.Equal(0, elsewhere.GetProperty("initiatives").GetInt32());
        Assert.Equal(0m, elsewhere.GetProperty("requestedAmount").GetDecimal());
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("areaId").GetGuid() == area);
    }

    [Fact]
    public async Task The_list_pages_through_every_wijk_with_initiatives()
    {
        var areas = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var area in areas)
        {
            await service.PublishAsync(BudgetService.Submitted("voorbeeldstad", area, 10m));
        }
        foreach (var area in areas)
        {
            await WaitForAsync("voorbeeldstad", area, 1);
        }

        var client = service.Client("voorbeeldstad");
        var first = await client.GetFromJsonAsync<JsonElement>($"{Base}?page=1&pageSize=2");
        var total = first.GetProperty("total").GetInt64();
        var seen = new List<Guid>();
        for (var page = 1; (page - 1) * 2 < total; page++)
        {
            var items = (await client.GetFromJsonAsync<JsonElement>($"{Base}?page={page}&pageSize=2")).GetProperty("items");
            Assert.True(items.GetArrayLength() <= 2);
            seen.AddRange(items.EnumerateArray().Select(p => p.GetProperty("areaId").GetGuid()));
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(areas.ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public async Task A_wijk_without_initiatives_has_an_empty_pipeline()
    {
        var pipeline = await PipelineAsync("hilversum", Guid.NewGuid());

        Assert.Equal(0, pipeline.GetProperty("initiatives").GetInt32());
        Assert.Equal(0m, pipeline.GetProperty("requestedAmount").GetDecimal());
    }

    [Theory]
    [InlineData("hilversum", Base + "?page=0", HttpStatusCode.BadRequest)]
    [InlineData("hilversum", Base + "?pageSize=500", HttpStatusCode.BadRequest)]
    [InlineData("hilversum", Base + "/not-a-wijk", HttpStatusCode.NotFound)]
    [InlineData("hilversum", "/api/budget/v1/nothing", HttpStatusCode.NotFound)]
    [InlineData(null, Base, HttpStatusCode.BadRequest)]
    public async Task Bad_requests_get_4xx_problem_details(string? tenant, string path, HttpStatusCode status)
    {
        var response = await service.Client(tenant).GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_proposed_deal_or_a_withdrawal_takes_the_initiative_out_of_the_pipeline()
    {
        var area = BudgetService.Centrum;
        var before = await PipelineAsync("hilversum", area);
        var (dealt, withdrawn, waiting) = (BudgetService.Submitted("hilversum", area, 100m), BudgetService.Submitted("hilversum", area, 20m), BudgetService.Submitted("hilversum", area, 3m));
        await service.PublishAsync(dealt);
        await service.PublishAsync(withdrawn);
        await service.PublishAsync(waiting);
        await WaitForAsync("hilversum", area, before.GetProperty("initiatives").GetInt32() + 3);

        await service.PublishAsync(BudgetService.Proposed(dealt.InitiativeId, 100m, BudgetService.FreshYear(), area: area));
        await service.PublishAsync(new InitiativeWithdrawn("hilversum", Guid.CreateVersion7(), DateTimeOffset.UtcNow, withdrawn.InitiativeId, area));

        var after = await Eventually.ValueAsync(() => PipelineAsync("hilversum", area),
            p => p.GetProperty("initiatives").GetInt32() == before.GetProperty("initiatives").GetInt32() + 1, what: "two initiatives to leave the pipeline");
        Assert.Equal(before.GetProperty("requestedAmount").GetDecimal() + 3m, after.GetProperty("requestedAmount").GetDecimal());
    }

    [Fact]
    public void A_pipeline_item_refuses_a_negative_or_over_precise_amount_and_leaves_once()
    {
        var item = new PipelineItem("hilversum", Guid.NewGuid(), Guid.NewGuid(), Theme.Fysiek, 100.10m, new DateTimeOffset(2040, 12, 31, 23, 30, 0, TimeSpan.Zero));
        var first = DateTimeOffset.UtcNow;
        item.Leave(first);
        item.Leave(first.AddHours(1));

        Assert.Equal(2041, item.Year);
        Assert.Equal(first, item.LeftAt);
        Assert.False(item.IsOpen);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PipelineItem("hilversum", Guid.NewGuid(), Guid.NewGuid(), Theme.Fysiek, -1m, first));
        Assert.Throws<ArgumentException>(() => new PipelineItem("hilversum", Guid.NewGuid(), Guid.NewGuid(), Theme.Fysiek, 0.001m, first));
    }
}
