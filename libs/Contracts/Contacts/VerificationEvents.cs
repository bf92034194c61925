namespace Buurt.Contracts.Contacts;

/// <summary>
/// A listing of the wijk network was last confirmed over a year ago: its contact is asked "is this
/// still right?". The notifications service mails <c>Email</c> in <c>Language</c> about the listing
/// <c>ListingName</c> (<c>ListingKind</c>: organisation or person; <c>ListingId</c>), last confirmed
/// on <c>LastVerifiedAt</c>, with the link <c>LinkPath</c> below the municipality's own address
/// (<c>api/contacts/v1/verification-links/{token}</c>): it shows the listing, and its button (a POST)
/// confirms it. Raised once a year per listing, by one replica (claimed in the database). The token
/// is a secret (see <see cref="ICarriesSecret"/>).
/// </summary>
public sealed record ListingVerificationDue(
    string TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    string ListingKind,
    Guid ListingId,
    string ListingName,
    string Email,
    string Language,
    DateTimeOffset LastVerifiedAt,
    string LinkPath) : IIntegrationEvent, ICarriesSecret;
