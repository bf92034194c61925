using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>How a commitment turned out, as the evaluation says.</summary>
public enum CommitmentOutcome
{
    Kept,
    Partly,
    NotKept,
}

/// <summary>The review of one commitment in the evaluation.</summary>
public sealed record CommitmentReview(Guid CommitmentId, CommitmentOutcome Outcome, string? Note);

/// <summary>
/// Tellen en vertellen: after completion the initiators and the director write the story and
/// review each commitment of the deal. Either side may write; the last version counts.
/// </summary>
public sealed class Evaluation
{
    public const int StoryMaxLength = 8000;
    public const int ReviewNoteMaxLength = 1000;

    private Evaluation()
    {
    }

    public Guid InitiativeId { get; private set; }

    public string TenantId { get; private set; } = "";

    public string Story { get; private set; } = "";

    public List<CommitmentReview> Reviews { get; private set; } = [];

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid UpdatedBy { get; private set; }

    /// <summary>Writes or rewrites the evaluation; only for a completed initiative (through <see cref="Initiative.WriteEvaluation"/>, which keeps the timeline).</summary>
    internal static Evaluation Write(Evaluation? existing, Initiative initiative, Deal deal, string story, IReadOnlyList<CommitmentReview> reviews,
        Guid authorId, DateTimeOffset now)
    {
        if (initiative.Status != InitiativeStatus.Completed)
        {
            throw RuleException.Conflict($"The evaluation is written once the initiative is completed; it is {initiative.Status.ApiName()}.");
        }
        story = RequiredText.Checked(story, StoryMaxLength, "story");
        var known = deal.Commitments.Select(c => c.Id).ToHashSet();
        if (reviews.Any(r => !known.Contains(r.CommitmentId)) || reviews.DistinctBy(r => r.CommitmentId).Count() != reviews.Count)
        {
            throw RuleException.Invalid("reviews", "Review each commitment of the accepted deal once, by its id.");
        }
        if (reviews.Any(r => r.Note?.Length > ReviewNoteMaxLength))
        {
            throw RuleException.Invalid("reviews", $"A review's note has at most {ReviewNoteMaxLength} characters.");
        }
        var evaluation = existing ?? new Evaluation { InitiativeId = initiative.Id, TenantId = initiative.TenantId };
        evaluation.Story = story;
        evaluation.Reviews = [.. reviews];
        evaluation.UpdatedAt = now;
        evaluation.UpdatedBy = authorId;
        return evaluation;
    }

    /// <summary>The story is written and every commitment of the deal reviewed.</summary>
    public bool IsCompleteFor(Deal deal) =>
        Story.Length > 0 && deal.Commitments.All(c => Reviews.Any(r => r.CommitmentId == c.Id));
}

/// <summary>A resident of the wijk rates a completed initiative (1 to 5, with a comment), once, within the municipality's rating period.</summary>
public sealed class Rating
{
    public const int CommentMaxLength = 1000;

    private Rating()
    {
    }

    public Rating(Initiative initiative, Guid residentId, int score, string? comment, TenantSettings settings, DateTimeOffset now)
    {
        if (initiative.CompletedAt is not { } completedAt || initiative.Status is not (InitiativeStatus.Completed or InitiativeStatus.Evaluated))
        {
            throw RuleException.Conflict("Residents rate an initiative once it is completed.");
        }
        if (now > completedAt.AddDays(settings.RatingPeriodDays))
        {
            throw RuleException.Conflict($"Rating closed {settings.RatingPeriodDays} days after completion.");
        }
        if (score is < 1 or > 5)
        {
            throw RuleException.Invalid("score", "A score is 1 to 5.");
        }
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > CommentMaxLength)
        {
            throw RuleException.Invalid("comment", $"A comment has at most {CommentMaxLength} characters.");
        }
        TenantId = initiative.TenantId;
        InitiativeId = initiative.Id;
        ResidentId = residentId;
        Score = score;
        Comment = comment;
        At = now;
    }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid ResidentId { get; private set; }

    public int Score { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset At { get; private set; }
}
