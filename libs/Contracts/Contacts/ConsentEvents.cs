namespace Buurt.Contracts.Contacts;

/// <summary>
/// A person consented to showing some of their own contact points (<c>ContactPointIds</c>) to
/// <c>Visibility</c> (public, residents or network), under consent text <c>TextVersion</c>, given
/// by <c>Basis</c> (in-person, email-link or on-platform). No contact details travel: only ids.
/// </summary>
public sealed record ConsentGiven(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConsentId,
    Guid PersonId,
    IReadOnlyList<Guid> ContactPointIds,
    string Visibility,
    string Basis,
    string TextVersion) : IIntegrationEvent;

/// <summary>A consent was withdrawn; the contact points it covered are no longer shown beyond staff (unless another consent covers them).</summary>
public sealed record ConsentWithdrawn(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConsentId,
    Guid PersonId) : IIntegrationEvent;

/// <summary>
/// A person's data was erased on a GDPR request: their name, contact points and consent records are
/// gone from contacts. Whoever keeps a copy of their name (from <c>AssignmentRegistered</c>) erases it too.
/// </summary>
public sealed record PersonErased(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PersonId) : IIntegrationEvent;

/// <summary>
/// A person consented and gets a link to withdraw that consent without an account: the notifications
/// service mails <c>Email</c> (the person's own address) in <c>Language</c> ("nl" or "en"), naming
/// <c>PersonName</c>, what the consent shows (<c>ContactPointKinds</c>: phone, email, ... to
/// <c>Visibility</c>), and the link: <c>LinkPath</c> below the municipality's own address
/// (<c>api/contacts/v1/consent-links/{token}</c>). Opening it shows what would be withdrawn; only its
/// button (a POST) withdraws. The token is a secret (see <see cref="ICarriesSecret"/>); contacts keeps
/// only its hash.
/// </summary>
public sealed record ConsentWithdrawalLinkIssued(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConsentId,
    Guid PersonId,
    string PersonName,
    string Email,
    string Language,
    IReadOnlyList<string> ContactPointKinds,
    string Visibility,
    string LinkPath) : IIntegrationEvent, ICarriesSecret;
