using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Buurt.Testing;

namespace Buurt.EndToEnd.Tests;

/// <summary>The thin slice through the gateway: submit, list, and the budget pipeline that follows.</summary>
public sealed class SliceTests(Platform platform) : IClassFixture<Platform>
{
    // A wijk no other class here submits to: on a running platform (the containers) the classes share
    // it, and Zuid's pipeline moves with theirs, so an exact "+1" there would count their initiatives too.
    private static readonly Guid s_hilversumCentrum = Demo.Centrum;
    private static readonly Guid s_hilversumOost = Demo.Oost1221;

    private static JsonContent Initiative(Guid area, decimal amount) => JsonContent.Create(new JsonObject
    {
        ["title"] = "Geveltuintjes in de Kerkstraat",
        ["description"] = "Bewoners leggen geveltuintjes aan en onderhouden ze zelf.",
        ["areaId"] = area.ToString(),
        ["theme"] = "fysiek",
        ["requestedAmount"] = amount,
    });

    [Fact]
    public async Task An_initiative_submitted_through_the_gateway_is_listed_and_reaches_the_budget_pipeline()
    {
        var client = await platform.SignedInAsync("resident@hilversum.example");
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/budget/v1/pipeline/{s_hilversumCentrum}");

        var response = await client.PostAsync("/api/initiatives/v1/initiatives", Initiative(s_hilversumCentrum, 1250.75m));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // The Location path is valid at the gateway too.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(response.Headers.Location)).StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/initiatives?areaId={s_hilversumCentrum}&page=1");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        JsonElement after = default;
        await Eventually.TrueAsync(async () =>
        {
            after = await client.GetFromJsonAsync<JsonElement>($"/api/budget/v1/pipeline/{s_hilversumCentrum}");
            return after.GetProperty("initiatives").GetInt32() > before.GetProperty("initiatives").GetInt32();
        }, what: "the pipeline to count the initiative");
        Assert.Equal(before.GetProperty("initiatives").GetInt32() + 1, after.GetProperty("initiatives").GetInt32());
        Assert.Equal(before.GetProperty("requestedAmount").GetDecimal() + 1250.75m, after.GetProperty("requestedAmount").GetDecimal());
    }

    [Fact]
    public async Task The_municipality_is_known_by_its_host_name_as_well()
    {
        var resident = await platform.SignedInAsync("resident.oost@hilversum.example");
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        client.DefaultRequestHeaders.Host = "hilversum.localhost";
        client.DefaultRequestHeaders.Authorization = resident.DefaultRequestHeaders.Authorization;

        var response = await client.PostAsync("/api/initiatives/v1/initiatives", Initiative(s_hilversumOost, 10m));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var other = platform.Client("voorbeeldstad");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/initiatives/v1/initiatives/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_bad_submission_through_the_gateway_gets_the_services_problem_details()
    {
        var client = await platform.SignedInAsync("resident@hilversum.example");

        var response = await client.PostAsync("/api/initiatives/v1/initiatives", Initiative(Guid.NewGuid(), -5m));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "requestedAmount");
    }

    [Fact]
    public async Task One_trace_runs_from_the_gateway_request_through_initiatives_and_over_the_bus_into_the_budget_consumer()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        // The client sends no trace context: the gateway starts the trace.
        using var handler = new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() };
        var client = await platform.SignedInAsync("resident@hilversum.example", handler: handler);

        var response = await client.PostAsync("/api/initiatives/v1/initiatives", Initiative(Demo.Zuid, 42m));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var initiativeId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var eventId = (await platform.OutboxRowOfAsync(initiativeId)).Id.ToString();

        Activity? consumed = null;
        await Eventually.TrueAsync(() =>
        {
            consumed = activities.FirstOrDefault(a => a.Kind == ActivityKind.Consumer
                && a.Source.Name == "MassTransit"
                && a.TagObjects.Any(t => string.Equals(t.Value?.ToString(), eventId, StringComparison.OrdinalIgnoreCase)));
            // Spans are collected as they stop; the publisher's may stop after the consumer's.
            var spans = activities.Where(a => a.TraceId == consumed?.TraceId).ToDictionary(a => a.SpanId);
            return Task.FromResult(consumed is not null
                && Ancestors(consumed, spans).Any(id => spans[id].Kind == ActivityKind.Server));
        }, what: "the budget consumer to handle the event, under a request");

        var trace = consumed!.TraceId;
        var inTrace = activities.Where(a => a.TraceId == trace).ToDictionary(a => a.SpanId);
        var servers = inTrace.Values.Where(a => a.Kind == ActivityKind.Server && a.Source.Name == "Microsoft.AspNetCore").ToList();
        // The gateway's request matched its proxy route; initiatives' request descends from it.
        var gatewayRequest = Assert.Single(servers, a => a.DisplayName.Contains("{**rest}", StringComparison.Ordinal));
        // (A first token validation may fetch identity's discovery document and keys inside the same trace: GETs.)
        var serviceRequest = Assert.Single(servers, a => a != gatewayRequest && a.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        Assert.Contains(gatewayRequest.SpanId, Ancestors(serviceRequest, inTrace));
        Assert.Contains(serviceRequest.SpanId, Ancestors(consumed, inTrace));
        var outbox = await platform.OutboxRowOfAsync(initiativeId);
        Assert.Contains(trace.ToString(), outbox.TraceParent, StringComparison.Ordinal);
    }

    private static IEnumerable<ActivitySpanId> Ancestors(Activity activity, Dictionary<ActivitySpanId, Activity> spans)
    {
        for (var parent = activity.ParentSpanId; spans.TryGetValue(parent, out var span); parent = span.ParentSpanId)
        {
            yield return parent;
        }
    }
}
