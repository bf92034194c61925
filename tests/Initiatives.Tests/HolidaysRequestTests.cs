using System.Text.Json;
using Buurt.Contracts.Initiatives;
using Buurt.Testing;

namespace Buurt.Initiatives.Tests;

/// <summary>Initiatives owns the holidays: a copy that asks (<see cref="HolidaysRequested"/>) gets the current list as <see cref="HolidaysChanged"/>.</summary>
public sealed class HolidaysRequestTests(InitiativesService service) : IClassFixture<InitiativesService>
{
    [Fact]
    public async Task A_copy_that_asks_for_the_holidays_gets_the_whole_current_list()
    {
        var settings = await service.Client().GetAsync("/api/initiatives/v1/settings").OkAsync();
        var expected = settings.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()).ToList();
        var asked = DateTimeOffset.UtcNow;

        await service.PublishAsync(new HolidaysRequested("hilversum", Guid.NewGuid(), asked, "calendar"));

        var answer = await Eventually.ValueAsync(async () => (await service.OutboxAsync())
            .Where(m => m.Type.StartsWith(typeof(HolidaysChanged).FullName!, StringComparison.Ordinal) && m.TenantId == "hilversum" && m.OccurredAt >= asked)
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).FirstOrDefault(),
            until: e => e.ValueKind == JsonValueKind.Object, what: "HolidaysChanged in answer");
        Assert.Equal(expected, answer.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
    }
}
