using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Notifications.Api;

/// <summary>/api/notifications/v1/mails/dead-letters: the municipality's administrator sees the mails given up on and replays them.</summary>
public static class MailsApi
{
    public static void MapMails(this IEndpointRouteBuilder api)
    {
        var mails = api.MapGroup("/mails/dead-letters").WithTags("Mail queue").RequireAuthorization(BuurtPolicies.TenantAdmin);
        mails.MapGet("", ListAsync).WithName("ListDeadLetteredMails");
        mails.MapPost("/replay", ReplayAsync).WithName("ReplayDeadLetteredMails");
    }

    private static async Task<Ok<PagedList<DeadLetterResponse>>> ListAsync(
        [AsParameters] PageRequest page, MailQueueAdministration queue, CancellationToken cancellationToken)
    {
        var dead = await queue.DeadLettersAsync(page, cancellationToken);
        return TypedResults.Ok(new PagedList<DeadLetterResponse>([.. dead.Items.Select(Response)], dead.Page, dead.PageSize, dead.Total));
    }

    private static async Task<Ok<ReplayResponse>> ReplayAsync(MailQueueAdministration queue, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReplayResponse(await queue.ReplayAsync(cancellationToken)));

    // The address and subject, not the body: the list shows what failed, not what it said.
    private static DeadLetterResponse Response(OutgoingMail m) =>
        new(m.Id, m.Kind.ApiName(), m.To, m.Subject, m.Attempts, m.LastError, m.CreatedAt, m.DeadLetteredAt!.Value);
}

public sealed record DeadLetterResponse(Guid Id, string Kind, string To, string Subject, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset DeadLetteredAt);

/// <summary>How many mails went back into the queue.</summary>
public sealed record ReplayResponse(int Replayed);
