namespace Buurt.Initiatives.Domain;

/// <summary>What kind of "no" a rule gives: the API turns it into 400, 403 or 409 problem details.</summary>
public enum RuleKind
{
    /// <summary>A value breaks a rule (400, naming the field).</summary>
    Invalid,

    /// <summary>The caller has no say here: wrong role, or another wijk (403).</summary>
    Forbidden,

    /// <summary>The state forbids it (409).</summary>
    Conflict,

    /// <summary>There is no such thing in this municipality (404).</summary>
    NotFound,
}

/// <summary>A domain rule said no. Nothing has been changed when this is thrown.</summary>
public sealed class InitiativeRuleException : Exception
{
    public InitiativeRuleException(RuleKind kind, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    public InitiativeRuleException()
    {
    }

    public InitiativeRuleException(string message)
        : base(message)
    {
    }

    public InitiativeRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuleKind Kind { get; }

    /// <summary>The request field the rule is about (camelCase), for <see cref="RuleKind.Invalid"/>.</summary>
    public string? Field { get; }

    /// <summary>For an illegal move: where the initiative is and where the caller may take it.</summary>
    public InitiativeStatus? CurrentStatus { get; init; }

    public IReadOnlyList<InitiativeStatus>? AllowedMoves { get; init; }

    public static InitiativeRuleException Invalid(string field, string message) => new(RuleKind.Invalid, message, field);

    public static InitiativeRuleException Forbidden(string message) => new(RuleKind.Forbidden, message);

    public static InitiativeRuleException Conflict(string message) => new(RuleKind.Conflict, message);

    public static InitiativeRuleException NotFound(string message) => new(RuleKind.NotFound, message);
}
