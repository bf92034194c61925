namespace Buurt.Notifications.Domain;

/// <summary>
/// A mail waiting to go out, written in the same transaction as the event that caused it. The
/// sender takes them in <see cref="Sequence"/> order. While the SMTP server is unreachable nothing
/// is spent: mails wait in order. A mail the server refuses is tried again later
/// (<see cref="MailRetry"/>) and, after its last try, dead-lettered: kept, visible, replayable.
/// At most one per event, account and channel (a unique key: the delivery key of e-mail and of SMS).
/// A text message (<see cref="Channel"/> <see cref="Channel.Sms"/>) waits in the same table with the
/// same tries, back-off and replay, but in a lane of its own (the sender claims per channel, each in
/// its own order): <see cref="To"/> is the number, <see cref="TextBody"/> the text.
/// </summary>
public sealed class OutgoingMail
{
    private OutgoingMail()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The queue's order (an identity column); each lane (channel) is sent in it.</summary>
    public long Sequence { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid EventId { get; private set; }

    public Guid AccountId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary><see cref="Channel.Email"/>, or <see cref="Channel.Sms"/> for a text message.</summary>
    public Channel Channel { get; private set; } = Channel.Email;

    public string To { get; private set; } = "";

    public string FromAddress { get; private set; } = "";

    public string FromName { get; private set; } = "";

    public string Subject { get; private set; } = "";

    /// <summary>Blank once a mail that carries a secret was sent.</summary>
    public string TextBody { get; private set; } = "";

    public string HtmlBody { get; private set; } = "";

    /// <summary>The one-click unsubscribe address (List-Unsubscribe); null for transactional mail.</summary>
    public string? UnsubscribeUrl { get; private set; }

    /// <summary>A code or a link with a secret token is in the body: blanked once sent, never shown to an operator.</summary>
    public bool CarriesSecret { get; private set; }

    /// <summary>The attached file's name and text (an .ics), if any.</summary>
    public string? AttachmentName { get; private set; }

    public string? AttachmentText { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? DeadLetteredAt { get; private set; }

    public string? LastError { get; private set; }

    public static OutgoingMail Queue(Message message, Recipient recipient, string to, Sender sender, RenderedMessage rendered, string? unsubscribeUrl,
        MailAttachment? attachment, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = recipient.TenantId,
        EventId = message.EventId,
        AccountId = recipient.AccountId,
        Kind = message.Kind,
        To = to,
        FromAddress = sender.Address,
        FromName = sender.Name,
        Subject = rendered.Subject,
        TextBody = rendered.Text,
        HtmlBody = rendered.Html,
        UnsubscribeUrl = message.Kind.IsTransactional() ? null : unsubscribeUrl,
        CarriesSecret = message.Kind.CarriesSecret() || message.SecretPath is not null,
        AttachmentName = attachment?.FileName,
        AttachmentText = attachment?.Text,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>A text message to <paramref name="phoneNumber"/> (E.164), in the same table as mail, in its own lane.</summary>
    public static OutgoingMail Text(Message message, Recipient recipient, string phoneNumber, string municipality, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = recipient.TenantId,
        EventId = message.EventId,
        AccountId = recipient.AccountId,
        Kind = message.Kind,
        Channel = Channel.Sms,
        To = phoneNumber,
        FromName = municipality,
        TextBody = text,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>Delivered to the SMTP server. A secret's body is blanked: the code lives on only in the person's mailbox.</summary>
    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
        if (CarriesSecret)
        {
            TextBody = "";
            HtmlBody = "";
        }
    }

    /// <summary>Why a text was not sent (its dead letter's last error).</summary>
    public const string NoNumber = "Not sent: the account has no mobile number any more (removed after the text was queued).";

    /// <summary>
    /// A text goes to the number the account has when it is sent, not the one it was queued with (the
    /// resident may have changed or removed it while the text waited). Without one it is not sent:
    /// dead-lettered at once with <see cref="NoNumber"/>, the old number blanked, no try spent; a replay
    /// looks again. False when it is not to be sent.
    /// </summary>
    public bool AddressTo(string? phoneNumber, DateTimeOffset now)
    {
        if (phoneNumber is { Length: > 0 })
        {
            To = phoneNumber;
            return true;
        }
        To = "";
        LastError = NoNumber;
        DeadLetteredAt = now;
        return false;
    }

    /// <summary>The server refused this mail: try again after a back-off, or give up after the last try.</summary>
    public void RecordRefusal(string error, DateTimeOffset now, MailRetry retry)
    {
        Attempts++;
        LastError = Shortened(error);
        if (Attempts >= retry.MaxAttempts)
        {
            DeadLetteredAt = now;
        }
        else
        {
            NextAttemptAt = now + retry.Backoff(Attempts);
        }
    }

    /// <summary>The server could not be reached: no try is spent, the mail keeps its place.</summary>
    public void RecordOutage(string error) => LastError = Shortened(error);

    /// <summary>An operator sends a dead-lettered mail again, with fresh tries.</summary>
    public bool Replay(DateTimeOffset now)
    {
        if (DeadLetteredAt is null)
        {
            return false;
        }
        DeadLetteredAt = null;
        Attempts = 0;
        NextAttemptAt = now;
        return true;
    }

    private static string Shortened(string error) => error.Length > 2000 ? error[..2000] : error;
}

/// <summary>Who a municipality's mails come from.</summary>
public sealed record Sender(string Address, string Name);

/// <summary>How often a refused mail is tried and how long between tries (doubling from the minimum up to the maximum).</summary>
public sealed record MailRetry(int MaxAttempts, TimeSpan MinBackoff, TimeSpan MaxBackoff)
{
    public TimeSpan Backoff(int attempt) => ServiceDefaults.Domain.Backoff.Doubling(attempt, MinBackoff, MaxBackoff);
}
