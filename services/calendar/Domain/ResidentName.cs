namespace Buurt.Calendar.Domain;

/// <summary>
/// The calendar's copy of an account's display name (identity's <c>AccountRegistered</c> and
/// <c>AccountChanged</c>), so the wijk's planners see who registered or booked. Access tokens carry
/// no name, so the copy is the only way. An erased account keeps its row without a name: a late or
/// replayed event cannot bring the name back.
/// </summary>
public sealed class ResidentName
{
    public const int MaxLength = 200;

    private ResidentName()
    {
    }

    public ResidentName(string tenantId, Guid accountId)
    {
        TenantId = tenantId;
        AccountId = accountId;
    }

    public string TenantId { get; private set; } = "";

    public Guid AccountId { get; private set; }

    /// <summary>The name as identity has it; null once erased.</summary>
    public string? DisplayName { get; private set; }

    /// <summary>As of when the name is (the event's <c>OccurredAt</c>): an older event changes nothing.</summary>
    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    public bool Erased { get; private set; }

    /// <summary>The account's name as of <paramref name="at"/>, unless the copy is newer or the account was erased.</summary>
    public void Take(string? displayName, DateTimeOffset at)
    {
        if (Erased || at <= AsOf)
        {
            return;
        }
        var name = displayName?.Trim();
        DisplayName = string.IsNullOrEmpty(name) ? null : name.Length > MaxLength ? name[..MaxLength] : name;
        AsOf = at;
    }

    /// <summary>The account was erased: its name is forgotten for good.</summary>
    public void Erase(DateTimeOffset at)
    {
        Erased = true;
        DisplayName = null;
        AsOf = at > AsOf ? at : AsOf;
    }
}

/// <summary>
/// When the calendar asked identity to tell it every account of a municipality (<c>AccountsReplayRequested</c>):
/// once, when its copy of the names is new; after that the events keep it current. The row is claimed
/// in the transaction that puts the request into the outbox (<c>Data/ResidentNameQueries.ClaimNamesRequestAsync</c>).
/// </summary>
public sealed class ResidentNamesRequested
{
    private ResidentNamesRequested()
    {
    }

    public string TenantId { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }
}
