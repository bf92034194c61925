using System.Security.Cryptography;

namespace Buurt.Calendar.Domain;

/// <summary>
/// The secret of a person's private feed address (one per person), kept as its SHA-256 hash: the
/// token is shown once, when made; making a new one or revoking ends the old address.
/// </summary>
public sealed class FeedToken
{
    private FeedToken()
    {
    }

    public string TenantId { get; private set; } = "";

    public Guid AccountId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A new feed address for the person: the row and the token (given only now).</summary>
    public static (FeedToken Feed, string Token) Create(string tenantId, Guid accountId, DateTimeOffset now)
    {
        var token = NewSecret();
        return (new FeedToken { TenantId = tenantId, AccountId = accountId, TokenHash = Booking.HashOf(token), CreatedAt = now }, token);
    }

    /// <summary>256 random bits, URL-safe.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
