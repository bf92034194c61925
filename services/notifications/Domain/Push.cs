using Buurt.ServiceDefaults.Domain;

namespace Buurt.Notifications.Domain;

/// <summary>
/// A browser's Web Push subscription (the installed web app on a phone): the push service's
/// endpoint and the keys the message is encrypted for (RFC 8291). One person may have several
/// (each device); an endpoint belongs to one person. Removed when the push service says it is gone.
/// </summary>
public sealed class PushSubscription
{
    public const int MaxEndpointLength = 1000;

    private PushSubscription()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid AccountId { get; private set; }

    public string Endpoint { get; private set; } = "";

    /// <summary>The browser's P-256 public key (65 bytes, base64url).</summary>
    public string P256dh { get; private set; } = "";

    /// <summary>The browser's authentication secret (16 bytes, base64url).</summary>
    public string Auth { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Quiet hours of this device, in the municipality's zone: pushes wait until they end (from 22:00 until 07:00 spans midnight).</summary>
    public TimeOnly? QuietFrom { get; private set; }

    public TimeOnly? QuietUntil { get; private set; }

    /// <summary>
    /// When a push made at <paramref name="now"/> may go: now, or the end of the quiet hours it falls in
    /// (wall time in <paramref name="zone"/>, so 07:00 stays 07:00 across the clock changes).
    /// </summary>
    public DateTimeOffset DueAt(DateTimeOffset now, string zone)
    {
        if (QuietFrom is not { } from || QuietUntil is not { } until || from == until)
        {
            return now;
        }
        var tz = NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) ?? NodaTime.DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var local = NodaTime.Instant.FromDateTimeOffset(now).InZone(tz).LocalDateTime;
        var time = TimeOnly.FromTimeSpan(new TimeSpan(local.Hour, local.Minute, local.Second));
        var quiet = from < until ? time >= from && time < until : time >= from || time < until;
        if (!quiet)
        {
            return now;
        }
        var endDate = from < until || time < until ? local.Date : local.Date.PlusDays(1);
        var end = endDate.At(new NodaTime.LocalTime(until.Hour, until.Minute));
        return tz.AtLeniently(end).ToDateTimeOffset();
    }

    /// <summary>A subscription as the browser's PushSubscription.toJSON() gives it; anything malformed is a 400 naming the field.</summary>
    /// <remarks><paramref name="pushServices"/>: the hosts the endpoint may name (<c>*.</c> for a domain's sub-hosts).</remarks>
    public static PushSubscription Of(string tenantId, Guid accountId, string? endpoint, string? p256dh, string? auth, DateTimeOffset now,
        IReadOnlyList<string> pushServices, string? quietFrom = null, string? quietUntil = null)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback
            || endpoint!.Length > MaxEndpointLength)
        {
            throw RuleException.Invalid("endpoint", $"The push service's address: an absolute https URL of at most {MaxEndpointLength} characters.");
        }
        if (!pushServices.Any(host => IsHost(uri, host)))
        {
            throw RuleException.Invalid("endpoint", $"'{uri.Host}' is not a push service this municipality sends to ({string.Join(", ", pushServices)}).");
        }
        if (Base64UrlLength(p256dh) != 65 || Base64Url(p256dh!)[0] != 4)
        {
            throw RuleException.Invalid("keys.p256dh", "The browser's P-256 public key: 65 bytes (uncompressed point), base64url.");
        }
        if (Base64UrlLength(auth) != 16)
        {
            throw RuleException.Invalid("keys.auth", "The browser's authentication secret: 16 bytes, base64url.");
        }
        return new PushSubscription
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            AccountId = accountId,
            Endpoint = endpoint,
            P256dh = p256dh!,
            Auth = auth!,
            CreatedAt = now,
            QuietFrom = Hour(quietFrom, "quietFrom", quietUntil is not null),
            QuietUntil = Hour(quietUntil, "quietUntil", quietFrom is not null),
        };
    }

    private static bool IsHost(Uri uri, string host) => host.StartsWith("*.", StringComparison.Ordinal)
        ? uri.Host.EndsWith(host[1..], StringComparison.OrdinalIgnoreCase)
        : string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase);

    private static TimeOnly? Hour(string? text, string field, bool other)
    {
        if (text is null)
        {
            return other ? throw RuleException.Invalid(field, "Quiet hours have a start and an end (quietFrom and quietUntil), or neither.") : null;
        }
        return TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var hour)
            ? hour
            : throw RuleException.Invalid(field, $"'{text}' is not a time of day such as 22:00.");
    }

    private static int Base64UrlLength(string? text)
    {
        try
        {
            return text is { Length: > 0 and < 200 } ? Base64Url(text).Length : -1;
        }
        catch (FormatException)
        {
            return -1;
        }
    }

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('='));
}

/// <summary>
/// A push message waiting to go to one subscription, written in the consumer's transaction like a
/// mail. At most one per event and subscription (a unique key). Its text is short: the subject, and
/// the link the app opens.
/// </summary>
public sealed class OutgoingPush
{
    private OutgoingPush()
    {
    }

    public Guid Id { get; private set; }

    public long Sequence { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid EventId { get; private set; }

    public Guid AccountId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string? Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Given up on after the last try (the push service kept failing); kept for the figures, never sent.</summary>
    public DateTimeOffset? GivenUpAt { get; private set; }

    public string? LastError { get; private set; }

    public static OutgoingPush Queue(Message message, PushSubscription subscription, string title, string body, string? link, DateTimeOffset now, DateTimeOffset dueAt) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = subscription.TenantId,
        EventId = message.EventId,
        AccountId = subscription.AccountId,
        SubscriptionId = subscription.Id,
        Kind = message.Kind,
        Title = title.Length > 300 ? title[..300] : title,
        Body = body.Length > 1000 ? body[..1000] : body,
        Link = link,
        CreatedAt = now,
        NextAttemptAt = dueAt,
    };

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
    }

    /// <summary>The push service failed (not "gone"): try again after a back-off, or give up after the last try.</summary>
    public void RecordFailure(string error, DateTimeOffset now, MailRetry retry)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= retry.MaxAttempts)
        {
            GivenUpAt = now;
        }
        else
        {
            NextAttemptAt = now + retry.Backoff(Attempts);
        }
    }
}
