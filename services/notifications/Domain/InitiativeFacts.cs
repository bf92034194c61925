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

    /// <summary>Its IANA time zone: the digest goes out at 08:00 there.</summary>
    public string TimeZone { get; private set; } = "Europe/Amsterdam";

    /// <summary>The local day whose digest went out last.</summary>
    public DateOnly? LastDigestOn { get; private set; }

    /// <summary>Whether identity was asked to replay the municipality's accounts for the copy.</summary>
    public DateTimeOffset? AccountsReplayRequestedAt { get; private set; }

    public static Municipality Of(string tenantId, string name, string host, string timeZone) =>
        new() { TenantId = tenantId, Name = name, Host = host, TimeZone = timeZone };

    public void Rename(string name, string host, string timeZone) => (Name, Host, TimeZone) = (name, host, timeZone);

    /// <summary>
    /// The local day whose digest is due at <paramref name="now"/>: today once it is
    /// <paramref name="hour"/> o'clock here and today's went out not yet; otherwise none.
    /// </summary>
    public DateOnly? DigestDue(DateTimeOffset now, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        var today = DateOnly.FromDateTime(local.DateTime);
        return local.Hour >= hour && LastDigestOn != today ? today : null;
    }

    /// <summary>The instant of <paramref name="hour"/> o'clock on a local day: what a digest of that day holds came before it.</summary>
    public DateTimeOffset DigestCutoff(DateOnly day, int hour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public void DigestSent(DateOnly day) => LastDigestOn = day;

    public void AccountsReplayRequested(DateTimeOffset at) => AccountsReplayRequestedAt = at;
}
