using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Buurt.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.Api;

/// <summary>/api/notifications/v1/notifications: the signed-in person's in-app inbox, newest first.</summary>
public static class InboxApi
{
    public static void MapInbox(this IEndpointRouteBuilder api)
    {
        var inbox = api.MapGroup("/notifications").WithTags("Inbox").RequireAuthorization();
        inbox.MapGet("", ListAsync).WithName("ListNotifications");
        inbox.MapGet("/unread-count", UnreadAsync).WithName("CountUnreadNotifications");
        inbox.MapPost("/{id}/read", MarkReadAsync).WithName("MarkNotificationRead").ProducesProblem(404);
        inbox.MapPost("/read", MarkAllReadAsync).WithName("MarkAllNotificationsRead");
    }

    private static async Task<Ok<PagedList<NotificationResponse>>> ListAsync(
        [AsParameters] PageRequest page, HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var account = Caller.AccountOf(http.User);
        return TypedResults.Ok(await db.Notifications.AsNoTracking().Where(n => n.AccountId == account)
            .OrderByDescending(n => n.OccurredAt).ThenByDescending(n => n.Id)
            .ToPageAsync(page, Response, cancellationToken));
    }

    private static async Task<Ok<UnreadCountResponse>> UnreadAsync(HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var account = Caller.AccountOf(http.User);
        return TypedResults.Ok(new UnreadCountResponse(await db.Notifications.CountAsync(n => n.AccountId == account && n.ReadAt == null, cancellationToken)));
    }

    private static async Task<NoContent> MarkReadAsync(Guid id, HttpContext http, Inbox inbox, CancellationToken cancellationToken)
    {
        await inbox.MarkReadAsync(Caller.AccountOf(http.User), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MarkedReadResponse>> MarkAllReadAsync(HttpContext http, Inbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkedReadResponse(await inbox.MarkAllReadAsync(Caller.AccountOf(http.User), cancellationToken)));

    private static NotificationResponse Response(Notification n) =>
        new(n.Id, n.Kind.ApiName(), n.Title, n.Body, n.Link, n.SubjectId, n.OccurredAt, n.ReadAt);
}

/// <summary>
/// A notification in the inbox: its title and text in the reader's language, and where it leads
/// (<c>Link</c>: a path on the municipality's host, the web app's page; <c>SubjectId</c>: what it is
/// about, an initiative's id, for the apps).
/// </summary>
public sealed record NotificationResponse(Guid Id, string Kind, string Title, string Body, string? Link, Guid? SubjectId, DateTimeOffset OccurredAt, DateTimeOffset? ReadAt);

public sealed record UnreadCountResponse(int Unread);

/// <summary>How many were unread before.</summary>
public sealed record MarkedReadResponse(int Marked);
