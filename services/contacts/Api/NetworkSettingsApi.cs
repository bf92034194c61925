using System.Security.Claims;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Api;

/// <summary>/functions, /topics, /routing-rules: the municipality's own lists and where each question goes; public to read.</summary>
public static class NetworkSettingsApi
{
    public static void MapNetworkSettings(this IEndpointRouteBuilder api)
    {
        var functions = api.MapGroup("/functions").WithTags("Functions");
        functions.MapGet("", Functions).WithName("ListFunctions");
        functions.MapPut("/{key}", DefineFunction).WithName("DefineFunction").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403)
            .WithSummary("Adds (201) or renames (200) a function of the municipality (tenant admin).");
        functions.MapPost("/{key}/contact-points", AddFunctionContactPoint).WithName("AddFunctionContactPoint").RequireAuthorization().ProducesValidationProblem()
            .WithSummary("A contact point of the function, for one wijk (areaId; its director) or every wijk (the admin); it stays when the holder changes.");
        functions.MapGet("/{key}/contact-points", FunctionContactPoints).WithName("ListFunctionContactPoints").RequireAuthorization().NotStored().ProducesProblem(403)
            .WithSummary("The function's own contact points, every wijk's first, each with its wijk (keepers).");
        functions.MapDelete("/{key}/contact-points/{pointId:guid}", RemoveFunctionContactPoint).WithName("RemoveFunctionContactPoint").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).WithSummary("Removes one of the function's points (a wijk's: its director; every wijk's: the admin).");

        var topics = api.MapGroup("/topics").WithTags("Topics");
        topics.MapGet("", Topics).WithName("ListTopics");
        topics.MapPut("/{key}", DefineTopic).WithName("DefineTopic").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403)
            .WithSummary("Adds (201) or changes (200) a topic of the municipality (tenant admin).");

        var rules = api.MapGroup("/routing-rules").WithTags("Routing rules");
        rules.MapGet("", Rules).WithName("ListRoutingRules").WithSummary("Where each topic goes per wijk; rules without topic are fallbacks, without wijk for every wijk.");
        rules.MapPut("", SetRule).WithName("SetRoutingRule").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403)
            .WithSummary("Sets where a topic (or the fallback) in a wijk (or every wijk) goes: to a function or an organisation.");
        rules.MapDelete("/{id:guid}", RemoveRule).WithName("RemoveRoutingRule").RequireAuthorization().ProducesProblem(404);
    }

    private static async Task<Ok<IReadOnlyList<FunctionResponse>>> Functions(ContactsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<FunctionResponse>>(await db.Functions.AsNoTracking().OrderBy(f => f.Position).ThenBy(f => f.Key)
            .Select(f => new FunctionResponse(f.Key, f.Name, f.Position)).ToListAsync(cancellationToken));

    private static async Task<Results<Created<FunctionResponse>, Ok<FunctionResponse>>> DefineFunction(
        string key, FunctionRequest request, ClaimsPrincipal user, NetworkSettings settings, CancellationToken cancellationToken)
    {
        var (function, created) = await settings.DefineFunctionAsync(key, request.Name!, request.Position, Caller.Of(user), cancellationToken);
        return created
            ? TypedResults.Created($"/api/contacts/v1/functions/{function.Key}", FunctionResponse.Of(function))
            : TypedResults.Ok(FunctionResponse.Of(function));
    }

    private static async Task<Created<ContactPointResponse>> AddFunctionContactPoint(
        string key, ContactPointRequest request, ClaimsPrincipal user, NetworkSettings settings, CancellationToken cancellationToken)
    {
        var point = await settings.AddFunctionContactPointAsync(key, request.AreaId, request.ToNew(Visibility.Public), Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/contacts/v1/functions/{point.FunctionKey}", ContactPointResponse.Of(point));
    }

    private static async Task<Ok<IReadOnlyList<FunctionContactPointResponse>>> FunctionContactPoints(
        string key, ClaimsPrincipal user, NetworkSettings settings, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<FunctionContactPointResponse>>([.. (await settings.FunctionContactPointsAsync(key, Caller.Of(user), cancellationToken))
            .Select(FunctionContactPointResponse.Of)]);

    private static async Task<NoContent> RemoveFunctionContactPoint(string key, Guid pointId, ClaimsPrincipal user, NetworkSettings settings, CancellationToken cancellationToken)
    {
        await settings.RemoveFunctionContactPointAsync(key, pointId, Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<TopicResponse>>> Topics(ContactsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<TopicResponse>>(await db.Topics.AsNoTracking().OrderBy(t => t.Key)
            .Select(t => new TopicResponse(t.Key, t.Name, t.Theme)).ToListAsync(cancellationToken));

    private static async Task<Results<Created<TopicResponse>, Ok<TopicResponse>>> DefineTopic(
        string key, TopicRequest request, ClaimsPrincipal user, NetworkSettings settings, CancellationToken cancellationToken)
    {
        var (topic, created) = await settings.DefineTopicAsync(key, request.Name!, request.Theme!.Value, Caller.Of(user), cancellationToken);
        return created
            ? TypedResults.Created($"/api/contacts/v1/topics/{topic.Key}", TopicResponse.Of(topic))
            : TypedResults.Ok(TopicResponse.Of(topic));
    }

    private static async Task<Ok<IReadOnlyList<RoutingRuleResponse>>> Rules(Guid? areaId, ContactsDbContext db, CancellationToken cancellationToken)
    {
        var rules = db.RoutingRules.AsNoTracking();
        if (areaId is { } wijk)
        {
            rules = rules.Where(r => r.AreaId == null || r.AreaId == wijk);
        }
        return TypedResults.Ok<IReadOnlyList<RoutingRuleResponse>>(await rules.OrderBy(r => r.TopicKey).ThenBy(r => r.AreaId)
            .Select(r => new RoutingRuleResponse(r.Id, r.TopicKey, r.AreaId, r.FunctionKey, r.OrganisationId)).Take(1000).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Created<RoutingRuleResponse>, Ok<RoutingRuleResponse>>> SetRule(
        RoutingRuleRequest request, ClaimsPrincipal user, NetworkSettings settings, CancellationToken cancellationToken)
    {
        var (rule, created) = await settings.SetRuleAsync(request.Topic, request.AreaId, request.Function, request.OrganisationId, Caller.Of(user), cancellationToken);
        return created
            ? TypedResults.Created($"/api/contacts/v1/routing-rules/{rule.Id}", RoutingRuleResponse.Of(rule))
            : TypedResults.Ok(RoutingRuleResponse.Of(rule));
    }

    private static async Task<NoContent> RemoveRule(Guid id, ClaimsPrincipal user, NetworkSettings settings, CancellationToken cancellationToken)
    {
        await settings.RemoveRuleAsync(id, Caller.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }
}
