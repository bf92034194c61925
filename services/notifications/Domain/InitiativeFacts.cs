namespace Buurt.Notifications.Domain;

/// <summary>
/// What this service remembers of an initiative from the initiatives' events, for the events that
/// do not say it themselves (the budget's answers, an overdue answer): whose it is, its title, its wijk.
/// </summary>
public sealed class InitiativeFacts
{
    private InitiativeFacts()
    {
    }

    public Guid InitiativeId { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid AreaId { get; private set; }

    public Guid InitiatorId { get; private set; }

    public string Title { get; private set; } = "";

    public static InitiativeFacts Of(string tenantId, Guid initiativeId, Guid areaId, Guid initiatorId, string title) => new()
    {
        InitiativeId = initiativeId,
        TenantId = tenantId,
        AreaId = areaId,
        InitiatorId = initiatorId,
        Title = title,
    };

    /// <summary>A later event's title (the initiators may edit it before review).</summary>
    public void Retitle(string title) => Title = title;
}

/// <summary>A municipality as the mails name it, from identity's tenant list.</summary>
public sealed class Municipality
{
    private Municipality()
    {
    }

    public string TenantId { get; private set; } = "";

    /// <summary>"Gemeente Hilversum".</summary>
    public string Name { get; private set; } = "";

    /// <summary>The first host name: where the links in its mails point.</summary>
    public string Host { get; private set; } = "";

    /// <summary>Whether identity was asked to replay the municipality's accounts for the copy.</summary>
    public DateTimeOffset? AccountsReplayRequestedAt { get; private set; }

    public static Municipality Of(string tenantId, string name, string host) => new() { TenantId = tenantId, Name = name, Host = host };

    public void Rename(string name, string host) => (Name, Host) = (name, host);

    public void AccountsReplayRequested(DateTimeOffset at) => AccountsReplayRequestedAt = at;
}
