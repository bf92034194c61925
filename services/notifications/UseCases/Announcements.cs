using Buurt.ICalendar;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.UseCases;

/// <summary>
/// Turns what happened into notifications: who hears it, on which channels (their preferences),
/// in their words. Runs in the consumer's transaction: the in-app notifications and the queued
/// mails commit with the message's inbox record, or not at all. Each (event, person, channel) is
/// made once: a delivery that exists is skipped, and a unique key refuses a second one a racing
/// replica might write (its transaction fails and its retry finds the first).
/// </summary>
public sealed class Announcements(NotificationsDbContext db, ITenantContext tenant, IOptions<NotificationOptions> options, NotificationMetrics metrics, TimeProvider time)
{
    private readonly NotificationOptions _options = options.Value;

    /// <summary>Tells <paramref name="recipients"/> about <paramref name="message"/> on each channel they want it on.</summary>
    public async Task AnnounceAsync(Message message, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        var reachable = recipients.Where(r => !r.IsErased && r.Email is not null).DistinctBy(r => r.AccountId).ToList();
        if (reachable.Count == 0)
        {
            return;
        }
        var tenantId = tenant.RequiredTenantId;
        var ids = reachable.Select(r => r.AccountId).ToList();
        var chosen = await db.Preferences.AsNoTracking()
            .Where(p => ids.Contains(p.AccountId) && p.Kind == message.Kind)
            .ToDictionaryAsync(p => (p.AccountId, p.Channel), p => p.Delivery, cancellationToken);
        var mailed = await db.Mails.Where(m => m.EventId == message.EventId && m.Channel == Channel.Email && ids.Contains(m.AccountId))
            .Select(m => m.AccountId).ToListAsync(cancellationToken);
        // Text messages only where the municipality has an SMS binding, for the kinds that suit one.
        var texts = _options.SmsBindingOf(tenantId) is not null && message.Kind.Channels().Contains(Channel.Sms);
        var texted = texts
            ? await db.Mails.Where(m => m.EventId == message.EventId && m.Channel == Channel.Sms && ids.Contains(m.AccountId)).Select(m => m.AccountId).ToListAsync(cancellationToken)
            : [];
        var notified = await db.Notifications.Where(n => n.EventId == message.EventId && ids.Contains(n.AccountId)).Select(n => n.AccountId).ToListAsync(cancellationToken);
        var pushedTo = await db.Pushes.Where(p => p.EventId == message.EventId && ids.Contains(p.AccountId)).Select(p => p.SubscriptionId).ToListAsync(cancellationToken);
        var devices = message.Kind.Channels().Contains(Channel.Push)
            ? (await db.PushSubscriptions.AsNoTracking().Where(p => ids.Contains(p.AccountId)).ToListAsync(cancellationToken)).ToLookup(p => p.AccountId)
            : Enumerable.Empty<PushSubscription>().ToLookup(p => p.AccountId);
        var held = await db.DigestItems.Where(i => i.EventId == message.EventId && ids.Contains(i.AccountId)).Select(i => i.AccountId).ToListAsync(cancellationToken);
        var municipality = await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var name = municipality?.Name ?? tenantId;
        var link = message.Link is null ? null : _options.LinkTo(municipality, tenantId, message.Link);
        var now = time.GetUtcNow();
        var attachment = Attachment(message, municipality, tenantId, name);
        var secretUrl = message.SecretPath is { } secret ? _options.LinkTo(municipality, tenantId, secret) : null;

        var notifications = new List<Notification>();
        var pushes = new List<OutgoingPush>();
        var mails = new List<OutgoingMail>();
        var digestItems = new List<DigestItem>();
        foreach (var recipient in reachable)
        {
            Delivery? Chosen(Channel channel) => message.Kind.Channels().Contains(channel)
                ? Preferences.Effective(message.Kind, chosen.TryGetValue((recipient.AccountId, channel), out var d) ? d : null)
                : null;
            bool Wants(Channel channel) => Chosen(channel) == Delivery.Immediately;

            if (Wants(Channel.InApp) && !notified.Contains(recipient.AccountId))
            {
                var inApp = MessageTexts.Render(message, recipient.DisplayName, recipient.Language, name, link, unsubscribeUrl: null);
                notifications.Add(Notification.For(message, recipient, inApp, now));
                metrics.Made(Channel.InApp.ApiName(), message.Kind.ApiName());
            }
            if (Wants(Channel.Push) && devices[recipient.AccountId].Where(d => !pushedTo.Contains(d.Id)).ToList() is { Count: > 0 } unsent)
            {
                var push = MessageTexts.Render(message, recipient.DisplayName, recipient.Language, name, link, unsubscribeUrl: null);
                foreach (var device in unsent)
                {
                    pushes.Add(OutgoingPush.Queue(message, device, push.Subject, MessageTexts.Summary(message, recipient.Language, name), link, now,
                        device.DueAt(now, municipality?.TimeZone ?? "Europe/Amsterdam")));
                }
                metrics.Made(Channel.Push.ApiName(), message.Kind.ApiName());
            }
            if (Wants(Channel.Email) && !mailed.Contains(recipient.AccountId))
            {
                var unsubscribe = message.Kind.IsTransactional()
                    ? null
                    : _options.LinkTo(municipality, tenantId, $"api/notifications/v1/unsubscribe/{recipient.UnsubscribeToken}/{message.Kind.ApiName()}");
                var mail = MessageTexts.Render(message, recipient.DisplayName, recipient.Language, name, link, unsubscribe, secretUrl);
                mails.Add(OutgoingMail.Queue(message, recipient, recipient.Email!, _options.SenderOf(municipality, tenantId), mail, unsubscribe, attachment, now));
                metrics.Made(Channel.Email.ApiName(), message.Kind.ApiName());
            }
            else if (Chosen(Channel.Email) == Delivery.Digest && !held.Contains(recipient.AccountId))
            {
                // Its subject now, in the reader's language; the digest gathers it at 08:00.
                var subject = MessageTexts.Render(message, recipient.DisplayName, recipient.Language, name, link, unsubscribeUrl: null);
                digestItems.Add(DigestItem.Hold(message, recipient, subject, link, now));
                metrics.Made("digest", message.Kind.ApiName());
            }
            if (texts && recipient.PhoneNumber is { } phone && Wants(Channel.Sms) && !texted.Contains(recipient.AccountId))
            {
                mails.Add(OutgoingMail.Text(message, recipient, phone, name, MessageTexts.Sms(message, recipient.Language, name), now));
                metrics.Made(Channel.Sms.ApiName(), message.Kind.ApiName());
            }
        }
        await StoreAsync(reachable.Count, notifications, pushes, mails, digestItems, cancellationToken);
    }

    /// <summary>
    /// Adds what was made to the consumer's transaction. A few rows go through EF with the rest of
    /// the consumer's change; a large fan-out (an update on an initiative with thousands of
    /// followers) is copied at once: EF's change tracking and INSERT batches cost seconds there.
    /// </summary>
    private async Task StoreAsync(int recipients, List<Notification> notifications, List<OutgoingPush> pushes, List<OutgoingMail> mails,
        List<DigestItem> digestItems, CancellationToken cancellationToken)
    {
        if (recipients < _options.BulkFrom || db.Database.CurrentTransaction is null)
        {
            db.Notifications.AddRange(notifications);
            db.Pushes.AddRange(pushes);
            db.Mails.AddRange(mails);
            db.DigestItems.AddRange(digestItems);
            return;
        }
        // In-app first: the inbox is what the reader sees at once.
        await db.CopyAsync(notifications, cancellationToken);
        await db.CopyAsync(mails, cancellationToken);
        await db.CopyAsync(pushes, cancellationToken);
        await db.CopyAsync(digestItems, cancellationToken);
    }

    /// <summary>
    /// The .ics of a booking or registration, written by the calendar's own appointment code
    /// (libs/ICalendar), its URL on the municipality's host: the same event the personal feed shows.
    /// </summary>
    private MailAttachment? Attachment(Message message, Municipality? municipality, string tenantId, string name)
    {
        if (message.Appointment is not { } appointment)
        {
            return null;
        }
        var url = message.AppointmentPath is { } path ? new Uri(_options.LinkTo(municipality, tenantId, path)) : null;
        var text = Appointments.Calendar(name, [appointment with { Url = url }], method: "PUBLISH");
        return new MailAttachment(message.Kind == NotificationKind.BookingConfirmed ? "afspraak.ics" : "activiteit.ics", text);
    }

    /// <summary>One known account, if the copy has it and it is not erased.</summary>
    public async Task<IReadOnlyList<Recipient>> AccountAsync(Guid? accountId, CancellationToken cancellationToken) =>
        accountId is { } id && await db.Recipients.FirstOrDefaultAsync(r => r.AccountId == id && r.ErasedAt == null, cancellationToken) is { } recipient
            ? [recipient]
            : [];

    /// <summary>The known accounts among <paramref name="accountIds"/> that are not erased.</summary>
    public async Task<IReadOnlyList<Recipient>> AccountsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken) =>
        await db.Recipients.Where(r => accountIds.Contains(r.AccountId) && r.ErasedAt == null).ToListAsync(cancellationToken);

    /// <summary>
    /// Who follows an initiative: its initiator and every account with a reason still on (support,
    /// a comment), except <paramref name="except"/> (who wrote what they would hear of). Read without
    /// tracking: thousands of them, none changed.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> FollowersOfAsync(Guid initiativeId, Guid? initiatorId, Guid except, CancellationToken cancellationToken)
    {
        var following = db.Followers
            .Where(f => f.InitiativeId == initiativeId && f.StartedAt != null && (f.EndedAt == null || f.StartedAt > f.EndedAt))
            .Select(f => f.AccountId);
        return await db.Recipients.AsNoTracking()
            .Where(r => r.ErasedAt == null && r.AccountId != except && (r.AccountId == initiatorId || following.Contains(r.AccountId)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The staff of a wijk in the given roles (directors, aldermen).</summary>
    public async Task<IReadOnlyList<Recipient>> StaffOfAsync(Guid wijk, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        await db.Recipients
            .Where(r => r.ErasedAt == null && r.Wijken.Contains(wijk) && r.Roles.Any(role => roles.Contains(role)))
            .ToListAsync(cancellationToken);

    /// <summary>Directors and aldermen: who hears of a new initiative in their wijk.</summary>
    public static readonly IReadOnlyList<string> WijkStaff = [BuurtRoles.Director, BuurtRoles.Alderman];

    /// <summary>Directors: who answers an initiative and hears when the answer is late.</summary>
    public static readonly IReadOnlyList<string> Directors = [BuurtRoles.Director];
}
