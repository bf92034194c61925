using Buurt.Contracts.Contacts;

namespace Buurt.Contacts.Domain;

/// <summary>What a verification request is about: an organisation's listing or a person's.</summary>
public enum ListingKind
{
    Organisation,
    Person,
}

/// <summary>
/// Keeping the network current: every listing (an organisation, a person) has a "last verified"
/// date. A year after it, its contact is asked "is this still right?" (once a year); four weeks
/// later still unconfirmed, the listing is flagged to staff.
/// </summary>
public static class Verification
{
    /// <summary>How long a confirmation holds.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromDays(365);

    /// <summary>How long the contact has to answer before staff see the listing flagged.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(28);

    /// <summary>
    /// How long a link to confirm or correct a listing works: as long as its contact has to answer before
    /// staff are told; after that the listing is the keepers', who can send a new link.
    /// </summary>
    public static readonly TimeSpan LinkLifetime = Grace;

    /// <summary>The listing's contact is to be asked: last confirmed a year ago, and not asked in the last year.</summary>
    public static bool IsDue(DateTimeOffset lastVerified, DateTimeOffset? requested, DateTimeOffset now) =>
        lastVerified <= now - Period && (requested is null || requested <= now - Period);

    /// <summary>Staff should look at it: a year and the grace have passed without a confirmation.</summary>
    public static bool IsFlagged(DateTimeOffset lastVerified, DateTimeOffset now) => lastVerified <= FlaggedBefore(now);

    /// <summary>Listings last verified at or before this are flagged.</summary>
    public static DateTimeOffset FlaggedBefore(DateTimeOffset now) => now - Period - Grace;

    /// <summary>
    /// The "is this still right?" request: a confirmation link for the listing and the event that mails
    /// it to <paramref name="email"/>; null when there is no address to ask (the listing is flagged in time).
    /// </summary>
    public static (SecretLink Link, ListingVerificationDue Due)? Request(
        string tenantId, ListingKind kind, Guid id, string name, string? email, DateTimeOffset lastVerified, DateTimeOffset now)
    {
        if (email is null)
        {
            return null;
        }
        var (link, token) = SecretLink.Issue(tenantId, LinkPurpose.ListingVerification,
            kind == ListingKind.Person ? id : null, kind == ListingKind.Organisation ? id : null, null, now, LinkLifetime);
        return (link, new ListingVerificationDue(tenantId, Guid.CreateVersion7(now), now, ApiNames.Of(kind), id, name, email, Person.Language,
            lastVerified, SecretLink.PathOf(LinkPurpose.ListingVerification, token)));
    }
}
