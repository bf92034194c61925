using Buurt.ICalendar;

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

    /// <summary>An activity's title, or the office hour's host ("wijkwethouder Anna de Vries").</summary>
    public string? What { get; init; }

    /// <summary>When an occurrence or a booked slot starts, and the zone it is told in.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    public string? TimeZone { get; init; }

    /// <summary>A booking's topic.</summary>
    public string? Topic { get; init; }

    /// <summary>A place on the waiting list (1 is next).</summary>
    public int? Position { get; init; }

    /// <summary>The code shown at the door of an activity.</summary>
    public string? CheckInCode { get; init; }

    /// <summary>For a registration cancelled: whether the resident did it; for an initiative's update: whether its initiators wrote it (not staff).</summary>
    public bool? ByResident { get; init; }

    /// <summary>The first words of what someone wrote (an initiative's update).</summary>
    public string? Excerpt { get; init; }

    /// <summary>Who owes a deal's commitment.</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// A link with a secret token (a booking's cancel link, a consent's withdrawal link, a listing's
    /// verification link), as a path on the municipality's host: only in the mail, which is then
    /// blanked once sent like a code's, never in the app.
    /// </summary>
    public string? SecretPath { get; init; }

    /// <summary>Where an activity or office hour takes place, and its online address.</summary>
    public string? Location { get; init; }

    public string? OnlineUrl { get; init; }

    /// <summary>For a consent: which kinds of contact points it shows (phone, email, ...) and to whom (public, residents, network).</summary>
    public IReadOnlyList<string> ContactPointKinds { get; init; } = [];

    public string? Visibility { get; init; }

    /// <summary>For a listing's verification: when it was last confirmed.</summary>
    public DateTimeOffset? LastVerifiedAt { get; init; }

    /// <summary>What the attached .ics shows (the calendar's appointment shape), and the path its URL names.</summary>
    public Appointment? Appointment { get; init; }

    public string? AppointmentPath { get; init; }

    /// <summary>For <see cref="NotificationKind.Digest"/>: what it gathers, oldest first.</summary>
    public IReadOnlyList<DigestLine> DigestLines { get; init; } = [];
}

/// <summary>One message in a digest: its subject in the reader's language, and where it leads.</summary>
public sealed record DigestLine(string Subject, string? Link);

/// <summary>A message in words: a subject and its body as plain text and as HTML.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);

/// <summary>A file that goes with a mail (the .ics of a booking or a registration).</summary>
public sealed record MailAttachment(string FileName, string Text);
