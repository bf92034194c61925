using Buurt.Contracts.Contacts;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.UseCases;

/// <summary>
/// What the wijk network's people hear from contacts: a consent's receipt with the link that
/// withdraws it, and the yearly "is this still right?" with the link that confirms a listing. They
/// are addressed by the event (often a person without an account), not by the account copy; the
/// link carries a secret token, so the mail goes out by e-mail only and its body is blanked once
/// sent. Opening either link changes nothing; its page's button (a POST, at contacts) acts.
/// </summary>
public sealed class ContactsNews(Announcements announcements, NotificationsDbContext db, ITenantContext tenant)
{
    public Task ConsentWithdrawalLinkAsync(ConsentWithdrawalLinkIssued e, CancellationToken cancellationToken) =>
        announcements.AnnounceAsync(new Message(e.EventId, NotificationKind.ConsentWithdrawalLink, e.OccurredAt)
        {
            ContactPointKinds = e.ContactPointKinds,
            Visibility = e.Visibility,
            SecretPath = e.LinkPath,
            SubjectId = e.ConsentId,
        }, [Addressee(e.PersonId, e.Email, e.PersonName, e.Language, e.OccurredAt)], cancellationToken);

    public Task ListingVerificationAsync(ListingVerificationDue e, CancellationToken cancellationToken) =>
        announcements.AnnounceAsync(new Message(e.EventId, NotificationKind.ListingVerification, e.OccurredAt)
        {
            What = e.ListingName,
            LastVerifiedAt = e.LastVerifiedAt,
            SecretPath = e.LinkPath,
            SubjectId = e.ListingId,
        }, [Addressee(e.ListingId, e.Email, e.ListingName, e.Language, e.OccurredAt)], cancellationToken);

    /// <summary>
    /// A person erased at contacts: their link mails go too, a waiting one unsent (contacts deleted
    /// its link) and a sent one's row with their address. A person's listing has the person's id.
    /// </summary>
    public async Task PersonErasedAsync(PersonErased e, CancellationToken cancellationToken) =>
        await db.Mails.Where(m => m.AccountId == e.PersonId
                && (m.Kind == NotificationKind.ConsentWithdrawalLink || m.Kind == NotificationKind.ListingVerification))
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// The address the event names, as a one-off recipient (not kept in the account copy). Keyed by
    /// the person or listing id: the mail queue's (event, id) key still allows one mail per event.
    /// </summary>
    private Recipient Addressee(Guid id, string email, string name, string language, DateTimeOffset at) =>
        Recipient.From(tenant.RequiredTenantId, new AccountState(id, email, name, language, [], []), at);
}
