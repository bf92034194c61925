namespace Buurt.Notifications.Domain;

/// <summary>
/// What to tell, before it is put in words: the event it comes from, its kind and the facts its
/// texts need, and when it happened (the inbox's order). One message goes to each of its recipients,
/// in each one's language.
/// </summary>
public sealed record Message(Guid EventId, NotificationKind Kind, DateTimeOffset OccurredAt)
{
    /// <summary>The initiative it is about, by title.</summary>
    public string? InitiativeTitle { get; init; }

    /// <summary>The initiative's id, for the app.</summary>
    public Guid? SubjectId { get; init; }

    /// <summary>A status (API name) the initiative moved to or is in.</summary>
    public string? Status { get; init; }

    /// <summary>The director's note with a move.</summary>
    public string? Note { get; init; }

    /// <summary>Why an initiative was declined, or the budget's words on refused funds.</summary>
    public string? Reason { get; init; }

    /// <summary>The date the next answer is promised by, or the one that passed.</summary>
    public DateOnly? AnswerDueBy { get; init; }

    /// <summary>A deal's amount in euros.</summary>
    public decimal? Amount { get; init; }

    /// <summary>For <see cref="NotificationKind.FundingDecided"/>: whether the money was reserved.</summary>
    public bool? FundsReserved { get; init; }

    /// <summary>A password or invitation code; never stored outside the mail's body.</summary>
    public string? Code { get; init; }

    /// <summary>A path on the municipality's host to read more (the web app's page of the initiative).</summary>
    public string? Link { get; init; }

    /// <summary>For <see cref="NotificationKind.Digest"/>: what it gathers, oldest first.</summary>
    public IReadOnlyList<DigestLine> DigestLines { get; init; } = [];
}

/// <summary>One message in a digest: its subject in the reader's language, and where it leads.</summary>
public sealed record DigestLine(string Subject, string? Link);

/// <summary>A message in words: a subject and its body as plain text and as HTML.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);
