namespace Buurt.ServiceDefaults.Domain;

/// <summary>
/// Who acts, as their token says: the user (none for an anonymous caller or a machine client),
/// their roles and the wijken they live in or work for. Each service's own actor derives from it
/// and decides who may do what there; this part is the same everywhere.
/// </summary>
public abstract class TokenActor
{
    private readonly HashSet<string> _roles;

    protected TokenActor(Guid? userId, IEnumerable<string> roles, IEnumerable<Guid> wijken)
    {
        UserId = userId;
        _roles = [.. roles];
        Wijken = [.. wijken];
    }

    /// <summary>The user's id (the token's <c>sub</c>), if a person acts.</summary>
    public Guid? UserId { get; }

    /// <summary>The user's id; what needs a person is refused to a machine client (403).</summary>
    public Guid Id => UserId ?? throw RuleException.Forbidden("This needs a signed-in person, not a machine client.");

    /// <summary>The wijken the user lives in or works for.</summary>
    public IReadOnlyList<Guid> Wijken { get; }

    public bool HasRole(string role) => _roles.Contains(role);
}
