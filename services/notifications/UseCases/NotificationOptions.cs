using Buurt.Notifications.Domain;

namespace Buurt.Notifications.UseCases;

/// <summary>Settings of the notifications service (section "Notifications").</summary>
public sealed class NotificationOptions
{
    /// <summary>
    /// The address of a municipality's pages, with <c>{host}</c> for its first host name: links in
    /// mails (an initiative, one-click unsubscribe) start with it. "https://{host}/" in production.
    /// </summary>
    public string Links { get; set; } = "https://{host}/";

    /// <summary>The sender of every municipality's mail, unless <see cref="Senders"/> names one of its own.</summary>
    public string SenderAddress { get; set; } = "noreply@buurt.example";

    /// <summary>Per municipality (slug) the address its mails come from ("Notifications:Senders:hilversum").</summary>
    public Dictionary<string, string> Senders { get; set; } = [];

    /// <summary>
    /// Per municipality (slug) the Dapr output binding its mail goes through instead of SMTP
    /// ("Notifications:MailBindings:hilversum": "smtp"); a municipality not named here uses SMTP.
    /// </summary>
    public Dictionary<string, string> MailBindings { get; set; } = [];

    /// <summary>
    /// Per municipality (slug) the Dapr output binding its text messages go through
    /// ("Notifications:SmsBindings:hilversum": "sms", a <c>bindings.twilio.sms</c>); only a municipality
    /// named here has the SMS channel.
    /// </summary>
    public Dictionary<string, string> SmsBindings { get; set; } = [];

    /// <summary>The municipality's SMS binding, or null: it sends no text messages.</summary>
    public string? SmsBindingOf(string tenantId) => SmsBindings.GetValueOrDefault(tenantId) is { Length: > 0 } binding ? binding : null;

    /// <summary>Tries for a mail the SMTP server refuses, before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The hour (local, in each municipality's zone) from which its daily digest goes out.</summary>
    public int DigestHour { get; set; } = 8;

    /// <summary>How often the digest job looks whether a municipality's digest is due.</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest pause of a lane of the sender between tries while its way out (SMTP server, sidecar) is unreachable.</summary>
    public TimeSpan MaxOutagePause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each lane of the sender looks for due rows when it found none (other replicas, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often old messages are deleted and identity's tenant list is read again.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A password or invitation code is useless after a day (identity's token lifetime): a mail
    /// with one that could not be sent by then is deleted, never sent late.
    /// </summary>
    public TimeSpan SecretLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// From this many recipients on, an announcement's new rows are copied (binary COPY) instead of
    /// tracked and inserted by EF. The fan-out benchmark sets it out of reach to measure EF's way beside it.
    /// </summary>
    public int BulkFrom { get; set; } = DefaultBulkFrom;

    public const int DefaultBulkFrom = 50;

    /// <summary>
    /// Mails the sender claims, sends over its open connection and marks per transaction. A crash
    /// between the server taking them and the commit sends at most this many again; 1 is the old
    /// one-per-transaction way (the delivery benchmark's baseline).
    /// </summary>
    public int MailBatchSize { get; set; } = 50;

    public MailRetry Retry => new(MaxAttempts, MinBackoff, MaxBackoff);

    public Sender SenderOf(Municipality? municipality, string tenantId) =>
        new(Senders.GetValueOrDefault(tenantId) ?? SenderAddress, municipality?.Name ?? "Buurt");

    /// <summary>The municipality's address for a path ("initiatives/{id}").</summary>
    public string LinkTo(Municipality? municipality, string tenantId, string path) =>
        Links.Replace("{host}", municipality?.Host ?? tenantId, StringComparison.Ordinal).TrimEnd('/') + "/" + path.TrimStart('/');
}
