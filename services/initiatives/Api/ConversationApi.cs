using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>Progress updates, comments, reports and moderation.</summary>
public static class ConversationApi
{
    public static RouteGroupBuilder MapConversation(this RouteGroupBuilder initiatives)
    {
        initiatives.MapPost("/{id:guid}/updates", PostUpdate).WithName("PostUpdate").RequireAuthorization()
            .WithSummary("The initiators or staff post a progress update.");
        initiatives.MapGet("/{id:guid}/updates", Updates).WithName("ListUpdates");
        initiatives.MapPost("/{id:guid}/comments", PostComment).WithName("PostComment").RequireAuthorization(BuurtPolicies.Resident);
        initiatives.MapGet("/{id:guid}/comments", Comments).WithName("ListComments")
            .WithSummary("Comments, oldest first; a hidden one shows the reason instead of its text.");
        initiatives.MapPost("/{id:guid}/comments/{commentId:guid}/reports", Report).WithName("ReportComment").RequireAuthorization()
            .WithSummary("Anyone signed in reports a comment, once.");
        initiatives.MapPost("/{id:guid}/comments/{commentId:guid}/hide", Hide).WithName("HideComment").RequireAuthorization(BuurtPolicies.Staff)
            .WithSummary("Staff hide a comment with a reason.");
        initiatives.MapGet("/comments/reported", Reported).WithName("ReportedComments").RequireAuthorization(BuurtPolicies.Staff)
            .WithSummary("The moderation queue: visible comments with reports, most reported first.");
        return initiatives;
    }

    private static async Task<Created<UpdateResponse>> PostUpdate(
        Guid id, TextRequest request, ClaimsPrincipal user, Conversation conversation, CancellationToken cancellationToken)
    {
        var update = await conversation.PostUpdateAsync(id, Caller.Of(user), request.Text!, cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/initiatives/{id}/updates", UpdateResponse.From(update));
    }

    private static async Task<Ok<PagedList<UpdateResponse>>> Updates(
        Guid id, [AsParameters] PageRequest page, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Updates.AsNoTracking().Where(u => u.InitiativeId == id).OrderByDescending(u => u.At)
            .ToPageAsync(page, UpdateResponse.From, cancellationToken));
    }

    private static async Task<Created<CommentResponse>> PostComment(
        Guid id, TextRequest request, ClaimsPrincipal user, Conversation conversation, CancellationToken cancellationToken)
    {
        var comment = await conversation.PostCommentAsync(id, Caller.Of(user), request.Text!, cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/initiatives/{id}/comments", CommentResponse.From(comment));
    }

    private static async Task<Ok<PagedList<CommentResponse>>> Comments(
        Guid id, [AsParameters] PageRequest page, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Comments.AsNoTracking().Where(c => c.InitiativeId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .ToPageAsync(page, CommentResponse.From, cancellationToken));
    }

    private static async Task<Ok<CommentResponse>> Report(
        Guid id, Guid commentId, ReasonRequest request, ClaimsPrincipal user, Conversation conversation, CancellationToken cancellationToken) =>
        TypedResults.Ok(CommentResponse.From(await conversation.ReportCommentAsync(id, commentId, Caller.Of(user), request.Reason!, cancellationToken)));

    private static async Task<Ok<CommentResponse>> Hide(
        Guid id, Guid commentId, ReasonRequest request, ClaimsPrincipal user, Conversation conversation, CancellationToken cancellationToken) =>
        TypedResults.Ok(CommentResponse.From(await conversation.HideCommentAsync(id, commentId, Caller.Of(user), request.Reason!, cancellationToken)));

    /// <summary>A director sees their own wijken's (as the other staff lists); <c>areaId</c> narrows it to one wijk.</summary>
    private static async Task<Ok<PagedList<ReportedCommentResponse>>> Reported(
        Guid? areaId, [AsParameters] PageRequest page, ClaimsPrincipal user, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        var reported = from c in db.Comments.AsNoTracking()
                       where c.HiddenAt == null && c.ReportCount > 0
                       join i in db.Initiatives.AsNoTracking() on c.InitiativeId equals i.Id
                       select new { c, i.Title, i.AreaId };
        // Only what the caller may hide: the screens never offer an action that will be refused.
        if (Caller.Of(user).ModeratedWijkenOnly is { } wijken)
        {
            reported = reported.Where(r => wijken.Contains(r.AreaId));
        }
        if (areaId is { } area)
        {
            reported = reported.Where(r => r.AreaId == area);
        }
        return TypedResults.Ok(await reported.OrderByDescending(r => r.c.ReportCount).ThenBy(r => r.c.At).ThenBy(r => r.c.Id)
            .ToPageAsync(page, r => ReportedCommentResponse.From(r.c, r.Title, r.AreaId), cancellationToken));
    }
}

public sealed record TextRequest
{
    [Required, StringLength(ProgressUpdate.TextMaxLength, MinimumLength = 1)]
    public string? Text { get; init; }
}

public sealed record ReasonRequest
{
    [Required, StringLength(Comment.ReasonMaxLength, MinimumLength = 1)]
    public string? Reason { get; init; }
}

public sealed record UpdateResponse(Guid Id, AuthorRole AuthorRole, string Text, DateTimeOffset At)
{
    public static UpdateResponse From(ProgressUpdate u) => new(u.Id, u.AuthorRole, u.Text, u.At);
}

/// <summary>A comment; a hidden one has no text, only why it was hidden.</summary>
public sealed record CommentResponse(Guid Id, string? Text, DateTimeOffset At, bool Hidden, string? HiddenReason, int ReportCount)
{
    public static CommentResponse From(Comment c) =>
        new(c.Id, c.HiddenAt is null ? c.Text : null, c.At, c.HiddenAt is not null, c.HiddenReason, c.ReportCount);
}

/// <summary>A comment in the moderation queue, with the initiative it is on (to go and look).</summary>
public sealed record ReportedCommentResponse(Guid Id, string? Text, DateTimeOffset At, int ReportCount, Guid InitiativeId, string InitiativeTitle, Guid AreaId)
{
    public static ReportedCommentResponse From(Comment c, string title, Guid areaId) => new(c.Id, c.Text, c.At, c.ReportCount, c.InitiativeId, title, areaId);
}
