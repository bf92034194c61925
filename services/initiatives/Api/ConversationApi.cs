using System.ComponentModel.DataAnnotations;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
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
        Guid id, TextRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadAsync(id, cancellationToken);
        var caller = new Caller(http.User);
        var role = caller.IsInitiatorOf(initiative) ? AuthorRole.Initiator
            : caller.IsStaff ? AuthorRole.Staff
            : throw RuleException.Forbidden("Progress updates are posted by the initiators and staff.");
        var update = new ProgressUpdate(initiative, caller.Id, role, request.Text!, time.GetUtcNow());
        db.Updates.Add(update);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/initiatives/{id}/updates", UpdateResponse.From(update));
    }

    private static async Task<Ok<PagedList<UpdateResponse>>> Updates(
        Guid id, [AsParameters] PageRequest page, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Updates.AsNoTracking().Where(u => u.InitiativeId == id).OrderByDescending(u => u.At)
            .ToPageAsync(page, UpdateResponse.From, cancellationToken));
    }

    private static async Task<Created<CommentResponse>> PostComment(
        Guid id, TextRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadAsync(id, cancellationToken);
        var comment = new Comment(initiative, new Caller(http.User).Id, request.Text!, time.GetUtcNow());
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/initiatives/v1/initiatives/{id}/comments", CommentResponse.From(comment));
    }

    private static async Task<Ok<PagedList<CommentResponse>>> Comments(
        Guid id, [AsParameters] PageRequest page, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Comments.AsNoTracking().Where(c => c.InitiativeId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .ToPageAsync(page, CommentResponse.From, cancellationToken));
    }

    private static async Task<Ok<CommentResponse>> Report(
        Guid id, Guid commentId, ReasonRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var comment = await FindCommentAsync(db, id, commentId, cancellationToken);
        var reporter = new Caller(http.User).Id;
        if (await db.CommentReports.AnyAsync(r => r.CommentId == commentId && r.ReporterId == reporter, cancellationToken))
        {
            throw RuleException.Conflict("You already reported this comment.");
        }
        db.CommentReports.Add(comment.Report(reporter, request.Reason!, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CommentResponse.From(comment));
    }

    private static async Task<Ok<CommentResponse>> Hide(
        Guid id, Guid commentId, ReasonRequest request, HttpContext http, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var comment = await FindCommentAsync(db, id, commentId, cancellationToken);
        comment.Hide(new Caller(http.User).Id, request.Reason!, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CommentResponse.From(comment));
    }

    private static async Task<Ok<PagedList<CommentResponse>>> Reported(
        [AsParameters] PageRequest page, InitiativesDbContext db, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.Comments.AsNoTracking().Where(c => c.HiddenAt == null && c.ReportCount > 0)
            .OrderByDescending(c => c.ReportCount).ThenBy(c => c.At).ToPageAsync(page, CommentResponse.From, cancellationToken));
    }

    private static async Task<Comment> FindCommentAsync(InitiativesDbContext db, Guid id, Guid commentId, CancellationToken cancellationToken) =>
        await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId && c.InitiativeId == id, cancellationToken)
        ?? throw RuleException.NotFound($"Initiative {id} has no comment {commentId}.");
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
