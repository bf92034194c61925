using Buurt.Notifications.UseCases;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.Api;

/// <summary>/api/notifications/v1/push: the VAPID key to subscribe with, and the person's subscribed devices.</summary>
public static class PushApi
{
    public static void MapPush(this IEndpointRouteBuilder api)
    {
        var push = api.MapGroup("/push").WithTags("Web Push");
        push.MapGet("/public-key", PublicKey).WithName("PushPublicKey")
            .WithSummary("The application server key (VAPID, base64url) for PushManager.subscribe; 404 when this platform sends no push.")
            .ProducesProblem(404);
        var subscriptions = push.MapGroup("/subscriptions").RequireAuthorization();
        subscriptions.MapPost("", SubscribeAsync).WithName("SubscribePush")
            .WithSummary("Keep this browser's subscription (PushSubscription.toJSON(), with optional quiet hours); the same endpoint again replaces it.")
            .ProducesValidationProblem().ProducesProblem(404);
        subscriptions.MapGet("", ListAsync).WithName("ListPushSubscriptions");
        subscriptions.MapDelete("/{id:guid}", UnsubscribeAsync).WithName("UnsubscribePush").ProducesProblem(404);
    }

    private static IResult PublicKey(IOptions<PushOptions> options) =>
        options.Value.Enabled
            ? TypedResults.Ok(new PushPublicKey(options.Value.PublicKey!))
            : ApiProblems.NotFound("Web Push is not configured on this platform.");

    private static async Task<IResult> SubscribeAsync(PushSubscriptionRequest request, HttpContext http, PushSubscriptions subscriptions,
        IOptions<PushOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return ApiProblems.NotFound("Web Push is not configured on this platform.");
        }
        var subscription = await subscriptions.SubscribeAsync(Caller.AccountOf(http.User), request.Endpoint, request.Keys?.P256dh, request.Keys?.Auth,
            request.QuietFrom, request.QuietUntil, cancellationToken);
        return TypedResults.Created($"/api/notifications/v1/push/subscriptions/{subscription.Id}", Response(subscription));
    }

    private static async Task<Ok<PushSubscriptionList>> ListAsync(HttpContext http, PushSubscriptions subscriptions, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PushSubscriptionList([.. (await subscriptions.OfAsync(Caller.AccountOf(http.User), cancellationToken)).Select(Response)]));

    private static async Task<IResult> UnsubscribeAsync(Guid id, HttpContext http, PushSubscriptions subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.UnsubscribeAsync(Caller.AccountOf(http.User), id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"You have no push subscription {id}.");

    private static PushSubscriptionResponse Response(Domain.PushSubscription s) =>
        new(s.Id, s.Endpoint, s.QuietFrom?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            s.QuietUntil?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.CreatedAt);
}

public sealed record PushPublicKey(string PublicKey);

/// <summary>A browser's PushSubscription.toJSON() (endpoint and keys), with optional quiet hours ("22:00" to "07:00", the municipality's time).</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, PushKeys? Keys, string? QuietFrom = null, string? QuietUntil = null);

public sealed record PushKeys(string? P256dh, string? Auth);

public sealed record PushSubscriptionResponse(Guid Id, string Endpoint, string? QuietFrom, string? QuietUntil, DateTimeOffset CreatedAt);

public sealed record PushSubscriptionList(IReadOnlyList<PushSubscriptionResponse> Items);
