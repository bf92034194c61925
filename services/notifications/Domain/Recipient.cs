namespace Buurt.Notifications.Domain;

/// <summary>
/// The notifications service's copy of an account (identity owns it): where to write, how to greet,
/// in which language, and the roles and wijken that decide what staff hear. Kept from identity's
/// account events; the newest state wins (<see cref="AsOf"/>). An erased account keeps only its id
/// and the time, so that a late or replayed event cannot bring the address back.
/// </summary>
public sealed class Recipient
{
    private Recipient()
    {
    }

    public Guid AccountId { get; private set; }

    public string TenantId { get; private set; } = "";

    /// <summary>Null once erased.</summary>
    public string? Email { get; private set; }

    public string DisplayName { get; private set; } = "";

    /// <summary>A mobile number in E.164 for text messages, if the person gave one; null once erased.</summary>
    public string? PhoneNumber { get; private set; }

    /// <summary>"nl" or "en".</summary>
    public string Language { get; private set; } = "nl";

    public List<string> Roles { get; private set; } = [];

    /// <summary>The wijk a resident lives in, or the wijken a staff member works for.</summary>
    public List<Guid> Wijken { get; private set; } = [];

    /// <summary>A random key in unsubscribe links: it names the account without being its id.</summary>
    public string UnsubscribeToken { get; private set; } = "";

    /// <summary>When the state this copy holds was true at identity.</summary>
    public DateTimeOffset AsOf { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    public bool IsErased => ErasedAt is not null;

    /// <summary>A copy of an account, first seen in an event that happened at <paramref name="asOf"/>.</summary>
    public static Recipient From(string tenantId, AccountState state, DateTimeOffset asOf)
    {
        var recipient = new Recipient
        {
            AccountId = state.AccountId,
            TenantId = tenantId,
            UnsubscribeToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            AsOf = DateTimeOffset.MinValue,
        };
        recipient.Apply(state, asOf);
        return recipient;
    }

    /// <summary>Takes the account's state unless this copy already has a newer one, or the account was erased. True when taken.</summary>
    public bool Apply(AccountState state, DateTimeOffset asOf)
    {
        if (IsErased || asOf < AsOf)
        {
            return false;
        }
        Email = state.Email.Trim();
        PhoneNumber = state.PhoneNumber is { Length: > 0 } phone ? phone.Trim() : null;
        DisplayName = state.DisplayName.Trim();
        Language = state.Language == "en" ? "en" : "nl";
        Roles = [.. state.Roles.Distinct()];
        Wijken = [.. state.Wijken.Distinct()];
        AsOf = asOf;
        return true;
    }

    /// <summary>Forgets the address and the name; the id stays as a tombstone.</summary>
    public void Erase(DateTimeOffset at)
    {
        Email = null;
        PhoneNumber = null;
        DisplayName = "";
        Roles = [];
        Wijken = [];
        ErasedAt ??= at;
        AsOf = at > AsOf ? at : AsOf;
    }

    /// <summary>An erased account nobody knew yet: a tombstone from the start.</summary>
    public static Recipient Tombstone(string tenantId, Guid accountId, DateTimeOffset at)
    {
        var recipient = new Recipient { AccountId = accountId, TenantId = tenantId, UnsubscribeToken = "", AsOf = at };
        recipient.Erase(at);
        return recipient;
    }
}

/// <summary>An account as identity's events describe it.</summary>
public sealed record AccountState(Guid AccountId, string Email, string DisplayName, string Language, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken,
    string? PhoneNumber = null);
