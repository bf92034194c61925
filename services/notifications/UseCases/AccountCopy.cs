using Buurt.Contracts.Identity;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.UseCases;

/// <summary>
/// The copy of identity's accounts, and identity's own mails (welcome, password reset, invitation),
/// which go out through this service. An erased account leaves a tombstone and nothing else: its
/// notifications, preferences and mails are deleted with it.
/// </summary>
public sealed class AccountCopy(NotificationsDbContext db, Announcements announcements, ITenantContext tenant)
{
    /// <summary>A new account; a resident who registered themselves is welcomed.</summary>
    public async Task RegisteredAsync(AccountRegistered registered, CancellationToken cancellationToken)
    {
        var recipient = await KeepAsync(new AccountState(registered.AccountId, registered.Email, registered.DisplayName, registered.Language,
            registered.Roles, registered.Wijken, registered.PhoneNumber), registered.OccurredAt, cancellationToken);
        if (registered.SelfRegistered && recipient is { IsErased: false })
        {
            await announcements.AnnounceAsync(new Message(registered.EventId, NotificationKind.Welcome, registered.OccurredAt), [recipient], cancellationToken);
        }
    }

    /// <summary>An account's current state (a change, or identity's replay for a new copy).</summary>
    public Task ChangedAsync(AccountChanged changed, CancellationToken cancellationToken) =>
        KeepAsync(new AccountState(changed.AccountId, changed.Email, changed.DisplayName, changed.Language, changed.Roles, changed.Wijken, changed.PhoneNumber),
            changed.OccurredAt, cancellationToken);

    /// <summary>Forgets the account: its address, number and name, its inbox, its choices, its mails and text messages (sent or not) and what it follows.</summary>
    public async Task ErasedAsync(AccountErased erased, CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients.FirstOrDefaultAsync(r => r.AccountId == erased.AccountId, cancellationToken);
        if (recipient is null)
        {
            db.Recipients.Add(Recipient.Tombstone(tenant.RequiredTenantId, erased.AccountId, erased.OccurredAt));
        }
        else
        {
            recipient.Erase(erased.OccurredAt);
        }
        await db.Notifications.Where(n => n.AccountId == erased.AccountId).ExecuteDeleteAsync(cancellationToken);
        await db.Preferences.Where(p => p.AccountId == erased.AccountId).ExecuteDeleteAsync(cancellationToken);
        await db.Mails.Where(m => m.AccountId == erased.AccountId).ExecuteDeleteAsync(cancellationToken);
        await db.DigestItems.Where(i => i.AccountId == erased.AccountId).ExecuteDeleteAsync(cancellationToken);
        await db.PushSubscriptions.Where(s => s.AccountId == erased.AccountId).ExecuteDeleteAsync(cancellationToken); // and, cascading, their pushes
        await db.Followers.Where(f => f.AccountId == erased.AccountId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Mails a password-reset code to the address identity gave (the account may not be in the copy yet).</summary>
    public Task PasswordResetAsync(PasswordResetRequested requested, CancellationToken cancellationToken) =>
        MailCodeAsync(requested.EventId, NotificationKind.PasswordReset, new AccountState(requested.AccountId, requested.Email, requested.DisplayName,
            requested.Language, [], []), requested.Code, requested.OccurredAt, cancellationToken);

    /// <summary>
    /// Mails a new colleague's invitation code, with a link to identity's page where the password is
    /// chosen (the address filled in; the code stays in the mail, never in an address).
    /// </summary>
    public Task StaffInvitedAsync(StaffInvited invited, CancellationToken cancellationToken) =>
        MailCodeAsync(invited.EventId, NotificationKind.StaffInvitation, new AccountState(invited.AccountId, invited.Email, invited.DisplayName,
            invited.Language, [], []), invited.Code, invited.OccurredAt, cancellationToken,
            link: $"account/reset?email={Uri.EscapeDataString(invited.Email)}&lang={invited.Language}");

    private async Task MailCodeAsync(Guid eventId, NotificationKind kind, AccountState account, string code, DateTimeOffset at, CancellationToken cancellationToken,
        string? link = null)
    {
        // Not added to the copy: AccountRegistered and AccountChanged keep it; this one only addresses the mail.
        var addressee = Recipient.From(tenant.RequiredTenantId, account, at);
        await announcements.AnnounceAsync(new Message(eventId, kind, at) { Code = code, Link = link }, [addressee], cancellationToken);
    }

    private async Task<Recipient?> KeepAsync(AccountState state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients.FirstOrDefaultAsync(r => r.AccountId == state.AccountId, cancellationToken);
        if (recipient is null)
        {
            recipient = Recipient.From(tenant.RequiredTenantId, state, at);
            db.Recipients.Add(recipient);
        }
        else
        {
            recipient.Apply(state, at);
        }
        return recipient;
    }
}
