namespace Buurt.ServiceDefaults.Domain;

/// <summary>What kind of "no" a domain rule gives; mapped once to problem details (400, 403, 404, 409).</summary>
public enum RuleKind
{
    /// <summary>A value breaks a rule: 400 naming the field.</summary>
    Invalid,

    /// <summary>The caller has no say here (wrong role, another wijk): 403.</summary>
    Forbidden,

    /// <summary>There is no such thing in this municipality: 404.</summary>
    NotFound,

    /// <summary>The current state forbids it: 409.</summary>
    Conflict,
}

/// <summary>
/// A domain rule said no. Thrown before anything is changed, so nothing is stored; the service
/// defaults turn it into problem details, the same way in every service.
/// </summary>
public sealed class RuleException : Exception
{
    public RuleException()
    {
    }

    public RuleException(string message)
        : base(message)
    {
    }

    public RuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private RuleException(RuleKind kind, string message, string? field, IReadOnlyDictionary<string, object?>? details)
        : base(message)
    {
        Kind = kind;
        Field = field;
        Details = details;
    }

    public RuleKind Kind { get; } = RuleKind.Conflict;

    /// <summary>The request field the rule is about, as the client wrote it (camelCase), for <see cref="RuleKind.Invalid"/>.</summary>
    public string? Field { get; }

    /// <summary>What else the client needs to act on the answer (e.g. the current status and the allowed moves); problem extensions.</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; }

    public static RuleException Invalid(string field, string message) => new(RuleKind.Invalid, message, field, null);

    public static RuleException Forbidden(string message) => new(RuleKind.Forbidden, message, null, null);

    public static RuleException NotFound(string message) => new(RuleKind.NotFound, message, null, null);

    public static RuleException Conflict(string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RuleKind.Conflict, message, null, details);
}
