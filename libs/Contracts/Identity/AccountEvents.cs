namespace Buurt.Contracts.Identity;

// Identity owns people's addresses and names (tokens carry neither). Services that must reach a
// person keep a copy from these events; AccountChanged always carries the account's whole current
// state, so a copy only needs the newest one.

/// <summary>
/// An account was made: a resident registered (<c>SelfRegistered</c>) or a tenant admin made a staff
/// account. <c>Language</c> is "nl" or "en"; <c>Roles</c> are the token's role names; <c>Wijken</c>
/// the wijk a resident lives in, or the wijken a director, alderman or partner works for.
/// </summary>
public sealed record AccountRegistered(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string Email,
    string DisplayName,
    string Language,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> Wijken,
    bool SelfRegistered) : IIntegrationEvent
{
    /// <summary>A mobile number for text messages, in E.164 (+316…), if the person gave one; null in events from before it existed.</summary>
    public string? PhoneNumber { get; init; }
}

/// <summary>
/// An account's name, language, phone number, roles or wijken changed; the whole current state. Identity also
/// publishes it for every account of a municipality when a copy asks to catch up
/// (<c>Buurt.Contracts.Notifications.AccountsReplayRequested</c>).
/// </summary>
public sealed record AccountChanged(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string Email,
    string DisplayName,
    string Language,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> Wijken) : IIntegrationEvent
{
    /// <summary>A mobile number for text messages, in E.164 (+316…), or null: none given, removed, or an event from before it existed.</summary>
    public string? PhoneNumber { get; init; }
}

/// <summary>The account was erased at its owner's request: copies forget the address and the name.</summary>
public sealed record AccountErased(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId) : IIntegrationEvent;

/// <summary>
/// Someone asked for a new password for an account: the notifications service mails <c>Code</c> to
/// <c>Email</c> in <c>Language</c>. The code is a secret (see <see cref="ICarriesSecret"/>).
/// </summary>
public sealed record PasswordResetRequested(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string Email,
    string DisplayName,
    string Language,
    string Code) : IIntegrationEvent, ICarriesSecret;

/// <summary>
/// A tenant admin made a staff account: the new colleague gets <c>Code</c> by mail to choose a
/// password with. The code is a secret (see <see cref="ICarriesSecret"/>).
/// </summary>
public sealed record StaffInvited(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string Email,
    string DisplayName,
    string Language,
    string Code) : IIntegrationEvent, ICarriesSecret;
