namespace Buurt.Initiatives.Domain;

/// <summary>What a timeline entry records.</summary>
public enum TimelineKind
{
    Submitted,
    StatusChanged,
    DealProposed,
    FundsReserved,
    FundsRejected,
    DealAcceptedByParty,
    CommitmentDone,
    EvaluationWritten,
}

/// <summary>
/// One step in an initiative's life, kept forever: who (a user and the part they played), when,
/// what, and their note. The initiators and staff see it.
/// </summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public TimelineKind Kind { get; private set; }

    /// <summary>The user; null when the platform itself acted (funds came in, all parties accepted).</summary>
    public Guid? ActorId { get; private set; }

    public LifeCycleActor ActorRole { get; private set; }

    public InitiativeStatus? From { get; private set; }

    public InitiativeStatus? To { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The reason of a decline, which the residents see.</summary>
    public string? Reason { get; private set; }

    /// <summary>For a move that answered a stage: the date the answer was promised by.</summary>
    public DateOnly? AnswerDueBy { get; private set; }

    /// <summary>For a move that answered a stage with a promise: whether it came in time.</summary>
    public bool? AnsweredOnTime { get; private set; }

    internal static TimelineEntry For(Initiative initiative, TimelineKind kind, LifeCycleActor role, Guid? actorId, DateTimeOffset at,
        string? note = null) => new()
        {
            Id = Guid.CreateVersion7(at),
            TenantId = initiative.TenantId,
            InitiativeId = initiative.Id,
            At = at,
            Kind = kind,
            ActorId = actorId,
            ActorRole = role,
            Note = note,
        };

    internal TimelineEntry Moved(InitiativeStatus from, InitiativeStatus to, string? reason, DateOnly? dueBy, bool? onTime)
    {
        From = from;
        To = to;
        Reason = reason;
        AnswerDueBy = dueBy;
        AnsweredOnTime = onTime;
        return this;
    }
}
