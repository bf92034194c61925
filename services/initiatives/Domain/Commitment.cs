using Buurt.Contracts.Initiatives;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>Whose commitment: the residents' (what they do) or the municipality's.</summary>
public enum CommitmentSide
{
    Resident,
    Municipal,
}

public enum CommitmentStatus
{
    Open,
    Done,
}

public enum RecurrenceFrequency
{
    Weekly,
    Monthly,
    Yearly,
}

/// <summary>A commitment that repeats, e.g. "maintain the garden monthly for two years".</summary>
public sealed record Recurrence(RecurrenceFrequency Frequency, int Interval, DateOnly Until)
{
    /// <summary>The occurrence one period after <paramref name="date"/>.</summary>
    public DateOnly Next(DateOnly date) => Frequency switch
    {
        RecurrenceFrequency.Weekly => date.AddDays(7 * Interval),
        RecurrenceFrequency.Monthly => date.AddMonths(Interval),
        _ => date.AddYears(Interval),
    };
}

/// <summary>A commitment as a director proposes it.</summary>
public sealed record CommitmentTerms(CommitmentSide Side, string Description, string Owner, DateOnly? DueDate, Recurrence? Recurrence);

/// <summary>
/// One promise of a deal, by one side, with an owner and a due date or a recurrence. Marked done
/// with a note; a recurring one moves on to its next occurrence until its end date. Tells when
/// it is overdue.
/// </summary>
public sealed class Commitment : Aggregate
{
    public const int DescriptionMaxLength = 500;
    public const int OwnerMaxLength = 120;
    public const int NoteMaxLength = 1000;

    private Commitment()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public Guid DealId { get; private set; }

    public CommitmentSide Side { get; private set; }

    public string Description { get; private set; } = "";

    public string Owner { get; private set; } = "";

    public DateOnly? DueDate { get; private set; }

    public Recurrence? Recurrence { get; private set; }

    public CommitmentStatus Status { get; private set; }

    /// <summary>The date the next occurrence is due; null before the deal is accepted, or when none is due.</summary>
    public DateOnly? NextDue { get; private set; }

    /// <summary>How often it was marked done (recurring commitments more than once).</summary>
    public int TimesDone { get; private set; }

    public DateTimeOffset? LastDoneAt { get; private set; }

    public string? LastDoneNote { get; private set; }

    /// <summary>The due date a <c>CommitmentOverdue</c> was published for: once per commitment and due date.</summary>
    public DateOnly? OverdueNotifiedFor { get; private set; }

    /// <summary>A commitment of a new deal version; <paramref name="field"/> is its row as the API names it (residentCommitments[0]).</summary>
    internal static Commitment For(Deal deal, CommitmentTerms terms, string field)
    {
        var description = terms.Description.Trim();
        var owner = terms.Owner.Trim();
        if (description.Length is 0 or > DescriptionMaxLength)
        {
            throw RuleException.Invalid($"{field}.description", $"A commitment's description has 1 to {DescriptionMaxLength} characters.");
        }
        if (owner.Length is 0 or > OwnerMaxLength)
        {
            throw RuleException.Invalid($"{field}.owner", $"A commitment's owner has 1 to {OwnerMaxLength} characters.");
        }
        if (terms.Recurrence is { } r)
        {
            if (r.Interval is < 1 or > 12)
            {
                throw RuleException.Invalid($"{field}.recurrence.interval", "A recurrence repeats every 1 to 12 weeks, months or years.");
            }
            // Ended before it starts: nothing would ever be due (the first occurrence is the due date, or one period after acceptance).
            var first = terms.DueDate ?? r.Next(DateOnly.FromDateTime(deal.ProposedAt.UtcDateTime));
            if (r.Until < first)
            {
                throw RuleException.Invalid($"{field}.recurrence.until",
                    $"A recurrence ends on or after its first occurrence ({first:yyyy-MM-dd}: the due date, or one period after today).");
            }
        }
        return new Commitment
        {
            Id = Guid.CreateVersion7(deal.ProposedAt),
            TenantId = deal.TenantId,
            InitiativeId = deal.InitiativeId,
            DealId = deal.Id,
            Side = terms.Side,
            Description = description,
            Owner = owner,
            DueDate = terms.DueDate,
            Recurrence = terms.Recurrence,
            Status = CommitmentStatus.Open,
        };
    }

    /// <summary>
    /// The deal was accepted: the first occurrence is due (the due date, or one period on; a deal
    /// accepted so late that one period on is past the recurrence's end is due once, on that end).
    /// </summary>
    internal void Start(DateOnly acceptedOn) =>
        NextDue = DueDate ?? (Recurrence is { } r ? (r.Next(acceptedOn) is var first && first > r.Until ? r.Until : first) : null);

    internal void MarkDone(string? note, DateTimeOffset now)
    {
        if (Status == CommitmentStatus.Done)
        {
            throw RuleException.Conflict("This commitment is already done.");
        }
        TimesDone++;
        LastDoneAt = now;
        LastDoneNote = note;
        if (Recurrence is { } recurrence && NextDue is { } due && recurrence.Next(due) <= recurrence.Until)
        {
            NextDue = recurrence.Next(due);
            return;
        }
        Status = CommitmentStatus.Done;
        NextDue = null;
    }

    /// <summary>
    /// Raises <c>CommitmentOverdue</c> when the next occurrence's date has passed; once per due date
    /// (true when now). <paramref name="areaId"/> is the wijk of the deal's initiative.
    /// </summary>
    public bool RaiseIfOverdue(Guid areaId, DateTimeOffset now)
    {
        if (Status != CommitmentStatus.Open || NextDue is not { } due || due >= WorkingDays.LocalDate(now) || OverdueNotifiedFor == due)
        {
            return false;
        }
        OverdueNotifiedFor = due;
        Raise(new CommitmentOverdue(TenantId, Guid.CreateVersion7(now), now, InitiativeId, areaId, Id,
            Side == CommitmentSide.Resident ? "resident" : "municipal", Owner, due));
        return true;
    }
}
