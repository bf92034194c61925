using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.UseCases;

/// <summary>A person's choices per kind and channel, and the one-click unsubscribe from a mail.</summary>
public sealed class PreferenceSettings(NotificationsDbContext db, ITenantContext tenant, IOptions<NotificationOptions> options, TimeProvider time)
{
    /// <summary>One kind's effective choice per channel.</summary>
    public sealed record KindChoice(NotificationKind Kind, bool Transactional, IReadOnlyDictionary<Channel, Delivery> Channels);

    /// <summary>Every kind with what reaches the person on each of its channels (SMS only where it is there for them).</summary>
    public async Task<IReadOnlyList<KindChoice>> OfAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var chosen = await db.Preferences.AsNoTracking().Where(p => p.AccountId == accountId)
            .ToDictionaryAsync(p => (p.Kind, p.Channel), p => p.Delivery, cancellationToken);
        var texts = await TextsAsync(accountId, cancellationToken);
        return Kinds.All.Select(kind => new KindChoice(kind, kind.IsTransactional(), kind.Channels().Where(c => c != Channel.Sms || texts).ToDictionary(
            channel => channel,
            channel => Preferences.Effective(kind, chosen.TryGetValue((kind, channel), out var d) ? d : null)))).ToList();
    }

    /// <summary>
    /// Sets a kind's choice on the channels given (null: unchanged). A transactional kind, or a
    /// channel the kind does not use, is refused naming its field.
    /// </summary>
    public async Task ChooseAsync(Guid accountId, NotificationKind kind, IReadOnlyDictionary<Channel, (Delivery Delivery, string Field)> choices, CancellationToken cancellationToken)
    {
        Preferences.EnsureChangeable(kind, "kind");
        foreach (var (channel, (delivery, field)) in choices)
        {
            if (!kind.Channels().Contains(channel))
            {
                throw Buurt.ServiceDefaults.Domain.RuleException.Invalid(field, $"'{kind.ApiName()}' does not go out on {channel.ApiName()}.");
            }
            Preferences.EnsureAllowed(channel, delivery, field);
            if (channel == Channel.Sms && !await TextsAsync(accountId, cancellationToken))
            {
                throw Buurt.ServiceDefaults.Domain.RuleException.Invalid(field,
                    "Text messages are not there for you: your municipality sends none, or your account has no mobile number.");
            }
        }
        await SetAsync(accountId, kind, choices.ToDictionary(c => c.Key, c => c.Value.Delivery), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The mail link's one-click unsubscribe (RFC 8058): no more mail of this kind for the account
    /// whose token it is. True when the token names an account; unsubscribing twice is fine.
    /// </summary>
    public async Task<bool> UnsubscribeAsync(string token, NotificationKind kind, CancellationToken cancellationToken)
    {
        var recipient = await RecipientOfAsync(token, cancellationToken);
        if (recipient is null || kind.IsTransactional())
        {
            return false;
        }
        // The digest's own link: no more digest, so every kind that went into it goes off.
        var kinds = kind == NotificationKind.Digest
            ? await db.Preferences.Where(p => p.AccountId == recipient.AccountId && p.Channel == Channel.Email && p.Delivery == Delivery.Digest)
                .Select(p => p.Kind).ToListAsync(cancellationToken)
            : [kind];
        foreach (var off in kinds)
        {
            await SetAsync(recipient.AccountId, off, new Dictionary<Channel, Delivery> { [Channel.Email] = Delivery.Off }, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether the caller's municipality sends text messages at all (it names an SMS binding), number or not.</summary>
    public bool SmsOffered => options.Value.SmsBindingOf(tenant.RequiredTenantId) is not null;

    /// <summary>Whether the SMS channel is there for the account: its municipality has an SMS binding and the account a mobile number.</summary>
    private async Task<bool> TextsAsync(Guid accountId, CancellationToken cancellationToken) =>
        SmsOffered
        && await db.Recipients.AnyAsync(r => r.AccountId == accountId && r.PhoneNumber != null && r.ErasedAt == null, cancellationToken);

    /// <summary>The language of the account an unsubscribe token names (for its page), or null when it names none.</summary>
    public async Task<string?> LanguageOfAsync(string token, CancellationToken cancellationToken) =>
        (await RecipientOfAsync(token, cancellationToken))?.Language;

    private Task<Recipient?> RecipientOfAsync(string token, CancellationToken cancellationToken) =>
        token.Length == 32
            ? db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.UnsubscribeToken == token && r.ErasedAt == null, cancellationToken)
            : Task.FromResult<Recipient?>(null);

    private async Task SetAsync(Guid accountId, NotificationKind kind, IReadOnlyDictionary<Channel, Delivery> choices, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = await db.Preferences.Where(p => p.AccountId == accountId && p.Kind == kind).ToListAsync(cancellationToken);
        foreach (var (channel, delivery) in choices)
        {
            if (stored.FirstOrDefault(p => p.Channel == channel) is { } preference)
            {
                preference.Change(delivery, now);
            }
            else
            {
                db.Preferences.Add(Preference.Choose(tenant.RequiredTenantId, accountId, kind, channel, delivery, now));
            }
        }
    }
}
