using Buurt.Contracts.Initiatives;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>Who wrote a progress update.</summary>
public enum AuthorRole
{
    Initiator,
    Staff,
}

/// <summary>A progress update by the initiators or staff.</summary>
public sealed class ProgressUpdate
{
    public const int TextMaxLength = 4000;

    private ProgressUpdate()
    {
    }

    public ProgressUpdate(Initiative initiative, Guid authorId, AuthorRole role, string text, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        TenantId = initiative.TenantId;
        InitiativeId = initiative.Id;
        AuthorId = authorId;
        AuthorRole = role;
        Text = RequiredText.Checked(text, TextMaxLength);
        At = at;
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid AuthorId { get; private set; }

    public AuthorRole AuthorRole { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    /// <summary>The first characters of the text, cut at a word, for a message about it.</summary>
    public string Excerpt(int maxLength = ExcerptMaxLength)
    {
        if (Text.Length <= maxLength)
        {
            return Text;
        }
        var cut = Text.LastIndexOf(' ', maxLength - 1);
        return string.Concat(Text.AsSpan(0, cut > maxLength / 2 ? cut : maxLength - 1).TrimEnd(), "…");
    }

    public const int ExcerptMaxLength = 200;
}

/// <summary>A resident's comment; anyone signed in may report it, staff may hide it with a reason.</summary>
public sealed class Comment : Aggregate
{
    public const int TextMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    private Comment()
    {
    }

    public Comment(Initiative initiative, Guid authorId, string text, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        TenantId = initiative.TenantId;
        InitiativeId = initiative.Id;
        AuthorId = authorId;
        Text = RequiredText.Checked(text, TextMaxLength);
        At = at;
        Raise(new CommentPosted(TenantId, Guid.CreateVersion7(at), at, InitiativeId, initiative.AreaId, Id, authorId));
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid AuthorId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two first reports at once cannot both be first.</summary>
    public uint Version { get; private set; }

    /// <summary>Kept with each report, for the moderation queue.</summary>
    public int ReportCount { get; private set; }

    public DateTimeOffset? HiddenAt { get; private set; }

    public string? HiddenReason { get; private set; }

    public Guid? HiddenBy { get; private set; }

    /// <summary>
    /// Someone reports the comment on <paramref name="initiative"/>: the report is stored with it, and the comment counts
    /// it for the moderation queue. The first report tells the wijk's directors.
    /// </summary>
    public void Report(Initiative initiative, Guid reporterId, string reason, DateTimeOffset at)
    {
        if (initiative.Id != InitiativeId)
        {
            throw new ArgumentException("The comment belongs to another initiative.", nameof(initiative));
        }
        reason = RequiredText.Checked(reason, ReasonMaxLength, "reason");
        Record(new CommentReport(this, reporterId, reason, at));
        if (ReportCount == 0)
        {
            Raise(new CommentReported(TenantId, Guid.CreateVersion7(at), at, InitiativeId, initiative.AreaId, Id, reason, initiative.Title));
        }
        ReportCount++;
    }

    public void Hide(Guid staffId, string reason, DateTimeOffset at)
    {
        if (HiddenAt is not null)
        {
            throw RuleException.Conflict("The comment is already hidden.");
        }
        HiddenReason = RequiredText.Checked(reason, ReasonMaxLength, "reason");
        HiddenAt = at;
        HiddenBy = staffId;
    }
}

/// <summary>Someone signed in reported a comment (once per person).</summary>
public sealed class CommentReport
{
    private CommentReport()
    {
    }

    internal CommentReport(Comment comment, Guid reporterId, string reason, DateTimeOffset at)
    {
        TenantId = comment.TenantId;
        CommentId = comment.Id;
        ReporterId = reporterId;
        Reason = reason;
        At = at;
    }

    public string TenantId { get; private set; } = "";

    public Guid CommentId { get; private set; }

    public Guid ReporterId { get; private set; }

    public string Reason { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}

/// <summary>A text a person writes: trimmed, not empty, not too long (400 naming the field).</summary>
internal static class RequiredText
{
    public static string Checked(string text, int maxLength, string field = "text")
    {
        text = text.Trim();
        return text.Length is 0 || text.Length > maxLength
            ? throw RuleException.Invalid(field, $"The {field} has 1 to {maxLength} characters.")
            : text;
    }
}
