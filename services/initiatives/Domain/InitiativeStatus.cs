using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>Where an initiative is in its life (the buurtcyclus of DOMAIN.md).</summary>
public enum InitiativeStatus
{
    /// <summary>Initiatief binnen: submitted, waiting for the wijkteam's check.</summary>
    Submitted,

    /// <summary>Interne toets: the wijkteam checks feasibility, fit and other parties.</summary>
    InternalCheck,

    /// <summary>Wederkerigheidsgesprek: what will the residents do, what the municipality?</summary>
    ReciprocityTalk,

    /// <summary>A buurtdeal is on the table, waiting for acceptances and funds.</summary>
    DealProposed,

    /// <summary>Accepted by all parties with the money reserved.</summary>
    DealAccepted,

    /// <summary>Uitvoering.</summary>
    InExecution,

    /// <summary>Done; the final cost is known.</summary>
    Completed,

    /// <summary>Tellen en vertellen: the story and the review are written.</summary>
    Evaluated,

    /// <summary>Taken back by the initiators, before the deal was accepted.</summary>
    Withdrawn,

    /// <summary>Declined by the director, with a reason the residents see.</summary>
    Declined,
}

/// <summary>Who makes a move: an initiator, the director of the initiative's wijk, its alderman, the platform itself.</summary>
public enum LifeCycleActor
{
    Initiator,
    Director,

    /// <summary>Wijkwethouder: accepts deals above the director's mandate.</summary>
    Alderman,

    /// <summary>The service, when a condition is met (all acceptances and the funds are in).</summary>
    Platform,
}

/// <summary>
/// The moves of the life cycle and who may make them. Pure rules: the entity applies them, the
/// API turns a refusal into a 409 naming the current state and the allowed moves.
/// </summary>
public static class InitiativeLifeCycle
{
    private static readonly InitiativeStatus[] s_beforeAcceptance =
        [InitiativeStatus.Submitted, InitiativeStatus.InternalCheck, InitiativeStatus.ReciprocityTalk, InitiativeStatus.DealProposed];

    private static readonly (InitiativeStatus From, InitiativeStatus To, LifeCycleActor By)[] s_moves =
    [
        (InitiativeStatus.Submitted, InitiativeStatus.InternalCheck, LifeCycleActor.Director),
        (InitiativeStatus.InternalCheck, InitiativeStatus.ReciprocityTalk, LifeCycleActor.Director),
        // The fast track for small requests, see CanMove.
        (InitiativeStatus.InternalCheck, InitiativeStatus.DealProposed, LifeCycleActor.Director),
        (InitiativeStatus.ReciprocityTalk, InitiativeStatus.DealProposed, LifeCycleActor.Director),
        (InitiativeStatus.DealProposed, InitiativeStatus.ReciprocityTalk, LifeCycleActor.Director),
        (InitiativeStatus.DealProposed, InitiativeStatus.DealAccepted, LifeCycleActor.Platform),
        (InitiativeStatus.DealAccepted, InitiativeStatus.InExecution, LifeCycleActor.Director),
        (InitiativeStatus.InExecution, InitiativeStatus.Completed, LifeCycleActor.Director),
        (InitiativeStatus.Completed, InitiativeStatus.Evaluated, LifeCycleActor.Director),
        .. s_beforeAcceptance.Select(from => (from, InitiativeStatus.Withdrawn, LifeCycleActor.Initiator)),
        .. s_beforeAcceptance.Select(from => (from, InitiativeStatus.Declined, LifeCycleActor.Director)),
    ];

    /// <summary>The states an actor may move an initiative to from where it is.</summary>
    public static IReadOnlyList<InitiativeStatus> AllowedMoves(InitiativeStatus from, LifeCycleActor by, bool fastTrack) =>
        [.. s_moves.Where(m => m.From == from && m.By == by && CanMove(from, m.To, by, fastTrack)).Select(m => m.To)];

    /// <summary>
    /// Whether the actor may make this move. The fast track (from the internal check straight to a
    /// deal) is only for requests at or below the tenant's fast-track amount.
    /// </summary>
    public static bool CanMove(InitiativeStatus from, InitiativeStatus to, LifeCycleActor by, bool fastTrack) =>
        s_moves.Any(m => m.From == from && m.To == to && m.By == by)
        && !(from == InitiativeStatus.InternalCheck && to == InitiativeStatus.DealProposed && !fastTrack);

    /// <summary>No move leads out of these.</summary>
    public static bool IsFinal(InitiativeStatus status) =>
        status is InitiativeStatus.Evaluated or InitiativeStatus.Withdrawn or InitiativeStatus.Declined;

    /// <summary>A decline needs a reason the residents see; the other moves a note at most.</summary>
    public static bool NeedsReason(InitiativeStatus to) => to == InitiativeStatus.Declined;

    /// <summary>Before the deal is accepted the initiators may still withdraw.</summary>
    public static bool IsBeforeAcceptance(InitiativeStatus status) => s_beforeAcceptance.Contains(status);

    /// <summary>The status as the API and the events name it: <c>internal-check</c>.</summary>
    public static string ApiName(this InitiativeStatus status) => s_apiNames[(int)status];

    /// <summary>The status of an API name; a name that is none is refused, naming <paramref name="field"/> and the names there are.</summary>
    public static InitiativeStatus ParseApiName(string? name, string field) =>
        Array.IndexOf(s_apiNames, name) is >= 0 and var index
            ? (InitiativeStatus)index
            : throw RuleException.Invalid(field, $"'{name}' is no status; use {string.Join(", ", s_apiNames)}.");

    private static readonly string[] s_apiNames =
    [
        "submitted", "internal-check", "reciprocity-talk", "deal-proposed", "deal-accepted",
        "in-execution", "completed", "evaluated", "withdrawn", "declined",
    ];
}
