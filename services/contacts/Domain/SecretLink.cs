using System.Security.Cryptography;
using System.Text;

namespace Buurt.Contacts.Domain;

/// <summary>What a link with a secret token lets its holder do, without signing in.</summary>
public enum LinkPurpose
{
    /// <summary>Withdraw one consent (people without an account get it by e-mail when they consent).</summary>
    ConsentWithdrawal,

    /// <summary>
    /// Keep a listing current: confirm that it is still right (an organisation or a person) and, for an
    /// organisation, correct its description and contact points as its partners may. Mailed yearly
    /// ("is this still right?") or when a keeper sends it; it lives <see cref="Verification.LinkLifetime"/>.
    /// </summary>
    ListingVerification,
}

/// <summary>
/// A link sent by e-mail that acts for its holder: the token is the proof, as the mailbox was. Only
/// the token's SHA-256 is kept, so the database (or a backup) opens no link; the token itself
/// travels once, in an event the notifications service mails and its outbox blanks.
/// </summary>
public sealed class SecretLink
{
    private SecretLink()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public LinkPurpose Purpose { get; private set; }

    /// <summary>The token's SHA-256 (hex), the only way to find the link.</summary>
    public string TokenHash { get; private set; } = "";

    public Guid? PersonId { get; private set; }

    public Guid? OrganisationId { get; private set; }

    /// <summary>For a withdrawal link: the consent it withdraws.</summary>
    public Guid? ConsentId { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>After this the link opens nothing (404); null: it does not expire (a consent's withdrawal link, the consent's receipt).</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>When it did what it is for; a used link only shows that it was used.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>A link for <paramref name="purpose"/>, and its token (shown once: only its hash is kept).</summary>
    public static (SecretLink Link, string Token) Issue(
        string tenantId, LinkPurpose purpose, Guid? personId, Guid? organisationId, Guid? consentId, DateTimeOffset now, TimeSpan? lifetime = null)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new SecretLink
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Purpose = purpose,
            TokenHash = Hash(token),
            PersonId = personId,
            OrganisationId = organisationId,
            ConsentId = consentId,
            IssuedAt = now,
            ExpiresAt = now + lifetime,
        }, token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The path (below the municipality's address) that opens a link; notifications puts its host in front.</summary>
    public static string PathOf(LinkPurpose purpose, string token) => purpose switch
    {
        LinkPurpose.ConsentWithdrawal => $"api/contacts/v1/consent-links/{token}",
        _ => $"api/contacts/v1/verification-links/{token}",
    };

    public void MarkUsed(DateTimeOffset now) => UsedAt ??= now;
}
