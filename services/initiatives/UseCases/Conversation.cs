using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.UseCases;

/// <summary>What is said about an initiative: progress updates, residents' comments, reports of comments and their moderation.</summary>
public sealed class Conversation(InitiativesDbContext db, TimeProvider time)
{
    /// <summary>The initiators or staff post a progress update.</summary>
    public async Task<ProgressUpdate> PostUpdateAsync(Guid id, Actor author, string text, CancellationToken cancellationToken)
    {
        // Tracked, so that what it raises is stored with the update (it is not changed itself).
        var initiative = await db.FindInitiativeAsync(id, cancellationToken);
        var update = initiative.PostUpdate(author.Id, author.RequireUpdateAuthorOf(initiative), text, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return update;
    }

    /// <summary>A resident comments on the initiative.</summary>
    public async Task<Comment> PostCommentAsync(Guid id, Actor author, string text, CancellationToken cancellationToken)
    {
        var initiative = await db.ReadInitiativeAsync(id, cancellationToken);
        var comment = new Comment(initiative, author.Id, text, time.GetUtcNow());
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return comment;
    }

    /// <summary>Someone signed in reports a comment, once.</summary>
    public async Task<Comment> ReportCommentAsync(Guid id, Guid commentId, Actor reporter, string reason, CancellationToken cancellationToken)
    {
        var comment = await db.FindCommentAsync(id, commentId, cancellationToken);
        var initiative = await db.ReadInitiativeAsync(id, cancellationToken);
        var reporterId = reporter.Id;
        if (await db.CommentReports.AnyAsync(r => r.CommentId == commentId && r.ReporterId == reporterId, cancellationToken))
        {
            throw RuleException.Conflict("You already reported this comment.");
        }
        comment.Report(initiative, reporterId, reason, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return comment;
    }

    /// <summary>The wijk's director or alderman (or the admin) hide a comment, with a reason that shows instead of its text.</summary>
    public async Task<Comment> HideCommentAsync(Guid id, Guid commentId, Actor staff, string reason, CancellationToken cancellationToken)
    {
        staff.RequireModeratorOf((await db.ReadInitiativeAsync(id, cancellationToken)).AreaId);
        var comment = await db.FindCommentAsync(id, commentId, cancellationToken);
        comment.Hide(staff.Id, reason, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return comment;
    }
}
