using System.Net.Sockets;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Buurt.Notifications.Messaging;

/// <summary>Where mail goes (section "Smtp").</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server (a relay of the municipality or the operator; smtp4dev locally).</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 2525;

    /// <summary>none, starttls (required), tls (implicit, port 465) or auto.</summary>
    public string Security { get; set; } = "none";

    /// <summary>Sign in with these when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// One MailKit SMTP connection per sender loop, opened when the first mail is due and reused until
/// a failure or an idle pause. Errors are sorted: the server or the way to it failing is
/// <see cref="MailServerUnreachableException"/> (the mail waits, nothing is spent); the server
/// saying no to the mail is <see cref="MailRefusedException"/>.
/// </summary>
public sealed class SmtpConnections(IOptions<SmtpOptions> options) : IMailConnections, IMailConnection, IAsyncDisposable
{
    private readonly SmtpOptions _options = options.Value;
    private SmtpClient? _client;

    public async Task<IMailConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return this;
        }
        await ResetAsync();
        var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, SecurityOf(_options.Security), cancellationToken);
            if (_options.UserName is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, _options.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (IsUnreachable(e) || e is AuthenticationException)
        {
            client.Dispose();
            throw new MailServerUnreachableException($"SMTP {_options.Host}:{_options.Port}: {e.Message}", e);
        }
        _client = client;
        return this;
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var client = _client ?? throw new InvalidOperationException("Not connected.");
        try
        {
            await client.SendAsync(Compose(mail), cancellationToken);
        }
        catch (SmtpCommandException e) when (e.StatusCode != SmtpStatusCode.ServiceNotAvailable)
        {
            // A 4xx or 5xx about this mail; the connection stays usable.
            throw new MailRefusedException($"{(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
        catch (Exception e) when (IsUnreachable(e) || e is SmtpCommandException)
        {
            throw new MailServerUnreachableException($"SMTP {_options.Host}:{_options.Port}: {e.Message}", e);
        }
    }

    public async Task ResetAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            try
            {
                if (client.IsConnected)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await client.DisconnectAsync(true, quick.Token);
                }
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                // Going away anyway.
            }
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(ResetAsync());

    /// <summary>
    /// The mail as it goes out: HTML and plain-text parts, the municipality as sender, our id as
    /// Message-ID, and for mail that is not transactional the one-click unsubscribe headers (RFC 8058).
    /// </summary>
    public static MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Date = mail.CreatedAt;
        var domain = mail.FromAddress.Split('@') is [_, var d] ? d : "buurt.example";
        message.MessageId = $"{mail.Id:N}@{domain}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        if (mail is { AttachmentName: { } name, AttachmentText: { } text })
        {
            // An .ics to add to a calendar (METHOD:PUBLISH: a copy of the event, not an invitation to answer).
            var calendar = new ContentType("text", "calendar") { Charset = "utf-8" };
            calendar.Parameters.Add("method", "PUBLISH");
            body.Attachments.Add(name, System.Text.Encoding.UTF8.GetBytes(text), calendar);
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static bool IsUnreachable(Exception e) =>
        e is SocketException or IOException or TimeoutException or ServiceNotConnectedException or SmtpProtocolException or OperationCanceledException;

    private static SecureSocketOptions SecurityOf(string security) => security.ToLowerInvariant() switch
    {
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.None,
    };
}
